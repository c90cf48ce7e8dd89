"""/api/v1 endpoints for modules and quiz attempts."""

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.api import OPTIONAL_AUTH

from . import services
from .essays import essay_note
from .grading import BadResponse
from .models import Attempt, Module

router = Router(tags=["learning"])


class ModuleOut(Schema):
    slug: str
    title: str
    title_local: str
    summary_local: str
    level: str
    duration_minutes: int
    professions: list[str]
    tags: list[str]

    @staticmethod
    def resolve_tags(obj):
        return [t.code for t in obj.tags.all()]


class LessonOut(Schema):
    slug: str
    title: str
    body: str


class ModuleDetailOut(ModuleOut):
    objectives: list[str]
    objectives_local: list[str]
    sources: list[str]
    prerequisites: list[str]
    lessons: list[LessonOut]

    @staticmethod
    def resolve_prerequisites(obj):
        return [m.slug for m in obj.prerequisites.all()]

    @staticmethod
    def resolve_lessons(obj):
        return list(obj.lessons.all())


class QuestionOut(Schema):
    id: int
    kind: str
    text: str
    choices: list[str]
    # Essays only: the text the answer box starts with and the word limits (a string answer).
    response_template: str | None = None
    min_words: int | None = None
    max_words: int | None = None


class AttemptOut(Schema):
    id: int
    module: str | None  # None: a seminar's knowledge test, not a module's quiz
    number: int
    deadline: datetime
    submitted_at: datetime | None
    score: float | None
    max_score: float | None
    passed: bool
    essays_awaiting: int  # while > 0 the score is provisional and `passed` is not decided
    questions: list[QuestionOut]


class StartIn(Schema):
    module: str


class AnswerIn(Schema):
    response: Any


class AnswerOut(Schema):
    question: int
    saved_at: datetime
    note: str | None = None  # e.g. an essay shorter than the words asked for (saved anyway)


class Message(Schema):
    detail: str


def _attempt_out(attempt: Attempt, module: Module) -> dict:
    return {
        "id": attempt.pk,
        "module": module.slug if module is not None else None,
        "number": attempt.number,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "passed": attempt.passed,
        "essays_awaiting": attempt.essays_awaiting,
        # Choices are listed in their stored positions; answers refer to these numbers.
        "questions": services.attempt_questions(attempt),
    }


@router.get(
    "/modules", response=list[ModuleOut], auth=OPTIONAL_AUTH, summary="Modules you may open"
)
def list_modules(request):
    return access.openable_modules(request.user, Module.objects.prefetch_related("tags"))


@router.get("/modules/{slug}", response={200: ModuleDetailOut, 404: Message}, auth=OPTIONAL_AUTH)
def get_module(request, slug: str):
    module = get_object_or_404(Module.objects.prefetch_related("tags", "lessons"), slug=slug)
    if not access.can_open_module(request.user, module):
        return Status(404, {"detail": _("No such module.")})
    return Status(200, module)


@router.post("/attempts", response={201: AttemptOut, 404: Message, 409: Message})
def start(request, payload: StartIn):
    module = Module.objects.select_related("quiz").filter(slug=payload.module).first()
    if module is None or not access.can_take_quiz(request.user, module):
        return Status(404, {"detail": _("No such module.")})
    try:
        attempt = services.start_attempt(quiz=module.quiz, user=request.user)
    except services.LearningError as error:
        return Status(409, {"detail": str(error)})
    return Status(201, _attempt_out(attempt, module))


def _own(request, attempt_id):
    """The caller's attempt with what a save or a submit needs first; None if it is not theirs."""
    # .get() rather than .first(): no ORDER BY and no LIMIT to compile on the hottest endpoint.
    fields = ("id", "quiz_id", "user_id", "question_ids", "question_versions", "deadline")
    try:
        return Attempt.objects.only(*fields, "submitted_at").get(pk=attempt_id, user=request.user)
    except Attempt.DoesNotExist:
        return None


@router.put(
    "/attempts/{attempt_id}/answers/{question_id}",
    response={200: AnswerOut, 404: Message, 409: Message, 422: Message},
    summary="Save one answer (stored before the reply is sent)",
)
def put_answer(request, attempt_id: int, question_id: int, payload: AnswerIn):
    attempt = _own(request, attempt_id)
    if attempt is None:
        return Status(404, {"detail": _("No such attempt.")})
    try:
        answer = services.save_answer(
            attempt=attempt, question_id=question_id, raw=payload.response, user=request.user
        )
    except BadResponse as error:
        return Status(422, {"detail": str(error)})
    except services.LearningError as error:
        return Status(409, {"detail": str(error)})
    note = essay_note(answer.question, answer.response)
    return Status(200, {"question": question_id, "saved_at": answer.saved_at, "note": note})


@router.post("/attempts/{attempt_id}/submit", response={200: AttemptOut, 404: Message})
def submit(request, attempt_id: int):
    attempt = _own(request, attempt_id)
    if attempt is None:
        return Status(404, {"detail": _("No such attempt.")})
    submitted = services.submit_attempt(attempt=attempt, user=request.user)
    return Status(200, _attempt_out(submitted, submitted.quiz.module))
