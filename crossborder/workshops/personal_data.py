"""Personal data of workshops: the groups a person was placed in, the comments they wrote on
their group's drafts, and for staff the allocations, rules and exercises they started."""

from django.utils.translation import gettext_lazy as _

from .models import AllocationRun, DraftComment, ExerciseRun, Membership, PairingRule

LABEL = _("Workshops")


def export(user) -> dict:
    return {
        "groups": [
            {
                "seminar": m.workshop.seminar.title,
                "workshop_start": m.workshop.start,
                "group": m.group.number,
                "language": m.group.language,
            }
            for m in Membership.objects.filter(application__user=user).select_related(
                "workshop__seminar", "group"
            )
        ],
        "draft_comments": [
            {"section": c.section, "comment": c.body, "created_at": c.created_at}
            for c in DraftComment.objects.filter(author=user)
        ],
        "staff_actions": {
            "allocation_runs": list(
                AllocationRun.objects.filter(created_by=user).values_list("created_at", flat=True)
            ),
            "pairing_rules": list(
                PairingRule.objects.filter(created_by=user).values_list("created_at", flat=True)
            ),
            "exercise_runs": list(
                ExerciseRun.objects.filter(created_by=user).values_list("created_at", flat=True)
            ),
        },
    }


def erase(user) -> None:
    """Group memberships stay (they come with the anonymous application); the comments the
    person wrote on drafts go. The drafts themselves are their group's work and stay."""
    DraftComment.objects.filter(author=user).delete()
