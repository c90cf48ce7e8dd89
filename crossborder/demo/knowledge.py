"""Demo knowledge tests: the three held seminars get their pre- and post-test, and their
attendees' attempts, answered through the quiz engine and then moved back to when they were
taken. Gains differ by profession and element: judges gain most on financial investigations
(element B), law-enforcement officers least on prevention, demand and impunity (element C, where
the case law on states' duties sits), financial officers least on their own field. Some attendees
skip the post-test, a few took only the post-test."""

import random
from datetime import time, timedelta

from django.db import transaction

from crossborder.accounts.models import User
from crossborder.demo.learning import _right
from crossborder.enrolment.models import Application
from crossborder.evaluation.knowledge.services import build_knowledge_test
from crossborder.evaluation.models import FormItem, KnowledgeForm, Phase, Sitting, form_order
from crossborder.learning.grading import BadResponse
from crossborder.learning.models import Answer, Attempt, Question
from crossborder.learning.services import save_answer, start_attempt, submit_attempt
from crossborder.seminars.models import Seminar

SEED = 1313
HELD = [
    "vienna-2026-law-identification-evidence",
    "lisbon-2026-follow-the-money",
    "warsaw-2026-cyber-enabled-thb",
]
STORY_PARTICIPANT = "participant@example.org"  # attended Vienna: takes both tests there

# Chance of a right answer before the seminar, and what the seminar adds, by element.
BEFORE = {
    "judge": {"A": 0.55, "B": 0.32, "C": 0.55},
    "prosecutor": {"A": 0.60, "B": 0.42, "C": 0.50},
    "law_enforcement": {"A": 0.62, "B": 0.42, "C": 0.45},
    "financial_compliance": {"A": 0.38, "B": 0.65, "C": 0.40},
    "labour_inspector": {"A": 0.45, "B": 0.38, "C": 0.52},
    "civil_society": {"A": 0.40, "B": 0.30, "C": 0.62},
    "other_authority": {"A": 0.45, "B": 0.40, "C": 0.45},
}
GAIN = {
    "judge": {"A": 0.14, "B": 0.38, "C": 0.16},
    "prosecutor": {"A": 0.12, "B": 0.26, "C": 0.15},
    "law_enforcement": {"A": 0.10, "B": 0.20, "C": 0.03},
    "financial_compliance": {"A": 0.18, "B": 0.04, "C": 0.10},
    "labour_inspector": {"A": 0.18, "B": 0.16, "C": 0.10},
    "civil_society": {"A": 0.18, "B": 0.20, "C": 0.06},
    "other_authority": {"A": 0.14, "B": 0.14, "C": 0.14},
}


def _wrong(question: Question, rng: random.Random):
    """A plausible wrong response, or None to leave the item unanswered."""
    data = question.data
    if question.kind == "single":
        return rng.choice([i for i, o in enumerate(data["options"]) if not o["correct"]])
    if question.kind == "multiple":
        wrong = [i for i, o in enumerate(data["options"]) if not o["correct"]]
        return wrong[:1] or [0]
    if question.kind == "true_false":
        return not data["answer"]
    if question.kind == "matching":
        n = len(data["pairs"])
        return [(i + 1) % n for i in range(n)]
    if question.kind == "ordering":
        return list(reversed(range(len(data["items"]))))
    if question.kind == "numeric":
        return str(float(data["answer"]) * 3 + 7)
    return None


def _take(form, user, chance: dict[str, float], element_of, rng, *, started, minutes):
    """One attempt at a form: of each element's items, about `chance` of them right (the rest
    wrong, or now and then left blank); then dated to when it was taken."""
    attempt = start_attempt(quiz=form.quiz, user=user)
    questions = Question.objects.in_bulk(attempt.question_ids)
    by_element = {}
    for pk in attempt.question_ids:
        by_element.setdefault(element_of[pk], []).append(pk)
    for code, pks in by_element.items():
        rng.shuffle(pks)
        right = round(chance[code] * len(pks) + rng.uniform(-0.5, 0.5))
        for i, pk in enumerate(pks):
            raw = _right(questions[pk]) if i < right else _wrong(questions[pk], rng)
            if raw is None or (i >= right and rng.random() < 0.1):
                continue  # left unanswered
            try:
                save_answer(attempt=attempt, question_id=pk, raw=raw, user=user)
            except BadResponse:
                continue
    attempt = submit_attempt(attempt=attempt, user=user)
    submitted = started + timedelta(minutes=minutes)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=started, deadline=started + timedelta(minutes=20), submitted_at=submitted
    )
    Answer.objects.filter(attempt=attempt).update(saved_at=submitted)
    return attempt


def _clamp(p: float) -> float:
    return min(0.97, max(0.05, p))


def _seed_seminar(seminar, manager, rng) -> int:
    test, _notes = build_knowledge_test(seminar=seminar, by=manager)
    start = seminar.local_datetime(seminar.start_date, time(9))
    test.created_at = start - timedelta(days=75)
    test.save(update_fields=["created_at"])
    windows = test.windows()
    forms = {f.letter: f for f in KnowledgeForm.objects.filter(test=test).select_related("quiz")}
    element_of = dict(
        FormItem.objects.filter(form__test=test).values_list("question_id", "element__code")
    )
    attendees = (
        Application.objects.filter(call__seminar=seminar, status=Application.Status.ATTENDED)
        .select_related("user__profile")
        .order_by("pk")
    )
    sittings = 0
    for application in attendees:
        user = application.user
        story = user.email == STORY_PARTICIPANT
        profession = application.profession or user.profile.profession
        before = BEFORE.get(profession, BEFORE["other_authority"])
        gain = GAIN.get(profession, GAIN["other_authority"])
        ability = rng.gauss(0, 0.07)
        takes_pre = story or rng.random() < 0.94
        takes_post = story or rng.random() < (0.85 if takes_pre else 1.0)
        first, second = form_order(test.pk, user.pk)
        plan = []
        if takes_pre:
            when = windows.pre_closes - timedelta(days=rng.randint(2, 25), hours=rng.randint(0, 9))
            chance = {code: _clamp(before[code] + ability) for code in before}
            plan.append((Phase.PRE, first, when, chance))
        if takes_post:
            when = windows.post_opens + timedelta(hours=rng.randint(2, 24 * 9))
            learnt = rng.gauss(0, 0.05)
            chance = {code: _clamp(before[code] + gain[code] + ability + learnt) for code in before}
            plan.append((Phase.POST, second, when, chance))
        for phase, letter, when, chance in plan:
            attempt = _take(
                forms[letter],
                user,
                chance,
                element_of,
                rng,
                started=when,
                minutes=rng.randint(6, 18),
            )
            Sitting.objects.create(
                test=test,
                user=user,
                phase=phase,
                form=forms[letter],
                attempt=attempt,
                created_at=when,
            )
            sittings += 1
    return sittings


def seed_knowledge() -> dict:
    """Idempotent: a seminar that already has its test is left as it is."""
    manager = User.objects.filter(email="manager@example.org").first()
    rng = random.Random(SEED)
    tests = sittings = 0
    for slug in HELD:
        seminar = Seminar.objects.filter(slug=slug, knowledge_test__isnull=True).first()
        if seminar is None or manager is None:
            continue
        with transaction.atomic():
            sittings += _seed_seminar(seminar, manager, rng)
        tests += 1
    story = Application.objects.filter(
        user__email=STORY_PARTICIPANT,
        call__seminar__slug=HELD[0],
        status=Application.Status.ATTENDED,
    ).exists()
    return {"tests": tests, "sittings": sittings, "story_participant_attended": story}
