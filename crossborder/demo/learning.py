"""Demo activity in the online modules: a submitted attempt whose essay awaits the trainer."""

import random

from crossborder.accounts.models import Profession, Role, User
from crossborder.learning.models import Attempt, Module, Question
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
