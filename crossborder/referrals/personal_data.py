"""What the referral profiles hold on a person (the shared personal-data contract): which
organisations' profiles they edit or edited, and what they changed. The profiles themselves
are the organisations' and stay when a person is erased."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import ReferralEdit, ReferralEditor, ReferralProfile

LABEL = _("Referral profiles")


def export(user) -> dict:
    editorships = ReferralEditor.objects.filter(user=user).select_related("profile")
    edits = ReferralEdit.objects.filter(editor=user).select_related("profile").order_by("at")
    decided = ReferralProfile.objects.filter(decided_by=user).order_by("decided_at")
    return {
        "editor_of": [
            {
                "organisation": e.profile.name,
                "country": e.profile.country.code,
                "profile": e.profile.uid,
                "editor_since": e.added_at.isoformat(),
            }
            for e in editorships
        ],
        "edits": [
            {
                "organisation": e.profile.name,
                "profile": e.profile.uid,
                "at": e.at.isoformat(),
                "fields": e.fields,
            }
            for e in edits
        ],
        "decisions_last_taken": [
            {
                "organisation": p.name,
                "profile": p.uid,
                "status": p.status,
                "at": p.decided_at.isoformat() if p.decided_at else None,
            }
            for p in decided
        ],
    }


@transaction.atomic
def erase(user) -> None:
    """The person stops being an editor; the edits and decisions keep what was done, not who.
    The organisation's profile stays as it is (it carries no personal data)."""
    ReferralEditor.objects.filter(user=user).delete()
    ReferralEditor.objects.filter(added_by=user).update(added_by=None)
    ReferralEdit.objects.filter(editor=user).update(editor=None)
    ReferralProfile.objects.filter(decided_by=user).update(decided_by=None)
