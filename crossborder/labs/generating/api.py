"""The lab API: generating (added to crossborder/api.py ROUTERS).

`GET /labs/{lab_id}/dataset`: the lab's entities, links and transactions, for those who may
view the lab (403 otherwise); the ground-truth fields only for those who may see it (null
otherwise)."""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from crossborder import access

from ..models import Lab
from . import exporting

router = Router(tags=["labs"])


class Message(Schema):
    detail: str


class EntityOut(Schema):
    key: str
    kind: str
    name: str
    country: str
    details: dict
    truth_role: str | None = None
    truth_flags: list[str] | None = None


class LinkOut(Schema):
    source: str
    target: str
    kind: str


class TransactionOut(Schema):
    key: str
    at: datetime
    source: str
    target: str
    amount: Decimal
    currency: str
    channel: str
    reference: str
    truth_flags: list[str] | None = None
    truth_network: bool | None = None


class DatasetOut(Schema):
    lab_id: int
    title: str
    lead: str | None
    with_truth: bool
    entities: list[EntityOut]
    links: list[LinkOut]
    transactions: list[TransactionOut]


@router.get(
    "/labs/{lab_id}/dataset",
    response={200: DatasetOut, 403: Message, 404: Message},
    summary="The dataset of an investigation lab",
)
def lab_dataset(request, lab_id: int):
    lab = get_object_or_404(Lab.objects.select_related("lead"), pk=lab_id)
    group = access.lab_group(request.user, lab)
    if not access.can_view_lab(request.user, lab, group):
        return Status(403, {"detail": "You do not take part in this lab."})
    truth = access.can_see_lab_truth(request.user, lab, group)
    return {
        "lab_id": lab.pk,
        "title": lab.title_local,
        "lead": lab.lead.key if lab.lead else None,
        "with_truth": truth,
        **exporting.dataset(lab, truth=truth),
    }
