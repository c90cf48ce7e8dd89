"""The balanced selection: meets every feasible target, reports what it had to relax."""

import random

from crossborder.enrolment.selection import Candidate, Targets, balance_score, greedy, solve


def cohort(n=120, seed=3):
    rng = random.Random(seed)
    professions = [
        "judge",
        "prosecutor",
        "law_enforcement",
        "financial_compliance",
        "labour_inspector",
        "civil_society",
    ]
    countries = ["DE", "FR", "IT", "PL", "RO", "NL", "AT", "BE", "GR", "PT", "ES", "SE"]
    # Deliberately unbalanced: many police officers from DE and PL applied first.
    people = []
    for i in range(n):
        if i < 40:
            prof, country = "law_enforcement", rng.choice(["DE", "PL"])
        else:
            prof, country = rng.choice(professions), rng.choice(countries)
        people.append(
            Candidate(
                id=i + 1,
                profession=prof,
                country=country,
                organisation=f"{country}-{prof}-{rng.randrange(4)}",
                gender="female" if rng.random() < 0.45 else "male",
                first_time=rng.random() < 0.7,
                new_country=country in ("GR", "PT"),
                order=i,
            )
        )
    return people


TARGETS = Targets(
    seats=30,
    professions={
        "judge": {"min": 3, "max": 8},
        "prosecutor": {"min": 3, "max": 8},
        "law_enforcement": {"min": 4, "max": 8},
        "financial_compliance": {"min": 2},
        "labour_inspector": {"min": 2},
        "civil_society": {"min": 2},
    },
    max_per_country=4,
    max_per_organisation=2,
    women_min_share=0.4,
    women_max_share=0.6,
)


def test_it_meets_every_target_when_they_can_all_be_met():
    people = cohort()
    result = solve(people, TARGETS)
    chosen = [p for p in people if p.id in result.selected]
    assert len(chosen) == 30
    assert result.relaxed == {}
    assert balance_score(chosen, TARGETS) == 0
    assert result.status == "optimal"
    # First come, first served would have been far from balanced.
    first_come = [p for p in people if p.id in greedy(people, 30)]
    assert balance_score(first_come, TARGETS) > 10


def test_it_prefers_higher_priority_people_within_the_targets():
    people = cohort()
    result = solve(people, TARGETS)
    # Everyone not selected whose group still had room has a priority no higher than the
    # lowest priority selected in that same profession.
    lowest = min(result.priorities[i] for i in result.selected)
    for p in people:
        if p.id not in result.selected and "Priority" in result.reasons[p.id]:
            assert result.priorities[p.id] <= max(result.priorities.values())
            assert str(lowest) in result.reasons[p.id]


def test_it_relaxes_conflicting_targets_and_says_which():
    people = cohort()
    only_two_judges = [p for p in people if p.profession != "judge"] + [
        Candidate(id=900, profession="judge", country="IE", organisation="Courts", gender="female"),
        Candidate(id=901, profession="judge", country="LT", organisation="Court", gender="male"),
    ]
    result = solve(only_two_judges, TARGETS)
    assert result.relaxed == {"profession_min:judge": 1}
    assert {900, 901} <= set(result.selected)
    assert len(result.selected) == 30


def test_it_explains_each_decision_and_ranks_the_rest():
    people = cohort()
    result = solve(people, TARGETS)
    assert set(result.reasons) == {p.id for p in people}
    assert all(result.reasons[i].startswith("Selected with priority") for i in result.selected)
    assert len(result.waiting) == len(people) - 30
    assert set(result.waiting).isdisjoint(result.selected)
    police_de = [
        p.id for p in people if p.profession == "law_enforcement" and p.id not in result.selected
    ]
    assert any("maximum for this profession (8)" in result.reasons[i] for i in police_de)


def test_it_solves_a_programme_sized_call_quickly_and_optimally():
    people = cohort(n=1000, seed=11)
    targets = Targets(
        **{
            **TARGETS.__dict__,
            "seats": 300,
            "max_per_country": 40,
            "max_per_organisation": 20,
            "professions": {
                k: {
                    "min": v.get("min", 0) * 10,
                    "max": v.get("max", 300) * 10 if v.get("max") else None,
                }
                for k, v in TARGETS.professions.items()
            },
        }
    )
    result = solve(people, targets, time_limit=20)
    assert len(result.selected) == 300
    assert result.gap <= 0.01
