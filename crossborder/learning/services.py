"""Attempts: start, save each answer as it is given, submit once. Progress per module."""

import random
from datetime import timedelta

from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from . import versions
from .grading import BadResponse, answer_score, clean_response
from .models import Answer, Attempt, LessonView, Module, Question, Quiz


class LearningError(Exception):
    """Not allowed now; the message is for the learner."""


def progress_of(user, modules) -> dict[int, dict]:
    """Each module's progress for one person, by module id, in four queries however many
    modules there are. A module with investigation labs (self-study, opened) is complete only
    once the learner has submitted the flags of each of them, and each counts as one step of
    the percent, like the quiz."""
    ids = [m.pk for m in modules]
    lessons = dict(
        Module.objects.filter(pk__in=ids).annotate(n=Count("lessons")).values_list("pk", "n")
    )
    viewed = dict(
        LessonView.objects.filter(user=user, lesson__module_id__in=ids)
        .values("lesson__module_id")
        .annotate(n=Count("pk"))
        .values_list("lesson__module_id", "n")
    )
    passed = set(
        Attempt.objects.filter(quiz__module_id__in=ids, user=user, passed=True).values_list(
            "quiz__module_id", flat=True
        )
    )
    labs, labs_done = lab_counts(user, ids)
    out = {}
    for pk in ids:
        total, seen, done = lessons.get(pk, 0), viewed.get(pk, 0), pk in passed
        n_labs, n_done = labs.get(pk, 0), labs_done.get(pk, 0)
        out[pk] = {
            "lessons": total,
            "viewed": seen,
            "passed": done,
            "labs": n_labs,
            "labs_submitted": n_done,
            "complete": done and seen >= total and n_done >= n_labs,
            "percent": round(100 * (seen + (1 if done else 0) + n_done) / (total + 1 + n_labs)),
        }
    return out


def lab_counts(user, module_ids) -> tuple[dict, dict]:
    """The self-study labs of the modules that count (opened: open or closed) and how many of
    them the learner has submitted, by module id (one query)."""
    from crossborder.labs.models import Lab, Submission

    rows = (
        Lab.objects.filter(module_id__in=module_ids, status__in=["open", "closed"])
        .annotate(
            submitted=Exists(
                Submission.objects.filter(lab=OuterRef("pk"), user=user, submitted_at__isnull=False)
            )
        )
        .values_list("module_id", "submitted")
    )
    labs: dict = {}
    done: dict = {}
    for module_id, submitted in rows:
        labs[module_id] = labs.get(module_id, 0) + 1
        done[module_id] = done.get(module_id, 0) + submitted
    return labs, done


def progress(user, module: Module) -> dict:
    return progress_of(user, [module])[module.pk]


def missing_prerequisites(user, module: Module) -> list[Module]:
    required = list(module.prerequisites.all())
    done = progress_of(user, required)
    return [p for p in required if not done[p.pk]["complete"]]


def mark_viewed(*, user, lesson) -> None:
    LessonView.objects.get_or_create(user=user, lesson=lesson)


def _choices(kind: str, data: dict) -> list[str]:
    """The texts a learner chooses from, in their stored positions (answers refer to these)."""
    if kind in ("single", "multiple"):
        return [o["text"] for o in data.get("options", [])]
    if kind == "matching":
        return [p["right"] for p in data.get("pairs", [])] + list(data.get("distractors", []))
    if kind == "ordering":
        return list(data.get("items", []))
    if kind == "gapselect":
        return [c["text"] for c in data.get("choices", [])]
    return []


def _bank_key(quiz_id: int) -> str:
    return f"learning-bank-v2:{quiz_id}"  # v2: with each question's version


def forget_banks(quiz_ids) -> None:
    """Drop this process's copies of the banks: a question of theirs changed (see signals.py).
    Other processes drop theirs within the minute they keep them (settings: CACHES "local")."""
    caches["local"].delete_many([_bank_key(pk) for pk in quiz_ids])


def question_bank(quiz_id: int) -> dict:
    """What starting an attempt, showing it and checking a saved answer need of a quiz's
    questions, with each question's current version, kept a minute in the cache (dropped when a
    question changes): a burst of learners starting the same quiz, or saving answers, then costs
    no question queries."""
    key = _bank_key(quiz_id)
    bank = caches["local"].get(key)
    if bank is None:
        quiz = Quiz.objects.select_related("module").get(pk=quiz_id)
        fixed = list(quiz.questions.values_list("pk", flat=True))
        # A quiz without a module (a seminar's knowledge-test form) has no pool: all fixed.
        own = Q(module_id=quiz.module_id) if quiz.module_id is not None else Q(pk__in=[])
        rows = (
            Question.objects.filter(own | Q(pk__in=fixed))
            .only("pk", "module_id", "kind", "text", "data", "hidden")
            .annotate(version=versions.latest_version_subquery())
        )
        questions, pool = {}, []
        for question in rows:
            if question.hidden:
                continue  # hidden in the bank: never drawn, never shown
            questions[question.pk] = _shown(question)
            own_module = quiz.module_id is not None and question.module_id == quiz.module_id
            if own_module and question.kind != "description":
                pool.append(question.pk)  # descriptions are shown when fixed, never drawn
        fixed = [pk for pk in fixed if pk in questions]
        bank = {
            "fixed": fixed,
            "pool": sorted(pool),
            "questions": questions,
            "prerequisites": list(quiz.module.prerequisites.values_list("pk", flat=True))
            if quiz.module_id is not None
            else [],
        }
        caches["local"].set(key, bank, 60)
    return bank


def _shown(question: Question) -> dict:
    """A question as the bank keeps it: what a learner sees, the data to check answers, and the
    version (historical record id) it is."""
    return {
        "kind": question.kind,
        "text": question.text,
        "choices": _choices(question.kind, question.data),
        "data": question.data,
        "version": getattr(question, "version", None),
    }


def _banked_question(attempt: Attempt, pk: int, bank: dict) -> dict:
    """One question of an attempt as of the version the attempt holds: from its quiz's `bank`
    when that is still the current version, else from the version's (cached) record; one added
    to the quiz after the bank was cached, or drawn before versions, is read from the database."""
    held = versions.version_of(attempt, pk)
    question = bank["questions"].get(pk)
    if question is not None and (held is None or question["version"] == held):
        return question
    if held is not None:
        old = versions.cached_version(held)
        if old is not None:
            return {**old, "choices": _choices(old["kind"], old["data"])}
    live = Question.objects.only("pk", "kind", "text", "data").get(pk=pk)
    live.version = None
    return _shown(live)


def _as_question(pk: int, banked: dict) -> Question:
    return Question(pk=pk, kind=banked["kind"], text=banked["text"], data=banked["data"])


def attempt_question(attempt: Attempt, pk: int) -> Question | None:
    """One question of an attempt (kind and data, as of its version) to read and check an
    answer with; None when it is not part of the attempt. No query when the bank is cached."""
    if pk not in attempt.question_ids:
        return None
    return _as_question(pk, _banked_question(attempt, pk, question_bank(attempt.quiz_id)))


def held_questions(attempt: Attempt) -> dict[int, Question]:
    """Every question of an attempt as it holds them, by id (the bank is read once: each read
    of the cached bank unpickles all of it)."""
    bank = question_bank(attempt.quiz_id)
    return {
        pk: _as_question(pk, _banked_question(attempt, pk, bank)) for pk in attempt.question_ids
    }


def attempt_questions(attempt: Attempt) -> list[dict]:
    """The questions of an attempt as a learner sees them (id, kind, text, choices in their
    stored positions)."""
    out, bank = [], question_bank(attempt.quiz_id)
    for pk in attempt.question_ids:
        question = _banked_question(attempt, pk, bank)
        item = {
            "id": pk,
            "kind": question["kind"],
            "text": question["text"],
            "choices": question["choices"],
        }
        if question["kind"] == Question.Kind.ESSAY:
            data = question["data"]
            item["response_template"] = data.get("response_template") or ""
            item["min_words"] = data.get("min_words") or None
            item["max_words"] = data.get("max_words") or None
        out.append(item)
    return out


@transaction.atomic
def start_attempt(*, quiz: Quiz, user) -> Attempt:
    """Resume the open attempt if there is one; otherwise draw a new one."""
    mine = list(
        Attempt.objects.select_for_update()
        .filter(quiz=quiz, user=user)
        .values_list("pk", "submitted_at")
    )
    open_pk = next((pk for pk, submitted in mine if submitted is None), None)
    if open_pk is not None:
        open_attempt = Attempt.objects.get(pk=open_pk)
        open_attempt.quiz = quiz
        if open_attempt.is_open:
            return open_attempt
        submit_attempt(attempt=open_attempt, user=user)  # the time ran out: submitted as it is
    if quiz.closes_at and quiz.closes_at < timezone.now():
        raise LearningError(_("This quiz is closed."))
    done = len(mine)
    if done >= quiz.attempts_allowed:
        raise LearningError(
            _("You have used all %(n)s attempts at this quiz.") % {"n": quiz.attempts_allowed}
        )
    bank = question_bank(quiz.pk)
    missing = missing_prerequisites(user, quiz.module) if bank["prerequisites"] else []
    if missing:
        raise LearningError(
            _("Complete %(modules)s first.") % {"modules": ", ".join(m.title for m in missing)}
        )
    rng = random.Random()
    question_ids = quiz.draw(rng, fixed=bank["fixed"], pool=bank["pool"])
    layout = {}
    for pk in question_ids:
        q = bank["questions"][pk]
        if q["kind"] in ("single", "multiple", "matching", "ordering", "gapselect"):
            order = list(range(len(q["choices"])))
            if (quiz.shuffle and q["data"].get("shuffle", True)) or q["kind"] in (
                "matching",
                "ordering",
            ):
                rng.shuffle(order)
            layout[str(pk)] = order
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=done + 1,
        question_ids=question_ids,
        question_versions={
            str(pk): bank["questions"][pk]["version"]
            for pk in question_ids
            if bank["questions"][pk]["version"] is not None
        },
        layout=layout,
        deadline=timezone.now() + timedelta(minutes=quiz.time_limit_minutes),
    )
    # No audit entry: the attempt itself records who started it and when; its submission is
    # audited with the score. (A start is the busiest write of a class opening a quiz at once.)
    return attempt


def save_answer(*, attempt: Attempt, question_id: int, raw, user) -> Answer:
    """Store one answer the moment it is given. Raises LearningError or BadResponse."""
    if attempt.user_id != user.pk:
        raise LearningError(_("This is not your attempt."))
    if question_id not in attempt.question_ids:
        raise LearningError(_("This question is not part of your attempt."))
    if not attempt.is_open:
        raise LearningError(_("This attempt is closed; answers can no longer be changed."))
    question = attempt_question(attempt, question_id)
    response = clean_response(question, raw)
    # Scored now, against the version the attempt holds, so that submitting only adds up (and
    # checks); the score is not shown to anyone before the attempt is submitted.
    answer = Answer(
        attempt=attempt,
        question=question,
        response=response,
        score=answer_score(question, response),
        saved_at=timezone.now(),
    )
    # One statement (INSERT … ON CONFLICT DO UPDATE) on both databases: the answer is committed
    # before the reply is sent, and concurrent saves of the same answer cannot clash.
    Answer.objects.bulk_create(
        [answer],
        update_conflicts=True,
        unique_fields=["attempt", "question"],
        update_fields=["response", "score", "saved_at"],
    )
    return answer


@transaction.atomic
def submit_attempt(*, attempt: Attempt, user) -> Attempt:
    """Grade on the server. Submitting twice changes nothing."""
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("quiz__module")
        .get(pk=attempt.pk)
    )
    if attempt.user_id != user.pk:
        raise LearningError(_("This is not your attempt."))
    attempt.user = user
    if attempt.submitted_at is not None:
        return attempt
    # The answers, graded with the questions as the attempt holds them (its versions). Each was
    # scored when saved; a score that differs (an answer stored some other way) is put right.
    questions = held_questions(attempt)
    total, awaiting, changed = 0.0, 0, []
    for answer in Answer.objects.filter(attempt_id=attempt.pk).only(
        "pk", "question_id", "response", "score"
    ):
        question = questions.get(answer.question_id)
        if question is None:
            continue
        score = answer_score(question, answer.response)
        if score != answer.score:
            answer.score = score
            changed.append(answer)
        if question.kind == Question.Kind.ESSAY:
            awaiting += score is None  # a trainer grades it (essays.grade_essay)
        total += score or 0.0
    Answer.objects.bulk_update(changed, ["score"])
    attempt.score = round(total, 3)
    # Description items carry no points.
    attempt.max_score = float(sum(1 for q in questions.values() if q.kind not in Question.UNSCORED))
    attempt.essays_awaiting = awaiting
    attempt.submitted_at = min(timezone.now(), attempt.deadline + timedelta(seconds=5))
    # Pass or fail is decided only once every essay is graded.
    attempt.passed = not awaiting and attempt.percent >= attempt.quiz.pass_mark
    attempt.save(update_fields=["score", "max_score", "essays_awaiting", "submitted_at", "passed"])
    details = {"score": attempt.score, "of": attempt.max_score, "passed": attempt.passed}
    if awaiting:
        details["essays_awaiting"] = awaiting
    record(actor=user, action="attempt.submit", obj=attempt, details=details)
    return attempt


__all__ = ["BadResponse", "LearningError", "save_answer", "start_attempt", "submit_attempt"]
