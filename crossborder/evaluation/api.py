"""/api/v1 endpoints of the evaluation: a seminar's results (programme staff).

`GET /seminars/{slug}/evaluation` answers one object with a key per part: "knowledge" (the pre-
and post-test analysis), "satisfaction" and "follow_up" (the surveys)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.seminars.models import Seminar

from .knowledge.analysis import knowledge_analysis
from .models import KnowledgeTest
from .surveys.analysis import followup_outcomes, satisfaction_summary

router = Router(tags=["evaluation"])


class KnowledgeRowOut(Schema):
    key: str
    label: str
    n: int
    withheld: bool
    reason: str
    pre_mean: float | None
    post_mean: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    gain_of_means: float | None
    gain_per_person: float | None
    p_value: float | None
    effect_size: float | None
    summary: str


class KnowledgeOut(Schema):
    headline: str
    paired: int
    pre_only: int
    post_only: int
    overall: KnowledgeRowOut
    by_profession: list[KnowledgeRowOut]
    by_element: list[KnowledgeRowOut]


class RatingOut(Schema):
    id: int | None
    label: str
    seminar: str
    mean: float | None
    n: int
    distribution: dict[str, int]


class OverallOut(Schema):
    mean: float | None
    n: int
    distribution: dict[str, int]


class SatisfactionOut(Schema):
    surveys: int
    recipients: int
    responses: int
    response_rate: float | None
    overall: OverallOut
    sessions: list[RatingOut]
    speakers: list[RatingOut]


class OutcomeOut(Schema):
    label: str
    reporting: int
    share: float | None
    total: int | None


class FollowUpOut(Schema):
    surveys: int
    recipients: int
    responses: int
    response_rate: float | None
    outcomes: dict[str, OutcomeOut]


class EvaluationOut(Schema):
    seminar: str
    knowledge: KnowledgeOut | None  # None: the seminar has no knowledge test
    satisfaction: SatisfactionOut | None  # None: no satisfaction survey
    follow_up: FollowUpOut | None  # None: no follow-up survey


class Message(Schema):
    detail: str


@router.get(
    "/seminars/{slug}/evaluation",
    response={200: EvaluationOut, 403: Message, 404: Message},
    summary="A seminar's evaluation: knowledge gain, satisfaction, follow-up (programme staff)",
)
def seminar_evaluation(request, slug: str):
    if not access.can_see_seminar_evaluation(request.user):
        raise PermissionDenied
    seminar = Seminar.objects.filter(slug=slug).first()
    if seminar is None:
        return Status(404, {"detail": _("No such seminar.")})
    knowledge = None
    if KnowledgeTest.objects.filter(seminar=seminar).exists():
        knowledge = knowledge_analysis([seminar.pk]).as_dict()
    satisfaction = satisfaction_summary([seminar.pk])
    follow_up = followup_outcomes([seminar.pk])
    return {
        "seminar": seminar.slug,
        "knowledge": knowledge,
        "satisfaction": satisfaction if satisfaction["surveys"] else None,
        "follow_up": follow_up if follow_up["surveys"] else None,
    }
