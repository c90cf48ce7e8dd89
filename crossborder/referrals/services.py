"""The referral profiles' workflows: publish, edit, decide, and who co-edits."""

from django.db import transaction
from django.utils import timezone

from crossborder.audit.models import record

from .models import Language, Offer, ReferralEdit, ReferralEditor, ReferralProfile, Status

FIELDS = (
    "name",
    "country",
    "regions",
    "how_to_refer",
    "hours",
    "consent",
    "phone",
    "hotline",
    "email",
    "website",
)


def _set_lists(profile: ReferralProfile, data: dict) -> list[str]:
    """Replace the services and languages; the names of those lists that changed."""
    changed = []
    services, languages = set(data["services"]), set(data["languages"])
    if services != {o.service for o in profile.offers.all()}:
        profile.offers.all().delete()
        Offer.objects.bulk_create([Offer(profile=profile, service=s) for s in sorted(services)])
        changed.append("services")
    if languages != {x.code for x in profile.languages.all()}:
        profile.languages.all().delete()
        Language.objects.bulk_create([Language(profile=profile, code=c) for c in sorted(languages)])
        changed.append("languages")
    return changed


@transaction.atomic
def create_referral_profile(*, data: dict, by) -> ReferralProfile:
    """A new profile, its author its first editor; it waits for a manager's approval."""
    profile = ReferralProfile(status=Status.PENDING)
    profile.propose({f: data[f] for f in FIELDS})
    profile.last_reviewed = timezone.localdate()
    profile.save()
    _set_lists(profile, data)
    ReferralEditor.objects.create(profile=profile, user=by, added_by=by)
    ReferralEdit.objects.create(profile=profile, editor=by, fields=["created"])
    record(actor=by, action="referrals.profile.submit", obj=profile)
    return profile


@transaction.atomic
def update_referral_profile(*, profile: ReferralProfile, data: dict, by) -> ReferralProfile:
    """Save the editors' changes and mark the profile reviewed today.

    A published profile stays published: its services and texts change at once, new contact
    details wait for a manager (ReferralProfile.propose). A rejected or withdrawn profile goes
    back to the approval queue."""
    profile = ReferralProfile.objects.select_for_update().get(pk=profile.pk)
    changed = profile.propose({f: data[f] for f in FIELDS})
    changed += _set_lists(profile, data)
    profile.last_reviewed = timezone.localdate()
    resubmitted = profile.status == Status.REJECTED
    if resubmitted:
        profile.status = Status.PENDING
    profile.save()
    ReferralEdit.objects.create(profile=profile, editor=by, fields=changed or ["reviewed"])
    record(
        actor=by,
        action="referrals.profile.resubmit" if resubmitted else "referrals.profile.edit",
        obj=profile,
        details={"fields": changed, "awaiting_approval": sorted(profile.pending_changes)},
    )
    return profile


APPROVE, REJECT, WITHDRAW = "approve", "reject", "withdraw"


@transaction.atomic
def decide_referral_profile(*, profile: ReferralProfile, decision: str, note: str, by):
    """A manager's decision: approve a new profile or its changed contacts, reject them (with
    a reason), or withdraw a published profile (with a reason)."""
    profile = ReferralProfile.objects.select_for_update().get(pk=profile.pk)
    details = {"note": note.strip()}
    if decision == APPROVE:
        details["applied"] = profile.apply_pending_changes()
        profile.status = Status.APPROVED
    elif decision == REJECT and profile.is_approved:
        details["refused"] = profile.pending_changes  # the contacts in force stay
        profile.pending_changes, profile.has_pending_changes = {}, False
    else:  # rejecting a new profile, or withdrawing a published one
        profile.status = Status.REJECTED
        profile.pending_changes, profile.has_pending_changes = {}, False
    profile.decision_note = note.strip()
    profile.decided_by, profile.decided_at = by, timezone.now()
    profile.save()
    record(actor=by, action=f"referrals.profile.{decision}", obj=profile, details=details)
    return profile


@transaction.atomic
def add_referral_editor(*, profile: ReferralProfile, user, by) -> ReferralEditor:
    editor, _created = ReferralEditor.objects.get_or_create(
        profile=profile, user=user, defaults={"added_by": by}
    )
    record(actor=by, action="referrals.editor.add", obj=profile, details={"user": user.pk})
    return editor


@transaction.atomic
def remove_referral_editor(*, profile: ReferralProfile, user, by) -> None:
    ReferralEditor.objects.filter(profile=profile, user=user).delete()
    record(actor=by, action="referrals.editor.remove", obj=profile, details={"user": user.pk})
