"""Personal data of the investigation labs: the person's own (self-study) submissions with
their scores, and the red flags they raised, alone or for their group, with their notes."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Flag, Lab, Submission

LABEL = _("Investigation labs")


def export(user) -> dict:
    return {
        "submissions": [
            {
                "lab": s.lab.title,
                "created_at": s.created_at,
                "submitted_at": s.submitted_at,
                "scores": s.scores,
            }
            for s in Submission.objects.filter(Q(user=user) | Q(submitted_by=user))
            .select_related("lab")
            .distinct()
        ],
        "flags_raised": [
            {
                "lab": f.submission.lab.title,
                "red_flag": f.category,
                "confidence": f.confidence,
                "note": f.note,
                "created_at": f.created_at,
            }
            for f in Flag.objects.filter(created_by=user).select_related("submission__lab")
        ],
        "labs_created": list(Lab.objects.filter(created_by=user).values_list("title", flat=True)),
    }


def erase(user) -> None:
    """Submissions and scores stay (a group's result is the group's); the notes the person
    wrote on their flags go."""
    Flag.objects.filter(created_by=user).exclude(note="").update(note="")
