"""The group solver and its score: every hard constraint holds on random cohorts, the score
beats random groups, conflicts are named before solving, and the solver's objective is the
score's penalty."""

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossborder.workshops.allocation.checks import problems, solver_failure
from crossborder.workshops.allocation.scores import (
    Person,
    evaluate,
    fair_range,
    random_baseline,
    sizes,
)
from crossborder.workshops.allocation.solver import Infeasible, Problem, solve

PROFESSIONS = ["judge", "prosecutor", "law_enforcement", "financial_compliance", "civil_society"]
COUNTRIES = ["AT", "DE", "PL", "RO", "PT", "GR", "FR", "BE"]


def cohort(n, seed, *, org_pool=None, french_only=0.0):
    rng = random.Random(seed)
    people = []
    for i in range(n):
        country = rng.choice(COUNTRIES)
        only_french = country in ("FR", "BE") and rng.random() < french_only
        people.append(
            Person(
                id=i + 1,
                profession=rng.choice(PROFESSIONS),
                country=country,
                organisation=f"org-{rng.randrange(org_pool)}" if org_pool else f"org-{i}",
                gender=rng.choice(["female", "male", ""]),
                languages=frozenset({"fr"} if only_french else {"en", "fr"}),
                name=f"Person {i + 1}",
            )
        )
    return people


def assert_hard_constraints(problem: Problem, allocation):
    by_id = {p.id: p for p in problem.people}
    where = {i: g for g, members in enumerate(allocation.groups) for i in members}
    assert sorted(where) == sorted(by_id), "everyone in exactly one group"
    assert sum(len(m) for m in allocation.groups) == len(by_id)
    counts = [len(m) for m in allocation.groups]
    assert max(counts) - min(counts) <= 1, counts
    for g, members in enumerate(allocation.groups):
        organisations = Counter(by_id[i].organisation for i in members if by_id[i].organisation)
        assert not organisations or max(organisations.values()) == 1
        language = allocation.languages[g]
        assert language in problem.languages
        assert all(not by_id[i].languages or language in by_id[i].languages for i in members)
    for a, b in problem.apart:
        assert where[a] != where[b]
    for a, b in problem.together:
        assert where[a] == where[b]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(8, 45),
    groups=st.integers(2, 6),
    org_pool=st.sampled_from([None, 12, 20]),
)
def test_every_hard_constraint_holds_on_random_cohorts(seed, n, groups, org_pool):
    rng = random.Random(seed)
    people = cohort(n, seed, org_pool=org_pool, french_only=0.3)
    ids = [p.id for p in people]
    shuffled = rng.sample(ids, min(len(ids), 6))
    problem = Problem(
        people=people,
        groups=groups,
        languages=["en", "fr"],
        apart=[(shuffled[0], shuffled[1]), (shuffled[2], shuffled[3])],
        together=[(shuffled[4], shuffled[5])] if len(shuffled) == 6 else [],
        previous={p.id: rng.randrange(groups) for p in people},
    )
    if problems(problem, trainers=groups):
        with pytest.raises(Infeasible):  # the checks only name what cannot hold
            solve(problem, time_limit=2, diagnose=False)
        return
    try:
        allocation = solve(problem, time_limit=2)
    except Infeasible:
        return  # an organisation/language/pairing mix no allocation satisfies: allowed
    assert_hard_constraints(problem, allocation)


def test_the_objective_is_the_scores_penalty_and_the_bound_is_below_it():
    people = cohort(40, 3)
    problem = Problem(people=people, groups=5, languages=["en"], previous={})
    allocation = solve(problem, time_limit=5)
    by_id = {p.id: p for p in people}
    scores = evaluate([[by_id[i] for i in g] for g in allocation.groups])
    assert allocation.objective == scores["penalty"]
    assert allocation.bound <= allocation.objective


def test_it_mixes_far_better_than_random_groups():
    people = cohort(60, 11, org_pool=30)
    problem = Problem(people=people, groups=6, languages=["en", "fr"])
    allocation = solve(problem, time_limit=5)
    by_id = {p.id: p for p in people}
    scores = evaluate([[by_id[i] for i in g] for g in allocation.groups])
    baseline = random_baseline(people, 6)
    assert scores["overall"]["diversity"] > baseline["diversity"] + 0.1
    assert scores["overall"]["diversity"] > 0.95
    assert allocation.status == "optimal"


def test_it_splits_people_who_sat_together_in_the_previous_slot():
    people = cohort(24, 5)
    previous = {p.id: i // 6 for i, p in enumerate(people)}  # four groups of six, in order
    problem = Problem(people=people, groups=4, languages=["en"], previous=previous)
    allocation = solve(problem, time_limit=5)
    by_id = {p.id: p for p in people}
    random_repeats = random_baseline(people, 4, previous)["penalty"]
    scores = evaluate([[by_id[i] for i in g] for g in allocation.groups], previous)
    # Six people of a previous group over four new groups: at least two pairs meet again, so
    # 8 repeats is the least possible; random groups have about 14.
    assert scores["repeats"] <= 9
    assert scores["penalty"] < random_repeats


def test_a_perfectly_fair_group_scores_one_and_a_one_profession_group_scores_low():
    people = [Person(id=i, profession=PROFESSIONS[i % 5], country="AT") for i in range(10)]
    split = [people[0:5], people[5:10]]  # each group has every profession once
    assert evaluate(split)["groups"][0]["profession"] == 1.0
    same = sorted(people, key=lambda p: p.profession)
    lopsided = evaluate([same[0:5], same[5:10]])
    assert lopsided["groups"][0]["profession"] < 0.7


def test_fair_range_and_sizes():
    assert fair_range(12, 10, 60) == (2, 2)
    assert fair_range(7, 10, 60) == (1, 2)
    assert fair_range(1, 10, 60) == (0, 1)
    assert sizes(10, 3) == [4, 3, 3]


def _names(messages):
    return " ".join(messages)


def test_the_checks_name_an_organisation_with_more_people_than_groups():
    people = [
        Person(id=i, organisation="policija", organisation_name="Policija", name=f"Officer {i}")
        for i in range(4)
    ] + [Person(id=10 + i, organisation=f"o{i}", name=f"Other {i}") for i in range(8)]
    found = problems(Problem(people=people, groups=3, languages=["en"]), trainers=3)
    assert "4 people work for Policija" in _names(found)
    assert "Officer 0" in _names(found)


def test_the_checks_name_missing_trainers_and_languages():
    people = [Person(id=i, name=f"P{i}", languages=frozenset({"en"})) for i in range(6)]
    people.append(Person(id=99, name="Ana Horvat", languages=frozenset({"hr"})))
    found = _names(problems(Problem(people=people, groups=3, languages=["en", "de"]), trainers=2))
    assert "3 groups need 3 trainers" in found
    assert "Ana Horvat speaks none of the group languages (English, German)" in found


def test_the_checks_name_contradicting_pairing_rules():
    people = [Person(id=i, name=f"P{i}", organisation=f"o{i}") for i in range(9)]
    problem = Problem(
        people=people, groups=3, languages=["en"], together=[(0, 1), (1, 2)], apart=[(0, 2)]
    )
    found = _names(problems(problem, trainers=3))
    assert "P0 and P2 are to be kept apart, but keep-together rules put them in one group" in (
        found.replace("P2 and P0", "P0 and P2")
    )


def test_the_checks_find_a_keep_apart_set_larger_than_the_groups():
    people = [Person(id=i, name=f"P{i}", organisation=f"o{i}") for i in range(12)]
    apart = [(a, b) for a in range(4) for b in range(4) if a < b]  # four people, all apart
    found = _names(
        problems(Problem(people=people, groups=3, languages=["en"], apart=apart), trainers=3)
    )
    assert "must all be in different groups" in found
    assert all(f"P{i}" in found for i in range(4))


def test_the_checks_refuse_a_keep_together_block_larger_than_a_group():
    people = [Person(id=i, name=f"P{i}", organisation=f"o{i}") for i in range(6)]
    together = [(0, 1), (1, 2), (2, 3)]
    found = _names(
        problems(Problem(people=people, groups=3, languages=["en"], together=together), trainers=3)
    )
    assert "are 4 people, more than one group holds (2)" in found


def test_the_solver_names_the_families_when_languages_cannot_be_shared():
    # Two groups of three; four people speak only German and two only English.
    people = [
        Person(id=i, name=f"P{i}", languages=frozenset({"de" if i < 4 else "en"})) for i in range(6)
    ]
    problem = Problem(people=people, groups=2, languages=["en", "de"])
    assert problems(problem, trainers=2) == []
    with pytest.raises(Infeasible) as raised:
        solve(problem, time_limit=2)
    assert raised.value.families == ["language"]
    message = solver_failure(raised.value.families, 2)
    assert "one working language per group that all its members speak" in message
