"""The credentials API (added to crossborder/api.py ROUTERS): verify a certificate by its code
(public, rate-limited, the same facts and status as the verification page) and list my own."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.api import OPTIONAL_AUTH

from .models import Credential
from .ratelimit import allow_lookup
from .views.public import lookup

router = Router(tags=["credentials"])


class HoursOut(Schema):
    code: str
    name: str
    hours: Decimal


class FactsOut(Schema):
    """What the certificate certifies (and nothing else about its holder)."""

    code: str
    kind: str
    language: str
    holder_name: str
    achievement: str
    description: str
    place: str
    start_date: date
    end_date: date
    issued_at: datetime
    issuer_name: str
    signatory: str
    verify_url: str
    hours: list[HoursOut]
    total_hours: Decimal
    score_percent: int | None = None


class VerificationOut(Schema):
    status: str  # "valid" or "revoked"
    revoked_at: datetime | None
    facts: FactsOut


class CredentialOut(Schema):
    code: str
    kind: str
    status: str
    issued_at: datetime
    revoked_at: datetime | None
    facts: FactsOut


class Message(Schema):
    detail: str


@router.get(
    "/credentials/verify/{code}",
    response={200: VerificationOut, 404: Message, 429: Message},
    auth=OPTIONAL_AUTH,
    summary="Verify a certificate by its code (anyone; rate-limited)",
)
def verify(request, code: str):
    if not allow_lookup(request):
        return Status(429, {"detail": _("Too many lookups; please wait a minute.")})
    status, credential = lookup(code)
    if status == "malformed":
        return Status(404, {"detail": _("This is not a certificate code (20 letters and digits).")})
    if status == "unknown":
        return Status(404, {"detail": _("No certificate has this code.")})
    return {"status": status, "revoked_at": credential.revoked_at, "facts": credential.facts}


@router.get(
    "/me/credentials",
    response={200: list[CredentialOut]},
    summary="My certificates",
)
def my_credentials(request):
    if not access.can_have_wallet(request.user):
        raise PermissionDenied
    return [
        {
            "code": c.code,
            "kind": c.kind,
            "status": "revoked" if c.revoked else "valid",
            "issued_at": c.issued_at,
            "revoked_at": c.revoked_at,
            "facts": c.facts,
        }
        for c in Credential.objects.filter(holder=request.user).order_by("-issued_at")
    ]
