"""A seminar with its knowledge test, participants with seats, and a way to give them scores."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossborder.evaluation.knowledge.services import build_knowledge_test
from crossborder.evaluation.models import KnowledgeForm, Phase, Sitting, form_order
from crossborder.learning.content import load_modules
from crossborder.learning.models import Question
from crossborder.learning.services import save_answer, start_attempt, submit_attempt
from tests.factories import make_applicant, make_call, make_seminar


@pytest.fixture(scope="module")
def _banks_loaded(django_db_setup, django_db_blocker):
    """The shipped question banks, loaded once per test module inside a transaction rolled back
    when the module is done; each test runs in a savepoint within it (as in tests/library)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_modules()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def banks(_banks_loaded, db):
    """The shipped curriculum's question banks."""
    return _banks_loaded


def seminar_in(days: int, slug="vienna"):
    """A two-day seminar whose first day is `days` from today (negative: in the past)."""
    today = timezone.localdate()
    return make_seminar(
        slug,
        status="applications_closed",
        start_date=today + timedelta(days=days),
        end_date=today + timedelta(days=days + 1),
    )


@pytest.fixture
def upcoming(banks, manager):
    """A seminar starting in ten days, with its test (pre-test open to confirmed seats)."""
    seminar = seminar_in(10)
    make_call(seminar, opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now())
    test, _notes = build_knowledge_test(seminar=seminar, by=manager)
    return test


def seat(test, n, *, status="confirmed", profession="prosecutor", user=None):
    """An application holding a seat on the test's seminar."""
    from crossborder.enrolment.models import Application

    call = test.seminar.call
    if user is not None:
        return Application.objects.create(
            call=call, user=user, status=status, profession=user.profile.profession
        )
    return make_applicant(call, n, status=status, profession=profession)


def answer_share(attempt, user, share: float) -> None:
    """Answer the first `share` of the attempt's items right (and leave the rest blank)."""
    from crossborder.demo.learning import _right

    questions = Question.objects.in_bulk(attempt.question_ids)
    ordered = sorted(attempt.question_ids)
    right = ordered[: round(share * len(ordered))]
    for pk in right:
        save_answer(attempt=attempt, question_id=pk, raw=_right(questions[pk]), user=user)


def sit(test, user, phase, share: float):
    """A submitted pre- or post-test with `share` of the items right, whatever the window (the
    analysis tests need both phases without waiting for the seminar)."""
    first, second = form_order(test.pk, user.pk)
    letter = first if phase == Phase.PRE else second
    form = KnowledgeForm.objects.select_related("quiz").get(test=test, letter=letter)
    attempt = start_attempt(quiz=form.quiz, user=user)
    answer_share(attempt, user, share)
    attempt = submit_attempt(attempt=attempt, user=user)
    Sitting.objects.create(test=test, user=user, phase=phase, form=form, attempt=attempt)
    return attempt
