"""Question versions: an attempt keeps the version of each question it was drawn with.

Every save of a question writes a historical record (django-simple-history); its `history_id` is
the version. `Attempt.question_versions` maps each question of an attempt to the version it was
drawn with, and showing the attempt, saving answers, grading and the result page read that
version, never the live question. Only an explicit regrade (`regrading.py`) moves an attempt on.
"""

from django.core.cache import cache
from django.db.models import Max, OuterRef, Subquery

from .models import Attempt, Question

HistoricalQuestion = Question.history.model

# A version never changes: what the answer-save request needs of one is cached for a day.
VERSION_TTL = 24 * 3600


def latest_version_subquery(field: str = "pk") -> Subquery:
    """The id of the newest historical record of the question in `field` (an annotation)."""
    return Subquery(
        HistoricalQuestion.objects.filter(id=OuterRef(field))
        .order_by("-history_id")
        .values("history_id")[:1]
    )


def latest_versions(question_ids) -> dict[int, int]:
    """{question id: id of its newest historical record}, in one query."""
    return dict(
        HistoricalQuestion.objects.filter(id__in=list(question_ids))
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("id", "latest")
    )


def version_of(attempt: Attempt, question_id: int) -> int | None:
    """The version the attempt holds for one of its questions (None: drawn before versions)."""
    versions = attempt.question_versions or {}
    value = versions.get(str(question_id), versions.get(question_id))
    return int(value) if value is not None else None


def cached_version(version: int) -> dict | None:
    """What the bank keeps of one question (see services._shown), as of `version`; cached."""
    key = f"learning-version:{version}"
    shown = cache.get(key)
    if shown is None:
        record = HistoricalQuestion.objects.filter(history_id=version).first()
        if record is None:
            return None
        question = record.instance
        shown = {
            "kind": question.kind,
            "text": question.text,
            "data": question.data,
            "version": version,
        }
        cache.set(key, shown, VERSION_TTL)
    return shown


def questions_of(attempt: Attempt) -> dict[int, Question]:
    """The questions of an attempt as they were when it was drawn (or last regraded), by id:
    one query for the versions, one more only for questions the attempt holds no version of."""
    wanted = {pk: version_of(attempt, pk) for pk in attempt.question_ids}
    versions = [v for v in wanted.values() if v is not None]
    found = {}
    for record in HistoricalQuestion.objects.filter(history_id__in=versions):
        question = record.instance
        question.version = record.history_id
        found[record.id] = question
    missing = [pk for pk in attempt.question_ids if pk not in found]
    if missing:
        for question in Question.objects.filter(pk__in=missing):
            question.version = None
            found[question.pk] = question
    return found


def question_as_drawn(attempt: Attempt, question_id: int) -> Question:
    """One question of an attempt as of the version the attempt holds."""
    version = version_of(attempt, question_id)
    if version is not None:
        record = HistoricalQuestion.objects.filter(history_id=version).first()
        if record is not None:
            question = record.instance
            question.version = version
            return question
    question = Question.objects.get(pk=question_id)
    question.version = None
    return question
