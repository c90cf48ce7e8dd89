from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from crossborder.accounts.models import User
from crossborder.learning.content import load_modules
from crossborder.learning.models import Attempt, Module
from crossborder.quickread import read_one

pytestmark = pytest.mark.django_db


def test_it_reads_a_row_with_the_orms_conversions_and_defers_the_rest(participant):
    load_modules()
    quiz = Module.objects.get(slug="thb-law-and-2024-reform").quiz
    deadline = timezone.now() + timedelta(minutes=30)
    made = Attempt.objects.create(
        quiz=quiz, user=participant, number=1, question_ids=[3, 1, 2], deadline=deadline
    )

    attempt = read_one(Attempt, ("id", "user", "question_ids", "deadline"), "id = %s", [made.pk])

    assert attempt.pk == made.pk and attempt.user_id == participant.pk
    assert attempt.question_ids == [3, 1, 2]  # JSON decoded
    assert isinstance(attempt.deadline, datetime) and attempt.deadline == deadline  # aware
    assert attempt.get_deferred_fields() >= {"layout", "number", "quiz_id"}
    assert attempt.number == 1  # a deferred field loads on access, as with .only()
    assert read_one(Attempt, ("id",), "id = %s", [made.pk + 1000]) is None


def test_it_reads_every_field_when_none_are_named(participant):
    user = read_one(User, None, "id = %s", [participant.pk])
    assert user == participant and user.email == participant.email
    assert user.get_deferred_fields() == set()
