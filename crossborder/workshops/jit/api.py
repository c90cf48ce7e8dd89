"""/api/v1/workshops/{id}/drafts: every group's JIT draft of a workshop, for its trainers and
programme staff, with what the checklist finds missing."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from crossborder import access
from crossborder.workshops.models import Draft, Workshop

from . import checklist

router = Router(tags=["workshops"])


class MissingItemOut(Schema):
    key: str
    section: str
    text: str
    detail: str


class DraftOut(Schema):
    run: int
    exercise: str
    run_status: str
    group: int
    content: dict
    met: int
    applicable: int
    missing: list[MissingItemOut]
    submitted_at: datetime | None
    updated_at: datetime


@router.get("/workshops/{workshop_id}/drafts", response=list[DraftOut])
def workshop_drafts(request, workshop_id: int):
    """The JIT drafts of every exercise run of this workshop slot, group by group: the trainers
    of the slot and programme staff only (403 for participants, even for their own group)."""
    workshop = get_object_or_404(Workshop, pk=workshop_id)
    if not access.can_review_drafts(request.user, workshop):
        raise PermissionDenied
    drafts = (
        Draft.objects.filter(run__workshop=workshop, run__exercise__kind="jit_agreement")
        .select_related("run__exercise", "group")
        .order_by("run_id", "group__number")
    )
    out = []
    for d in drafts:
        results = checklist.check(d.content, d.run.exercise.checklist)
        counts = checklist.summary(results)
        out.append(
            {
                "run": d.run_id,
                "exercise": d.run.exercise.slug,
                "run_status": d.run.status,
                "group": d.group.number,
                "content": d.content,
                "met": counts["met"],
                "applicable": counts["applicable"],
                "missing": [
                    {"key": r.key, "section": r.section, "text": r.text, "detail": r.detail}
                    for r in results
                    if r.missing
                ],
                "submitted_at": d.submitted_at,
                "updated_at": d.updated_at,
            }
        )
    return out
