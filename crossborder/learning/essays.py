"""Essays: free text graded by a trainer, criterion by criterion, in a grading queue.

An essay question's `data` is {"grader_info": sanitised HTML, "response_template": text,
"rubric": [{"criterion": text, "points": number}, …], "min_words": int|None,
"max_words": int|None}. Like every question it is worth 1 point: the score is the share of the
rubric's points given (sum / total). With no rubric the grader gives one mark from 0 to 1.
"""

import math
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from .grading import count_words
from .models import Answer, Attempt, Question
from .versions import question_as_drawn

MAX_FEEDBACK = 5_000


class GradingError(Exception):
    """The grade cannot be saved; the message is for the grader."""


def rubric_of(question: Question) -> list[dict]:
    """The question's criteria with positive points; [] means one mark (0..1)."""
    criteria = []
    for row in (question.data or {}).get("rubric") or []:
        if not isinstance(row, dict):
            continue
        try:
            points = float(row.get("points"))
        except (TypeError, ValueError):
            continue
        if points > 0 and math.isfinite(points) and str(row.get("criterion") or "").strip():
            criteria.append({"criterion": str(row["criterion"]).strip(), "points": points})
    return criteria


def maxima(question: Question) -> list[float]:
    """The highest score a grader may give per input: each criterion's points, or 1 mark."""
    return [c["points"] for c in rubric_of(question)] or [1.0]


def rubric_rows(question: Question, answer) -> list[dict]:
    """An essay's criteria with the points given (None until graded), for the result page."""
    if question.kind != Question.Kind.ESSAY:
        return []
    given = answer.rubric_scores if answer is not None and answer.graded_at else []
    return [
        {**c, "given": given[i] if i < len(given) else None}
        for i, c in enumerate(rubric_of(question))
    ]


def essay_note(question: Question, response) -> str | None:
    """What a learner is told about a saved essay shorter than the words asked for."""
    least = (question.data or {}).get("min_words") if question.kind == Question.Kind.ESSAY else 0
    words = count_words(response)
    if least and words < least:
        return _("Your essay has %(n)s words; at least %(min)s are asked for.") % {
            "n": words,
            "min": least,
        }
    return None


def answer_for_grading(pk: int):
    """One essay answer of a submitted attempt with what the grading page shows, or None."""
    return (
        Answer.objects.essays()
        .select_related("question__module", "attempt__user", "attempt__quiz__module", "graded_by")
        .filter(pk=pk)
        .first()
    )


def _recompute(attempt: Attempt) -> None:
    """The attempt's score and essays awaiting from its answers; pass or fail once all graded."""
    totals = Answer.objects.filter(
        attempt_id=attempt.pk, question_id__in=attempt.question_ids
    ).aggregate(points=Sum("score"), awaiting=Count("pk", filter=Q(score__isnull=True)))
    attempt.score = round(totals["points"] or 0.0, 3)
    attempt.essays_awaiting = totals["awaiting"]
    attempt.passed = not attempt.essays_awaiting and attempt.percent >= attempt.quiz.pass_mark
    attempt.save(update_fields=["score", "essays_awaiting", "passed"])


@transaction.atomic
def grade_essay(*, answer: Answer, scores: list[float], feedback: str, by) -> Answer:
    """Store a trainer's grade (again, if it was graded before), re-score the attempt, audit it,
    and email the learner once the transaction commits. Raises GradingError; nothing changes."""
    from crossborder import access

    # The essay as the attempt holds it: its rubric is the one the learner answered.
    question = question_as_drawn(answer.attempt, answer.question_id)
    if question.kind != Question.Kind.ESSAY:
        raise GradingError(_("Only essays are graded here."))
    if not access.can_grade_essays(by, answer.question.module):
        raise GradingError(_("You may not grade essays of this module."))
    limits = maxima(question)
    if len(scores) != len(limits):
        raise GradingError(_("Give a score for each criterion."))
    for value, most in zip(scores, limits, strict=True):
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise GradingError(_("Each score must be a number."))
        if not 0 <= value <= most:
            raise GradingError(
                _("Each score must be between 0 and %(most)s points.") % {"most": f"{most:g}"}
            )
    if len(feedback) > MAX_FEEDBACK:
        raise GradingError(
            _("The feedback may have at most %(max)s characters.") % {"max": MAX_FEEDBACK}
        )
    # The attempt is locked first (on PostgreSQL): two trainers grading two essays of the same
    # attempt re-score it one after the other. On SQLite the UPDATE below takes the write lock.
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz__module", "user")
        .get(pk=answer.attempt_id)
    )
    if attempt.submitted_at is None:
        raise GradingError(_("This attempt has not been submitted yet."))
    previous = {"score": answer.score, "by": answer.graded_by_id} if answer.graded_at else None
    answer.rubric_scores = [round(float(v), 3) for v in scores]
    answer.score = round(sum(scores) / sum(limits), 4)
    answer.feedback = feedback.strip()
    answer.graded_by = by
    answer.graded_at = timezone.now()
    answer.save(update_fields=["rubric_scores", "score", "feedback", "graded_by", "graded_at"])
    _recompute(attempt)
    answer.attempt = attempt
    details = {
        "score": answer.score,
        "points": answer.rubric_scores,
        "attempt_score": attempt.score,
        "essays_awaiting": attempt.essays_awaiting,
        "passed": attempt.passed,
    }
    if previous:
        details["previous"] = previous
    record(
        actor=by,
        action="essay.regrade" if previous else "essay.grade",
        obj=answer,
        details=details,
    )
    _email_learner(answer)
    return answer


def _email_learner(answer: Answer) -> None:
    """The learner's email, in their language, sent after the transaction commits."""
    user = answer.attempt.user
    context = {
        "answer": answer,
        "attempt": answer.attempt,
        "module": answer.question.module,
        "user": user,
        "site_url": settings.SITE_URL,
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = render_to_string("learning/email/essay_graded.txt", context).strip()
    subject, _sep, body = text.partition("\n")
    transaction.on_commit(
        partial(send_mail, subject.strip(), body.strip() + "\n", None, [user.email])
    )
