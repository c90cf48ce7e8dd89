"""Regrading: after a key correction, a manager explicitly re-scores past submitted attempts
with the question's current version. First a preview (whose scores change), then `regrade`.

Submitted attempts otherwise keep the version they were drawn with (see versions.py): nothing
changes a learner's result but this, and each regrade is one audit entry.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from . import versions
from .grading import grade
from .models import Answer, Attempt, Question, Quiz


class RegradeError(Exception):
    """The regrade cannot be applied; the message is for the manager."""


@dataclass
class Change:
    """One submitted attempt holding an older version of the question."""

    attempt: Attempt
    answer: Answer | None
    old_points: float | None
    new_points: float | None
    old_score: float
    new_score: float
    old_passed: bool
    new_passed: bool

    @property
    def changes_score(self) -> bool:
        return self.old_score != self.new_score

    @property
    def changes_result(self) -> bool:
        return self.old_passed != self.new_passed

    @property
    def old_percent(self) -> float:
        return _percent(self.old_score, self.attempt.max_score)

    @property
    def new_percent(self) -> float:
        return _percent(self.new_score, self.attempt.max_score)


def _percent(score, max_score) -> float:
    return 0.0 if not max_score else round(100 * (score or 0) / max_score, 1)


def _points(question: Question, answer: Answer | None) -> float | None:
    """The points of a stored response under `question`; a response the corrected question can
    no longer read (an option removed) scores 0."""
    if answer is None:
        return None
    try:
        return grade(question, answer.response)
    except (IndexError, KeyError, TypeError, ValueError):
        return 0.0


def current_version(question: Question) -> int:
    version = versions.latest_versions([question.pk]).get(question.pk)
    if version is None:  # never without one (migration 0006, every save): be safe anyway
        raise RegradeError(_("This question has no version to regrade with."))
    return version


def _affected(question: Question, version: int, *, lock: bool = False) -> list[Attempt]:
    """Submitted attempts that drew the question and hold an older version of it."""
    quizzes = Quiz.objects.filter(Q(module_id=question.module_id) | Q(questions=question.pk))
    attempts = (
        Attempt.objects.filter(submitted_at__isnull=False, quiz_id__in=quizzes.values("pk"))
        .select_related("user", "quiz")
        .order_by("submitted_at", "pk")
    )
    if lock:
        attempts = attempts.select_for_update(of=("self",))
    return [
        a
        for a in attempts
        if question.pk in a.question_ids and versions.version_of(a, question.pk) != version
    ]


def attempts_behind(question: Question) -> int:
    """How many submitted attempts hold an older version of the question: what a regrade would
    move (0 for essays and descriptions, which are never regraded)."""
    if question.kind in Question.NOT_AUTO_GRADED:
        return 0
    return len(_affected(question, current_version(question)))


def preview_regrade(*, question: Question) -> tuple[int, list[Change]]:
    """(the current version, one Change per affected attempt); reads only."""
    version = current_version(question)
    return version, _changes(question, version, _affected(question, version))


def _changes(question: Question, version: int, attempts: list[Attempt]) -> list[Change]:
    if question.kind in Question.NOT_AUTO_GRADED:
        raise RegradeError(
            _("Essays and descriptions are not graded automatically: nothing to regrade.")
        )
    current = question.history.get(history_id=version).instance
    answers = {
        a.attempt_id: a
        for a in Answer.objects.filter(question_id=question.pk, attempt__in=attempts).only(
            "pk", "attempt_id", "question_id", "response", "score"
        )
    }
    changes = []
    for attempt in attempts:
        answer = answers.get(attempt.pk)
        old_points = answer.score if answer else None
        new_points = _points(current, answer)
        new_score = round((attempt.score or 0) - (old_points or 0) + (new_points or 0), 3)
        new_passed = not attempt.essays_awaiting and (
            _percent(new_score, attempt.max_score) >= attempt.quiz.pass_mark
        )
        changes.append(
            Change(
                attempt=attempt,
                answer=answer,
                old_points=old_points,
                new_points=new_points,
                old_score=attempt.score or 0.0,
                new_score=new_score,
                old_passed=attempt.passed,
                new_passed=new_passed,
            )
        )
    return changes


def _note(changed: list[Change], shown: int = 10) -> str:
    """What the audit log shows of a regrade: whose scores moved, "a@b.eu: 1 → 2; …"."""
    parts = [
        f"{c.attempt.user.email}: {round(c.old_score, 2):g} → {round(c.new_score, 2):g}"
        for c in changed[:shown]
    ]
    if len(changed) > shown:
        parts.append(f"+{len(changed) - shown}")
    return "; ".join(parts)


@transaction.atomic
def regrade(*, question: Question, version: int, by) -> list[Change]:
    """Re-score every submitted attempt holding an older version of `question` with `version`
    (the one the manager previewed; refused if the question changed since), move those attempts
    to it, and write one audit entry. The changes made are returned."""
    if version != current_version(question):
        raise RegradeError(
            _("The question was changed after this preview: look at the new preview first.")
        )
    changes = _changes(question, version, _affected(question, version, lock=True))
    if not changes:
        raise RegradeError(_("Every submitted attempt already holds the current version."))
    answers, attempts = [], []
    for change in changes:
        attempt = change.attempt
        if change.answer is not None and change.answer.score != change.new_points:
            change.answer.score = change.new_points
            answers.append(change.answer)
        attempt.score, attempt.passed = change.new_score, change.new_passed
        attempt.question_versions = {
            **(attempt.question_versions or {}),
            str(question.pk): version,
        }
        attempts.append(attempt)
    Answer.objects.bulk_update(answers, ["score"])
    Attempt.objects.bulk_update(attempts, ["score", "passed", "question_versions"])
    changed = [c for c in changes if c.changes_score or c.changes_result]
    record(
        actor=by,
        action="question.regrade",
        obj=question,
        details={
            "question": question.pk,
            "version": version,
            "attempts": len(attempts),
            "changed": [
                {
                    "attempt": c.attempt.pk,
                    "learner": c.attempt.user.email,
                    "score": [c.old_score, c.new_score],
                    "passed": [c.old_passed, c.new_passed],
                }
                for c in changed
            ],
            "note": _note(changed),
        },
    )
    return changes
