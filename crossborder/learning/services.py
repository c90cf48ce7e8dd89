"""Attempts: start, save each answer as it is given, submit once. Progress per module."""

import json
import random
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from .grading import BadResponse, clean_response, grade
from .models import Answer, Attempt, LessonView, Module, Question, Quiz


class LearningError(Exception):
    """Not allowed now; the message is for the learner."""


def progress(user, module: Module) -> dict:
    lessons = module.lessons.count()
    viewed = LessonView.objects.filter(user=user, lesson__module=module).count()
    passed = Attempt.objects.filter(quiz__module=module, user=user, passed=True).exists()
    return {
        "lessons": lessons,
        "viewed": viewed,
        "passed": passed,
        "complete": passed and viewed >= lessons,
        "percent": round(100 * (viewed + (1 if passed else 0)) / (lessons + 1)),
    }


def missing_prerequisites(user, module: Module) -> list[Module]:
    return [p for p in module.prerequisites.all() if not progress(user, p)["complete"]]


def mark_viewed(*, user, lesson) -> None:
    LessonView.objects.get_or_create(user=user, lesson=lesson)


@transaction.atomic
def start_attempt(*, quiz: Quiz, user) -> Attempt:
    """Resume the open attempt if there is one; otherwise draw a new one."""
    open_attempt = (
        Attempt.objects.select_for_update()
        .filter(quiz=quiz, user=user, submitted_at__isnull=True)
        .first()
    )
    if open_attempt and open_attempt.is_open:
        return open_attempt
    if open_attempt:  # the time ran out: it is submitted as it stands
        submit_attempt(attempt=open_attempt, user=user)
    if quiz.closes_at and quiz.closes_at < timezone.now():
        raise LearningError(_("This quiz is closed."))
    done = Attempt.objects.filter(quiz=quiz, user=user).count()
    if done >= quiz.attempts_allowed:
        raise LearningError(
            _("You have used all %(n)s attempts at this quiz.") % {"n": quiz.attempts_allowed}
        )
    missing = missing_prerequisites(user, quiz.module)
    if missing:
        raise LearningError(
            _("Complete %(modules)s first.") % {"modules": ", ".join(m.title for m in missing)}
        )
    rng = random.Random()
    question_ids = quiz.draw(rng)
    questions = Question.objects.only("pk", "kind", "data").in_bulk(question_ids)
    layout = {}
    for pk, q in questions.items():
        if q.kind in ("single", "multiple", "matching", "ordering"):
            size = len(q.data.get("options") or q.data.get("pairs") or q.data.get("items"))
            order = list(range(size))
            if quiz.shuffle or q.kind in ("matching", "ordering"):
                rng.shuffle(order)
            layout[str(pk)] = order
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=done + 1,
        question_ids=question_ids,
        layout=layout,
        deadline=timezone.now() + timedelta(minutes=quiz.time_limit_minutes),
    )
    record(actor=user, action="attempt.start", obj=attempt)
    return attempt


def _question(pk: int) -> Question:
    """Questions change rarely and are read on every save: keep them a minute in the cache.
    (Grading at submit reads them fresh from the database.)"""
    key = f"learning-question:{pk}"
    question = cache.get(key)
    if question is None:
        question = Question.objects.only("pk", "kind", "data").get(pk=pk)
        cache.set(key, question, 60)
    return question


def save_answer(*, attempt: Attempt, question_id: int, raw, user) -> Answer:
    """Store one answer the moment it is given. Raises LearningError or BadResponse."""
    if attempt.user_id != user.pk:
        raise LearningError(_("This is not your attempt."))
    if question_id not in attempt.question_ids:
        raise LearningError(_("This question is not part of your attempt."))
    if not attempt.is_open:
        raise LearningError(_("This attempt is closed; answers can no longer be changed."))
    question = _question(question_id)
    response = clean_response(question, raw)
    # One statement (INSERT … ON CONFLICT DO UPDATE) on SQLite and PostgreSQL alike: the answer
    # is committed before the reply is sent, and concurrent saves of the same answer cannot clash.
    # Written out rather than built by the ORM: this is the hottest write of the platform.
    answer = Answer(attempt=attempt, question=question, response=response, saved_at=timezone.now())
    json_param = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO learning_answer (attempt_id, question_id, response, saved_at)"  # noqa: S608 (fixed SQL)
            f" VALUES (%s, %s, {json_param}, %s) ON CONFLICT (attempt_id, question_id)"
            " DO UPDATE SET response = excluded.response, saved_at = excluded.saved_at",
            [
                attempt.pk,
                question.pk,
                json.dumps(response),
                connection.ops.adapt_datetimefield_value(answer.saved_at),
            ],
        )
    return answer


@transaction.atomic
def submit_attempt(*, attempt: Attempt, user) -> Attempt:
    """Grade on the server. Submitting twice changes nothing."""
    attempt = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if attempt.user_id != user.pk:
        raise LearningError(_("This is not your attempt."))
    if attempt.submitted_at is not None:
        return attempt
    questions = Question.objects.in_bulk(attempt.question_ids)
    answers = {a.question_id: a for a in attempt.answers.all()}
    total = 0.0
    graded = []
    for pk in attempt.question_ids:
        answer = answers.get(pk)
        if answer is None:
            continue
        answer.score = grade(questions[pk], answer.response)
        graded.append(answer)
        total += answer.score
    Answer.objects.bulk_update(graded, ["score"])  # one statement for all answers
    attempt.score = round(total, 3)
    attempt.max_score = float(len(attempt.question_ids))
    attempt.submitted_at = min(timezone.now(), attempt.deadline + timedelta(seconds=5))
    attempt.passed = attempt.percent >= attempt.quiz.pass_mark
    attempt.save()
    record(
        actor=user,
        action="attempt.submit",
        obj=attempt,
        details={"score": attempt.score, "of": attempt.max_score, "passed": attempt.passed},
    )
    return attempt


@transaction.atomic
def import_questions(*, module: Module, items: list[dict], by) -> int:
    """Add previewed, valid questions to a module's bank; keys already there are skipped."""
    created = 0
    for item in items:
        _question, new = Question.objects.get_or_create(
            module=module,
            key=item["key"],
            defaults={
                "category": item.get("category", "")[:60],
                "kind": item["kind"],
                "text": item["text"],
                "data": item["data"],
                "explanation": item.get("explanation") or "",
                "source": (item.get("source") or "")[:400],
            },
        )
        created += new
    record(actor=by, action="questions.import", obj=module, details={"created": created})
    return created


__all__ = ["BadResponse", "LearningError", "save_answer", "start_attempt", "submit_attempt"]
