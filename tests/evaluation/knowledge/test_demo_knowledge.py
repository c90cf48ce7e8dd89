"""The demo's knowledge tests: built on the held seminars, taken through the quiz engine, with
gains that differ by profession; running it again adds nothing."""

import pytest

from crossborder.demo.knowledge import HELD, seed_knowledge
from crossborder.evaluation.knowledge.analysis import knowledge_analysis
from crossborder.evaluation.models import KnowledgeTest, Sitting
from crossborder.learning.models import Attempt
from tests.factories import make_call

from .conftest import seat, seminar_in

pytestmark = pytest.mark.django_db


def test_it_seeds_realistic_pre_and_post_tests_once(banks, manager, participant):
    seminar = seminar_in(-60, slug=HELD[0])
    make_call(seminar)
    professions = ["judge"] * 12 + ["law_enforcement"] * 12 + ["financial_compliance"] * 8
    for n, profession in enumerate(professions):
        seat(KnowledgeTest(seminar=seminar), n, status="attended", profession=profession)
    seat(KnowledgeTest(seminar=seminar), 0, status="attended", user=participant)
    result = seed_knowledge()
    assert result == {"tests": 1, "sittings": Sitting.objects.count(), "story_participant_attended": True}
    test = KnowledgeTest.objects.get(seminar=seminar)
    # the story's participant took both; the attempts are dated when the tests were open
    mine = Sitting.objects.filter(user=participant, test=test).select_related("attempt")
    assert {s.phase for s in mine} == {"pre", "post"}
    windows = test.windows()
    for sitting in Sitting.objects.filter(test=test).select_related("attempt"):
        if sitting.phase == "pre":
            assert sitting.attempt.submitted_at < windows.pre_closes
        else:
            assert windows.post_opens <= sitting.attempt.started_at < windows.post_closes
    analysis = knowledge_analysis([seminar.pk])
    assert analysis.paired >= 20 and not analysis.overall.withheld
    assert analysis.overall.difference > 5
    rows = {row.key: row for row in analysis.by_profession}
    assert rows["judge"].difference > rows["financial_compliance"].difference
    attempts = Attempt.objects.count()
    assert seed_knowledge()["tests"] == 0
    assert Attempt.objects.count() == attempts
