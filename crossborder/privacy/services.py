"""Data rights: the person's export, and the deletion of their account.

Both walk the registry (registry.py), so every app contributes its part and none is forgotten.
"""

import json

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from crossborder.audit.models import AuditEntry

from .registry import sections

FORMAT = "crossborder-personal-data"
VERSION = 1


def personal_data(user) -> dict:
    """Everything the platform holds on `user`: one section per app, in a versioned envelope."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.now(),
        "subject": {"id": user.pk},
        "sections": {
            s.label: {"title": s.title, "data": s.module.export(user)} for s in sections()
        },
    }


def export_json(user) -> bytes:
    """The export as the file the person downloads (UTF-8 JSON, dates in ISO 8601)."""
    data = personal_data(user)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def record_export(*, user) -> AuditEntry:
    """The audit trail keeps the fact that the person downloaded their data, not its content."""
    return AuditEntry.objects.create(
        actor=user,
        actor_email=user.email,
        action="privacy.export",
        object_type=get_user_model()._meta.label_lower,
        object_id=str(user.pk),
        object_repr="",
        details={"sections": [s.label for s in sections()]},
    )


@transaction.atomic
def delete_account(*, user) -> AuditEntry:
    """Erase the person's identity in every app, keep what the statistics need, anonymously.

    The apps erase in the reverse order of INSTALLED_APPS, so the accounts app, which holds
    the name and the email address the others may still look for, goes last. The audit trail
    records that an account was deleted, with its role only: no name, no email."""
    role = user.role
    for section in reversed(sections()):
        section.module.erase(user)
    return AuditEntry.objects.create(
        actor=None,
        actor_email="",
        action="account.delete",
        object_type=get_user_model()._meta.label_lower,
        object_id=str(user.pk),
        object_repr="",
        details={"by": "self", "role": role, "sections": [s.label for s in sections()]},
    )
