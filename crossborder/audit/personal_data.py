"""Personal data in the audit trail: what the person did (their own entries) and who looked at
or changed their account and profile. On deletion the trail keeps what happened, not who."""

from django.contrib.admin.models import LogEntry
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

LABEL = _("Audit log")

ABOUT_THE_PERSON = ("accounts.user", "accounts.profile")


def _entry(e: AuditEntry) -> dict:
    return {
        "at": e.created_at,
        "kind": e.kind,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": e.object_id,
    }


def export(user) -> dict:
    about = Q(object_type="accounts.user", object_id=str(user.pk))
    if hasattr(user, "profile"):
        about |= Q(object_type="accounts.profile", object_id=str(user.profile.pk))
    return {
        "by_you": [_entry(e) for e in AuditEntry.objects.filter(actor=user)],
        "about_you_by_others": [
            _entry(e) for e in AuditEntry.objects.filter(about).exclude(actor=user)
        ],
        "administration_site_changes": [
            {
                "at": e.action_time,
                "object_type": e.content_type.model if e.content_type_id else "",
                "object_id": e.object_id,
                "action": e.get_action_flag_display(),
            }
            for e in LogEntry.objects.filter(user=user).select_related("content_type")
        ],
    }


def erase(user) -> None:
    """Entries stay (the trail is append-only); the person's email and the labels naming
    them go. The link to the (anonymised) account stays, so an auditor still sees that one
    person did these things, without knowing who."""
    name = user.get_full_name()
    if len(name) < 5 or " " not in name:  # too short to tell them from anybody else
        name = ""
    AuditEntry.objects.forget_person(email=user.email, name=name)
