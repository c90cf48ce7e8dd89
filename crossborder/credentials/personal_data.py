"""Personal data of credentials: the certificates issued to the person, with the facts they
certify (a certificate names its holder)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Credential

LABEL = _("Certificates")

REASON = "The holder deleted their account."


def export(user) -> list:
    return [
        {
            "kind": c.kind,
            "code": c.code,
            "issued_at": c.issued_at,
            "revoked_at": c.revoked_at,
            "revoked_reason": c.revoked_reason,
            "facts": c.facts,
            "open_badge": c.open_badge,
        }
        for c in Credential.objects.filter(holder=user).order_by("issued_at")
    ]


def erase(user) -> None:
    """A certificate names its holder and is signed with the name: it is revoked (whoever
    checks its code learns that it no longer stands), its signed forms and PDF go, and the
    stored facts keep everything but the name (the hours of training stay countable)."""
    now = timezone.now()
    for credential in Credential.objects.filter(holder=user):
        if credential.pdf:
            credential.pdf.delete(save=False)
        credential.facts = {**credential.facts, "holder_name": ""}
        credential.open_badge = None
        credential.key_id = ""
        if credential.revoked_at is None:
            credential.revoked_at = now
            credential.revoked_reason = REASON
        credential.save(
            update_fields=["facts", "open_badge", "key_id", "pdf", "revoked_at", "revoked_reason"]
        )
