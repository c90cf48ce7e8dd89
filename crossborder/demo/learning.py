"""Demo activity in the online modules: a submitted attempt whose essay awaits the trainer,
and the learning that followed the three held seminars (lessons read, quizzes passed and
failed, essays graded by the trainer), through the real services."""

import math
import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from crossborder import access
from crossborder.accounts.models import Profession, Role, User
from crossborder.enrolment.models import Application
from crossborder.learning.essays import grade_essay
from crossborder.learning.models import Answer, Attempt, LessonView, Module, Question
from crossborder.learning.services import save_answer, start_attempt, submit_attempt

MODULE = "labour-exploitation-and-companies"
ESSAY = (
    "Act: the recruiter recruited the workers abroad and organised their transport; the "
    "employer received them on the farm.\n\n"
    "Means: they were deceived about the pay. Keeping their passports and deducting travel and "
    "housing from their wages left them with no real alternative but to stay, which is abuse of "
    "a position of vulnerability.\n\n"
    "Purpose: exploitation of their labour on the farm.\n\n"
    "The worker's agreement: she agreed to come and to work, but she agreed to a different job "
    "and pay. Because deception was used, her consent does not matter under Article 2."
)


def _right(question: Question):
    """A correct response to an automatically graded question (as save_answer takes it)."""
    data = question.data
    if question.kind == "single":
        return next(i for i, o in enumerate(data["options"]) if o["correct"])
    if question.kind == "multiple":
        return [i for i, o in enumerate(data["options"]) if o["correct"]]
    if question.kind == "true_false":
        return data["answer"]
    if question.kind == "matching":
        return list(range(len(data["pairs"])))
    if question.kind == "ordering":
        return list(range(len(data["items"])))
    if question.kind == "short":
        return data["accepted"][0]
    return data["answer"]


def seed_essay_to_grade() -> dict:
    """Idempotent: one labour inspector's submitted attempt at the labour-exploitation quiz,
    most answers right and the essay waiting in the trainer's grading queue."""
    module = Module.objects.filter(slug=MODULE).select_related("quiz").first()
    learner = (
        User.objects.filter(role=Role.PARTICIPANT, profile__profession=Profession.LABOUR_INSPECTOR)
        .exclude(email="participant@example.org")
        .order_by("email")
        .first()
    )
    if module is None or learner is None:
        return {"essays": 0}
    if Attempt.objects.filter(quiz=module.quiz, user=learner).exists():
        return {"essays": 0}
    attempt = start_attempt(quiz=module.quiz, user=learner)
    questions = Question.objects.in_bulk(attempt.question_ids)
    rng = random.Random(20261204)
    for pk in attempt.question_ids:
        question = questions[pk]
        if question.kind == Question.Kind.ESSAY:
            raw = ESSAY
        elif rng.random() < 0.85:
            raw = _right(question)
        else:
            continue
        save_answer(attempt=attempt, question_id=pk, raw=raw, user=learner)
    submit_attempt(attempt=attempt, user=learner)
    return {"essays": 1}


# --- Learning after the held seminars --------------------------------------------------------

# The modules that follow up each held seminar, in the order attendees take them (a module's
# prerequisite comes before it).
FOLLOW_UP = {
    "vienna-2026-law-identification-evidence": [
        "thb-law-and-2024-reform",
        "identification-referral-non-punishment",
        "evidence-beyond-testimony",
        "human-rights-case-law",
    ],
    "lisbon-2026-follow-the-money": [
        "financial-intelligence",
        "asset-recovery-and-compensation",
        "labour-exploitation-and-companies",
    ],
    "warsaw-2026-cyber-enabled-thb": [
        "cyber-enabled-thb",
        "intelligence-led-eu-cooperation",
        "women-children-new-forms",
    ],
}
# Who knows a module's field best from their daily work (added to a learner's ability).
HOME_GROUND = {
    "thb-law-and-2024-reform": {"judge": 0.6, "prosecutor": 0.6},
    "identification-referral-non-punishment": {"civil_society": 0.7, "labour_inspector": 0.3},
    "evidence-beyond-testimony": {"prosecutor": 0.6, "law_enforcement": 0.4},
    "human-rights-case-law": {"judge": 0.8},
    "financial-intelligence": {"financial_compliance": 0.9, "law_enforcement": 0.2},
    "asset-recovery-and-compensation": {"prosecutor": 0.5, "financial_compliance": 0.4},
    "labour-exploitation-and-companies": {"labour_inspector": 0.9},
    "cyber-enabled-thb": {"law_enforcement": 0.6},
    "intelligence-led-eu-cooperation": {"law_enforcement": 0.5, "prosecutor": 0.3},
    "women-children-new-forms": {"civil_society": 0.6},
}
SEED = 20261205
JOURNEY = "participant@example.org"
JOURNEY_PASSED = "thb-law-and-2024-reform"
JOURNEY_READING = "evidence-beyond-testimony"
# Essays of weaker learners for the labour module's fixed essay, with the trainer's rubric
# points (elements; means; consent) and feedback.
ESSAYS = [
    (
        ESSAY,
        [2, 2, 1],
        "A complete analysis: each element is tied to the facts, and you explain why her "
        "agreement does not matter.",
    ),
    (
        "Act: recruitment and transport of the workers to the farm.\n\n"
        "Means: the recruiter lied about the pay, which is deception.\n\n"
        "Purpose: labour exploitation on the farm.\n\n"
        "The worker's agreement: she came voluntarily, so the prosecution would have to show "
        "that she did not really understand what she agreed to. Her statement will be "
        "important evidence and the case is harder to prove.",
        [2, 1, 0],
        "Act and purpose are right. The passports kept and the debts deducted from wages are "
        "also means (abuse of a position of vulnerability). Once a means is used, her consent "
        "is irrelevant under Article 2(4): it does not have to be disproved.",
    ),
    (
        "This is labour exploitation because the workers are paid less than promised and the "
        "employer keeps their passports, which is not allowed. The recruiter brought them "
        "from another Member State. Since one worker agreed to come and to work, she is not "
        "a victim of trafficking, but the employer can be fined by the labour inspectorate "
        "for the low wages and the deductions.",
        [1, 0.5, 0],
        "Name the act, the means and the purpose separately. Keeping passports and deducting "
        "debts are means, and her agreement does not matter once a means is used (Article "
        "2(4)): she can be a victim although she agreed to come.",
    ),
]


def _wrong(question: Question, rng: random.Random):
    """A plausible wrong response to an automatically graded question."""
    data = question.data
    if question.kind == "single":
        return rng.choice([i for i, o in enumerate(data["options"]) if not o["correct"]])
    if question.kind == "multiple":
        right = [i for i, o in enumerate(data["options"]) if o["correct"]]
        wrong = [i for i, o in enumerate(data["options"]) if not o["correct"]]
        return right[:1] + wrong[:1] if wrong else right[:1]
    if question.kind == "true_false":
        return not data["answer"]
    if question.kind in ("matching", "ordering"):
        n = len(data["pairs"] if question.kind == "matching" else data["items"])
        order = list(range(n))
        return order[1:] + order[:1] if n > 1 else order
    if question.kind == "short":
        return "I am not sure"
    if question.kind == "numeric":
        return data["answer"] * 2 + 1
    return _right(question)


def _chance(ability: float, question_id: int) -> float:
    """Probability of a right answer: the learner's ability against the item's difficulty
    (fixed per question, so that item statistics show easy, hard and discriminating items)."""
    difficulty = random.Random(question_id * 7919).gauss(-0.9, 0.9)
    return 1 / (1 + math.exp(-1.4 * (ability - difficulty)))


def _take_quiz(module, user, ability, rng, when, trainer) -> Attempt:
    """One attempt through the real services, answered at the learner's level, then dated."""
    attempt = start_attempt(quiz=module.quiz, user=user)
    questions = Question.objects.in_bulk(attempt.question_ids)
    essay = None
    for pk in attempt.question_ids:
        question = questions[pk]
        if question.kind == Question.Kind.DESCRIPTION:
            continue
        if question.kind == Question.Kind.ESSAY:
            essay = ESSAYS[0 if ability > 0.8 else 1 if ability > -0.3 else 2]
            raw = essay[0]
        else:
            raw = _right(question) if rng.random() < _chance(ability, pk) else _wrong(question, rng)
        save_answer(attempt=attempt, question_id=pk, raw=raw, user=user)
    attempt = submit_attempt(attempt=attempt, user=user)
    if essay is not None and trainer is not None:
        answer = Answer.objects.get(attempt=attempt, question__kind=Question.Kind.ESSAY)
        grade_essay(answer=answer, scores=essay[1], feedback=essay[2], by=trainer)
    minutes = rng.randint(9, 26)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=when,
        deadline=when + timedelta(minutes=module.quiz.time_limit_minutes),
        submitted_at=when + timedelta(minutes=minutes),
    )
    Answer.objects.filter(attempt=attempt).update(saved_at=when + timedelta(minutes=minutes - 1))
    return Attempt.objects.get(pk=attempt.pk)


def _read(user, lessons, when) -> None:
    LessonView.objects.bulk_create(
        [
            LessonView(user=user, lesson=lesson, viewed_at=when + timedelta(minutes=12 * i))
            for i, lesson in enumerate(lessons)
        ],
        ignore_conflicts=True,
    )


def _learn(user, profession, modules, rng, start, now, trainer) -> tuple[int, int]:
    """A learner's way through the follow-up modules: lessons read, quizzes taken (a second
    try after a fail, most of the time), stopping part-way at times. (attempts, lessons read)."""
    ability = rng.gauss(0.2, 0.9)
    attempts = lessons_read = 0
    when = start
    for module in modules:
        lessons = list(module.lessons.all())
        boost = HOME_GROUND.get(module.slug, {}).get(profession, 0.0)
        if rng.random() < 0.12:  # started reading, not finished yet
            read = lessons[: rng.randint(1, max(1, len(lessons) - 1))]
            _read(user, read, when)
            return attempts, lessons_read + len(read)
        _read(user, lessons, when)
        lessons_read += len(lessons)
        when += timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
        attempt = _take_quiz(module, user, ability + boost, rng, min(when, now), trainer)
        attempts += 1
        if not attempt.passed:
            if rng.random() < 0.3:
                return attempts, lessons_read  # not tried again (yet)
            when += timedelta(days=rng.randint(2, 10))
            attempt = _take_quiz(module, user, ability + boost + 0.9, rng, min(when, now), trainer)
            attempts += 1
            if not attempt.passed:
                return attempts, lessons_read
        if rng.random() < 0.35:
            return attempts, lessons_read  # enough for now
        when += timedelta(days=rng.randint(3, 20))
    return attempts, lessons_read


@transaction.atomic
def seed_learning() -> dict:
    """Idempotent: the attendees of the three held seminars take the follow-up modules that
    fit their profession and that they may open, in the weeks after the seminar; and
    participant@example.org passes one module and is part-way through another. Each learner is
    skipped when they already have an attempt at one of the modules."""
    now = timezone.now() - timedelta(hours=1)
    trainer = User.objects.filter(email="trainer@example.org").first()
    modules = {
        m.slug: m
        for m in Module.objects.filter(slug__in={s for slugs in FOLLOW_UP.values() for s in slugs})
        .select_related("quiz")
        .prefetch_related("prerequisites", "lessons")
    }
    # Whoever has begun one of these modules (an attempt or a lesson read) is left as they are.
    started = set(
        Attempt.objects.filter(quiz__module__in=modules.values()).values_list("user_id", flat=True)
    ) | set(
        LessonView.objects.filter(lesson__module__in=modules.values()).values_list(
            "user_id", flat=True
        )
    )
    attempts = lessons = learners = 0
    for seminar_slug, slugs in FOLLOW_UP.items():
        attended = (
            Application.objects.filter(call__seminar__slug=seminar_slug, status="attended")
            .exclude(user__email=JOURNEY)
            .select_related("user__profile", "call__seminar")
            .order_by("pk")
        )
        for application in attended:
            user = application.user
            # One random stream per learner: what one does never changes what another does,
            # and a learner passed over once is passed over again on the next run.
            rng = random.Random(f"{SEED}-{seminar_slug}-{user.email}")
            if user.pk in started or rng.random() < 0.2:  # a fifth take no module
                continue
            profession = user.profile.profession
            fitting = []
            for slug in slugs:
                module = modules.get(slug)
                if (
                    module is not None
                    and profession in (module.professions or [])
                    and access.can_open_module(user, module)
                    and all(p in fitting for p in module.prerequisites.all())
                ):
                    fitting.append(module)
            if not fitting:
                continue
            end = application.call.seminar.end_date
            start = timezone.make_aware(datetime.combine(end, time(19))) + timedelta(
                days=rng.randint(1, 21)
            )
            if start >= now:
                continue
            done = _learn(user, profession, fitting, rng, start, now, trainer)
            attempts, lessons, learners = attempts + done[0], lessons + done[1], learners + 1
    attempts += _journey(modules, now, random.Random(SEED))
    return {"learners": learners, "attempts": attempts, "lessons": lessons}


def _journey(modules, now, rng) -> int:
    """participant@example.org after Vienna: the law module passed, the evidence module
    part-way (lessons read, quiz not started)."""
    user = User.objects.filter(email=JOURNEY).first()
    passed, reading = modules.get(JOURNEY_PASSED), modules.get(JOURNEY_READING)
    if user is None or passed is None or reading is None:
        return 0
    if Attempt.objects.filter(user=user, quiz__module__in=[passed, reading]).exists():
        return 0
    when = timezone.make_aware(datetime(2026, 3, 24, 18, 30))
    _read(user, list(passed.lessons.all()), when)
    attempt = _take_quiz(passed, user, 3.0, rng, when + timedelta(days=2), None)
    lessons = list(reading.lessons.all())
    _read(user, lessons[: max(1, len(lessons) // 2)], min(now, when + timedelta(days=40)))
    return 1 if attempt else 0
