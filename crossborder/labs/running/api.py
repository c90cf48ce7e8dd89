"""The lab API: running (added to crossborder/api.py ROUTERS).

`POST /api/v1/labs/{lab_id}/flags` stores flags for the caller's group (or, in self-study, for
the caller) through the same service as the flag form, all or none, and submits them when
`submit` is true. Body: `{"flags": [{"item", "category", "confidence", "note"}, ...],
"submit": false}`; `flags` may be empty when `submit` is true (submit what is stored).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access

from ..flagging import FlagError, FlagRequest, add_flags, submission_of
from ..models import Lab
from ..redflags import Confidence
from .services import LabError, submit_flags

router = Router(tags=["labs"])


class FlagIn(Schema):
    item: str
    category: str
    confidence: int = Confidence.MEDIUM
    note: str = ""


class FlagsIn(Schema):
    flags: list[FlagIn] = []
    submit: bool = False


class FlagOut(Schema):
    id: int
    item: str
    category: str
    confidence: int
    note: str


class FlagsOut(Schema):
    flags: list[FlagOut]
    submitted_at: datetime | None
    scores: dict | None


class Problem(Schema):
    detail: str


class _Refused(Exception):
    def __init__(self, status: int, detail: str):
        self.status, self.detail = status, detail


def _conflict(lab: Lab, user, group) -> bool:
    """Whether a refusal comes from the state (closed, not open, submitted): 409, not 400."""
    lab.refresh_from_db(fields=["status"])
    submission = submission_of(lab, user=user, group=group)
    return lab.status != Lab.Status.OPEN or (submission is not None and submission.submitted)


@router.post(
    "/labs/{lab_id}/flags",
    response={201: FlagsOut, 400: Problem, 403: Problem, 409: Problem},
)
def post_flags(request, lab_id: int, payload: FlagsIn):
    """Flag entities and transactions of the lab for the caller's group (participants only):
    201 with the stored flags (and the score when submitted), 403 for anyone who does not work
    on the lab, 409 when the lab is not open or the flags were already submitted, 400 for any
    other refusal (unknown item, duplicate, bad category...). Nothing is stored on a refusal."""
    lab = get_object_or_404(Lab, pk=lab_id)
    user = request.user
    group = access.lab_group(user, lab)
    if not access.works_on_lab(user, lab, group):
        raise PermissionDenied
    requests = [FlagRequest(f.item, f.category, f.confidence, f.note) for f in payload.flags]
    try:
        with transaction.atomic():
            flags = add_flags(lab=lab, requests=requests, by=user, group=group) if requests else []
            submission = None
            if payload.submit:
                submission = submit_flags(lab=lab, by=user, group=group)
            elif not requests:
                raise _Refused(400, _("No flag was given."))
    except (FlagError, LabError) as error:
        return Status(409 if _conflict(lab, user, group) else 400, {"detail": str(error)})
    except _Refused as refused:
        return Status(refused.status, {"detail": refused.detail})
    return Status(
        201,
        {
            "flags": [
                {
                    "id": f.pk,
                    "item": (f.entity or f.transaction).key,
                    "category": f.category,
                    "confidence": f.confidence,
                    "note": f.note,
                }
                for f in flags
            ],
            "submitted_at": submission.submitted_at if submission else None,
            "scores": submission.scores if submission else None,
        },
    )
