"""The credentials API of the signed forms (added to crossborder/api.py ROUTERS).

POST /api/v1/credentials/verify: the body is an Open Badges 3.0 credential's JSON, as
downloaded; the answer says whether it is valid and, if not, why. Public (also for visitors),
rate-limited per client IP; a body over the size limit is refused (413) before it is read.
"""

from allauth.core import ratelimit
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder.api import OPTIONAL_AUTH

from .verifying import MAX_BYTES, verify_document

router = Router(tags=["credentials"])


class FileFactsOut(Schema):
    holder_name: str
    achievement: str
    place: str
    start_date: str
    end_date: str
    total_hours: str
    issuer_name: str
    verify_url: str


class FileVerificationOut(Schema):
    valid: bool
    reasons: list[str]
    revoked_at: str | None = None
    facts: FileFactsOut | None = None


def _answer(status: int, verification=None, reason: str = ""):
    if verification is None:
        return Status(status, {"valid": False, "reasons": [reason]})
    facts = verification.facts
    return Status(
        status,
        {
            "valid": verification.valid,
            "reasons": verification.reasons,
            "revoked_at": verification.revoked_at.isoformat() if verification.revoked_at else None,
            "facts": facts
            and {
                **{k: getattr(facts, k) for k in FileFactsOut.model_fields},
                "start_date": facts.start_date.isoformat(),
                "end_date": facts.end_date.isoformat(),
                "total_hours": str(facts.total_hours),
            },
        },
    )


@router.post(
    "/credentials/verify",
    response={
        200: FileVerificationOut,
        400: FileVerificationOut,
        413: FileVerificationOut,
        429: FileVerificationOut,
    },
    auth=OPTIONAL_AUTH,
    summary="Check a credential file (Open Badges 3.0 JSON in the body)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def verify_credential(request):
    """200 with `valid` true or false and the reasons; 400 when the body is not a credential
    at all (not JSON, too deeply nested, empty); 413 when it is over the size limit."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES:
        return _answer(
            413,
            reason=_("The body is too large; a credential is at most %(max)s KB.")
            % {"max": MAX_BYTES // 1024},
        )
    if not ratelimit.consume(request, action="credential_verify"):
        return _answer(429, reason=_("Too many checks from your address; try again in a minute."))
    raw = request.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return _answer(
            413,
            reason=_("The body is too large; a credential is at most %(max)s KB.")
            % {"max": MAX_BYTES // 1024},
        )
    verification = verify_document(raw)
    # Not a JSON object at all (not JSON, too deep, empty): a bad request. Any JSON object is
    # an answer about a credential: 200, valid or not, with the reasons.
    return _answer(200 if verification.parsed else 400, verification)
