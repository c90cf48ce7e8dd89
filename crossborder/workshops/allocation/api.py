"""/api/v1 endpoints of the workshop groups.

`GET /seminars/{slug}/groups`: programme staff and the seminar's trainers read every slot's
groups with all members and scores; anyone else signed in reads only their own published
groups (an empty list when they have none); visitors get 401.
`POST /workshops/{id}/allocate` (programme staff): queue an allocation; 400 with the
conflicting constraints in words, and nothing saved, when it cannot be done.
`GET /allocations/{id}` (programme staff): the run's status, progress and result.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.seminars.models import Seminar

from ..models import AllocationRun, Workshop
from . import services
from .board import boards, my_groups

router = Router(tags=["workshops"])


class Message(Schema):
    detail: str


class MemberOut(Schema):
    application_id: int
    name: str
    profession: str
    country: str
    organisation: str


class GroupOut(Schema):
    id: int
    number: int
    room: str
    trainer: str | None
    language: str
    diversity: float | None = None
    members: list[MemberOut]


class WorkshopOut(Schema):
    id: int | None
    start: datetime
    published: bool
    diversity: float | None = None
    random_diversity: float | None = None
    groups: list[GroupOut]


class AllocateIn(Schema):
    groups: int | None = None
    size: int | None = None


class AllocateOut(Schema):
    run_id: int
    status: str
    status_url: str


class RunOut(Schema):
    id: int
    workshop_id: int
    status: str
    error: str
    progress: dict
    result: dict


def _member(m) -> dict:
    a = m.application
    return {
        "application_id": a.pk,
        "name": a.user.get_full_name(),
        "profession": a.profession,
        "country": a.country,
        "organisation": a.organisation,
    }


def _group(g, members, diversity=None) -> dict:
    return {
        "id": g.pk,
        "number": g.number,
        "room": g.room,
        "trainer": g.trainer.name if g.trainer else None,
        "language": g.language,
        "diversity": diversity,
        "members": [_member(m) for m in members],
    }


@router.get(
    "/seminars/{slug}/groups",
    response={200: list[WorkshopOut], 404: Message},
    summary="Workshop groups of a seminar",
)
def seminar_groups(request, slug: str):
    seminar = get_object_or_404(Seminar, slug=slug)
    if not access.can_view_seminar(request.user, seminar):
        return Status(404, {"detail": "Not found."})
    if access.can_see_all_groups(request.user, seminar):
        return [
            {
                "id": b.workshop.pk if b.workshop else None,
                "start": b.slot.start,
                "published": bool(b.workshop and b.workshop.published_at),
                "diversity": b.overall["diversity"] if b.overall else None,
                "random_diversity": b.random["diversity"] if b.random else None,
                "groups": [_group(c.group, c.members, c.scores.get("diversity")) for c in b.cards],
            }
            for b in boards(seminar)
        ]
    return [
        {
            "id": row["workshop"].pk,
            "start": row["workshop"].start,
            "published": True,
            "groups": [_group(row["group"], row["members"])],
        }
        for row in my_groups(request.user, seminar)
        if access.can_see_own_group(request.user, row["workshop"])
    ]


@router.post(
    "/workshops/{workshop_id}/allocate",
    response={202: AllocateOut, 400: Message, 403: Message, 404: Message},
    summary="Allocate a workshop's groups",
)
def allocate(request, workshop_id: int, payload: AllocateIn):
    if not access.can_manage_groups(request.user):
        raise PermissionDenied
    workshop = get_object_or_404(Workshop.objects.select_related("seminar"), pk=workshop_id)
    try:
        run = services.start_allocation(
            seminar=workshop.seminar,
            slot_key=int(workshop.start.timestamp()),
            groups=payload.groups,
            size=payload.size,
            by=request.user,
        )
    except services.AllocationError as error:
        return Status(400, {"detail": " ".join(str(m) for m in error.messages)})
    run.refresh_from_db(fields=["status"])
    url = reverse("allocation-run", args=[workshop.seminar.slug, run.pk])
    return Status(202, {"run_id": run.pk, "status": run.status, "status_url": url})


@router.get(
    "/allocations/{run_id}",
    response={200: RunOut, 403: Message, 404: Message},
    summary="Status, progress and result of a group allocation",
)
def allocation(request, run_id: int):
    if not access.can_manage_groups(request.user):
        raise PermissionDenied
    return get_object_or_404(AllocationRun, pk=run_id)
