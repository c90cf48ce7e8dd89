"""The grouped reading of the scores (knowledge/scores.py) against a person-by-person reckoning
from the stored answers: the same multisets of percentages, hence the same statistics."""

from collections import Counter

import pytest

from crossborder.evaluation.knowledge.scores import element_scores, paired_people, paired_scores
from crossborder.evaluation.models import FormItem, Phase, Sitting
from crossborder.learning.models import Answer

from .test_evaluation import SIX, _cohort

pytestmark = pytest.mark.django_db


def _by_hand(seminar_id):
    """{element: (sorted pre %, sorted post %)} and {profession: (sorted pre, sorted post)},
    one person at a time, straight from the sittings, the items and the answers."""
    sittings = Sitting.objects.filter(
        test__seminar_id=seminar_id, attempt__submitted_at__isnull=False
    ).select_related("attempt")
    people = {}
    for s in sittings:
        people.setdefault(s.user_id, {})[s.phase] = s
    elements, professions = {}, {}
    for user_id, phases in people.items():
        if len(phases) != 2:
            continue
        pre, post = phases[Phase.PRE], phases[Phase.POST]
        profession = pre.test.seminar.call.applications.get(user_id=user_id).profession
        group = professions.setdefault(profession, ([], []))
        group[0].append(100 * (pre.attempt.score or 0) / pre.attempt.max_score)
        group[1].append(100 * (post.attempt.score or 0) / post.attempt.max_score)
        items = {}
        for sitting in (pre, post):
            for item in FormItem.objects.filter(form=sitting.form):
                items.setdefault(item.element_id, {}).setdefault(sitting.phase, []).append(item)
        for element, by_phase in items.items():
            if len(by_phase) != 2:
                continue
            scores = elements.setdefault(element, ([], []))
            for k, sitting in enumerate((pre, post)):
                mine = by_phase[sitting.phase]
                points = sum(
                    a.score or 0
                    for a in Answer.objects.filter(
                        attempt=sitting.attempt, question__in=[i.question_id for i in mine]
                    )
                )
                scores[k].append(100 * points / len(mine))
    ordered = {
        key: (sorted(pre), sorted(post))
        for key, (pre, post) in (elements | {("p", k): v for k, v in professions.items()}).items()
    }
    return ordered


def test_it_reads_the_same_scores_as_a_person_by_person_reckoning(upcoming):
    # two people answered nothing at all (0 % both times): no answer rows, still paired
    rows = [*SIX, ("judge", 0.0, 0.0), ("prosecutor", 0.0, 0.0), ("judge", 0.5, None)]
    _cohort(upcoming, rows)
    seminar = upcoming.seminar_id
    expected = _by_hand(seminar)
    pairs = paired_scores([seminar])
    assert (pairs.paired, pairs.pre_only, pairs.post_only) == (8, 1, 0)
    got = {("p", k): (sorted(pre), sorted(post)) for k, (pre, post) in pairs.by_profession.items()}
    assert got == {k: v for k, v in expected.items() if isinstance(k, tuple)}
    elements = element_scores([seminar], pairs.forms)
    assert elements, "the forms share their elements"
    for element, (pre, post) in elements.items():
        assert (sorted(pre.tolist()), sorted(post.tolist())) == expected[element]
        assert len(pre) == 8  # the two who answered nothing are counted, at 0
    # the pairs' form combinations add up to the paired people
    assert sum(pairs.forms.values()) == 8 and all(a != b for a, b in pairs.forms)


def test_the_staff_list_has_each_paired_person_once_with_the_seats_profession(upcoming):
    people = _cohort(upcoming, [("judge", 0.25, 0.75), ("prosecutor", 0.5, None)])
    listed = paired_people([upcoming.seminar_id])
    assert [(p.user_id, p.profession) for p in listed] == [(people[0].pk, "judge")]
    assert (listed[0].pre, listed[0].post) == pytest.approx((25.0, 75.0), abs=10)


def test_no_pairs_reads_no_element_scores(upcoming):
    _cohort(upcoming, [("judge", 0.5, None)])
    pairs = paired_scores([upcoming.seminar_id])
    assert pairs.paired == 0 and pairs.forms == Counter()
    assert element_scores([upcoming.seminar_id], pairs.forms) == {}
