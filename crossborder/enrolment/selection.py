"""Balanced selection of a seminar's cohort, solved exactly with OR-Tools CP-SAT.

Maximise the total priority of the people selected, subject to the manager's targets (seats,
min/max per profession, max per country, max per organisation, a band for the share of women).
When targets cannot all be met together, each may be relaxed at a stated penalty per person
over or under it; the penalties are scaled so that meeting a target always outweighs priority.
The result says which targets were relaxed and why each person was or was not selected.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

DEFAULT_WEIGHTS = {"first_time": 3, "new_country": 2, "nominated": 1}
DEFAULT_PENALTIES = {
    "profession_min": 100,
    "profession_max": 100,
    "country_max": 60,
    "organisation_max": 80,
    "gender_band": 50,
}


@dataclass(frozen=True)
class Candidate:
    id: int
    profession: str
    country: str
    organisation: str
    gender: str
    first_time: bool = True
    new_country: bool = False
    nominated: bool = False
    order: int = 0  # submission order, earlier first (breaks ties)


@dataclass
class Targets:
    seats: int
    professions: dict = field(default_factory=dict)  # code -> {"min": n, "max": n}
    max_per_country: int | None = None
    max_per_organisation: int | None = None
    women_min_share: float | None = None
    women_max_share: float | None = None
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    penalties: dict = field(default_factory=lambda: dict(DEFAULT_PENALTIES))

    @classmethod
    def from_dict(cls, data: dict) -> "Targets":
        return cls(
            seats=int(data["seats"]),
            professions=data.get("professions") or {},
            max_per_country=data.get("max_per_country"),
            max_per_organisation=data.get("max_per_organisation"),
            women_min_share=data.get("women_min_share"),
            women_max_share=data.get("women_max_share"),
            weights={**DEFAULT_WEIGHTS, **(data.get("weights") or {})},
            penalties={**DEFAULT_PENALTIES, **(data.get("penalties") or {})},
        )

    def as_dict(self) -> dict:
        return {
            "seats": self.seats,
            "professions": self.professions,
            "max_per_country": self.max_per_country,
            "max_per_organisation": self.max_per_organisation,
            "women_min_share": self.women_min_share,
            "women_max_share": self.women_max_share,
            "weights": self.weights,
            "penalties": self.penalties,
        }


def priority(c: Candidate, weights: dict) -> int:
    return (
        10
        + weights["first_time"] * c.first_time
        + weights["new_country"] * c.new_country
        + weights["nominated"] * c.nominated
    )


def priority_reasons(c: Candidate, weights: dict) -> list[str]:
    reasons = []
    if c.first_time and weights["first_time"]:
        reasons.append(f"first-time participant +{weights['first_time']}")
    if c.new_country and weights["new_country"]:
        reasons.append(f"country not yet reached +{weights['new_country']}")
    if c.nominated and weights["nominated"]:
        reasons.append(f"nominated by institution +{weights['nominated']}")
    return reasons


def women_band(targets: Targets, size: int) -> tuple[int | None, int | None]:
    low = math.ceil(targets.women_min_share * size) if targets.women_min_share is not None else None
    high = (
        math.floor(targets.women_max_share * size) if targets.women_max_share is not None else None
    )
    return low, high


def violations(chosen: list[Candidate], targets: Targets, size: int | None = None) -> dict:
    """How far a given selection is from each target (0 everywhere = balanced)."""
    size = len(chosen) if size is None else size
    result = {}
    professions = Counter(c.profession for c in chosen)
    for code, bounds in targets.professions.items():
        if bounds.get("min") is not None and professions[code] < bounds["min"]:
            result[f"profession_min:{code}"] = bounds["min"] - professions[code]
        if bounds.get("max") is not None and professions[code] > bounds["max"]:
            result[f"profession_max:{code}"] = professions[code] - bounds["max"]
    if targets.max_per_country is not None:
        for country, n in Counter(c.country for c in chosen).items():
            if n > targets.max_per_country:
                result[f"country_max:{country}"] = n - targets.max_per_country
    if targets.max_per_organisation is not None:
        for org, n in Counter(c.organisation.strip().lower() for c in chosen).items():
            if org and n > targets.max_per_organisation:
                result[f"organisation_max:{org}"] = n - targets.max_per_organisation
    low, high = women_band(targets, size)
    women = sum(1 for c in chosen if c.gender == "female")
    if low is not None and women < low:
        result["gender_band:women_min"] = low - women
    if high is not None and women > high:
        result["gender_band:women_max"] = women - high
    return result


def balance_score(chosen: list[Candidate], targets: Targets) -> int:
    """Total number of people by which the targets are missed (lower is better)."""
    return sum(violations(chosen, targets).values())


@dataclass
class Result:
    selected: list[int]
    waiting: list[int]  # ranked
    objective: int
    bound: float
    status: str
    relaxed: dict  # target key -> people over/under
    reasons: dict  # candidate id -> explanation
    priorities: dict
    seconds: float

    @property
    def gap(self) -> float:
        return 0.0 if not self.bound else abs(self.bound - self.objective) / abs(self.bound)

    def as_dict(self) -> dict:
        return {
            "selected": self.selected,
            "waiting": self.waiting,
            "objective": self.objective,
            "bound": self.bound,
            "status": self.status,
            "gap": round(self.gap, 6),
            "relaxed": self.relaxed,
            "reasons": {str(k): v for k, v in self.reasons.items()},
            "priorities": {str(k): v for k, v in self.priorities.items()},
            "seconds": round(self.seconds, 3),
        }


def solve(candidates: list[Candidate], targets: Targets, time_limit: float = 10.0) -> Result:
    from ortools.sat.python import cp_model  # 2 s import: only when a selection runs

    n_seats = min(targets.seats, len(candidates))
    prio = {c.id: priority(c, targets.weights) for c in candidates}
    # Meeting one more target-person must be worth more than any gain in priority.
    big = sum(prio.values()) + 1
    model = cp_model.CpModel()
    x = {c.id: model.new_bool_var(f"x{c.id}") for c in candidates}
    model.add(sum(x.values()) == n_seats)
    penalty_terms = []
    slacks = {}

    def soft(key, expr, *, at_least=None, at_most=None, penalty):
        slack = model.new_int_var(0, n_seats, f"slack_{key}")
        slacks[key] = slack
        if at_least is not None:
            model.add(expr + slack >= at_least)
        if at_most is not None:
            model.add(expr - slack <= at_most)
        penalty_terms.append(penalty * big * slack)

    by = lambda attr: {  # noqa: E731
        value: [c for c in candidates if getattr(c, attr) == value]
        for value in {getattr(c, attr) for c in candidates}
    }
    professions = by("profession")
    for code, bounds in targets.professions.items():
        members = sum(x[c.id] for c in professions.get(code, []))
        if bounds.get("min") is not None:
            soft(
                f"profession_min:{code}",
                members,
                at_least=bounds["min"],
                penalty=targets.penalties["profession_min"],
            )
        if bounds.get("max") is not None:
            soft(
                f"profession_max:{code}",
                members,
                at_most=bounds["max"],
                penalty=targets.penalties["profession_max"],
            )
    if targets.max_per_country is not None:
        for country, members in by("country").items():
            if len(members) > targets.max_per_country:
                soft(
                    f"country_max:{country}",
                    sum(x[c.id] for c in members),
                    at_most=targets.max_per_country,
                    penalty=targets.penalties["country_max"],
                )
    if targets.max_per_organisation is not None:
        orgs: dict = {}
        for c in candidates:
            if c.organisation.strip():
                orgs.setdefault(c.organisation.strip().lower(), []).append(c)
        for org, members in orgs.items():
            if len(members) > targets.max_per_organisation:
                soft(
                    f"organisation_max:{org}",
                    sum(x[c.id] for c in members),
                    at_most=targets.max_per_organisation,
                    penalty=targets.penalties["organisation_max"],
                )
    low, high = women_band(targets, n_seats)
    women = sum(x[c.id] for c in candidates if c.gender == "female")
    if low is not None:
        soft("gender_band:women_min", women, at_least=low, penalty=targets.penalties["gender_band"])
    if high is not None:
        soft("gender_band:women_max", women, at_most=high, penalty=targets.penalties["gender_band"])

    # Priority first; among equals, earlier applications win (a tiny, bounded tie-break).
    n = max(len(candidates), 1)
    scale = n + 1
    model.maximize(
        sum(
            (prio[c.id] * scale + (n - c.order if c.order < n else 0)) * x[c.id] for c in candidates
        )
        * 1
        - sum(term * scale for term in penalty_terms)
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 7
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError("The selection could not be solved.")
    selected_ids = [c.id for c in candidates if solver.value(x[c.id])]
    relaxed = {key: solver.value(s) for key, s in slacks.items() if solver.value(s) > 0}
    result = Result(
        selected=selected_ids,
        waiting=[],
        objective=int(solver.objective_value),
        bound=solver.best_objective_bound,
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        relaxed=relaxed,
        reasons={},
        priorities=prio,
        seconds=solver.wall_time,
    )
    explain(result, candidates, targets)
    return result


def explain(result: Result, candidates: list[Candidate], targets: Targets) -> None:
    """Fill the waiting-list order and a reason for every candidate."""
    by_id = {c.id: c for c in candidates}
    chosen = [by_id[i] for i in result.selected]
    chosen_set = set(result.selected)
    lowest_selected = min((result.priorities[i] for i in result.selected), default=0)
    professions = Counter(c.profession for c in chosen)
    countries = Counter(c.country for c in chosen)
    orgs = Counter(c.organisation.strip().lower() for c in chosen)
    _low, high = women_band(targets, len(chosen))
    women = sum(1 for c in chosen if c.gender == "female")
    for c in chosen:
        bits = priority_reasons(c, targets.weights)
        result.reasons[c.id] = (
            f"Selected with priority {result.priorities[c.id]}"
            + (f" ({', '.join(bits)})" if bits else "")
            + "."
        )
    waiting = []
    for c in candidates:
        if c.id in chosen_set:
            continue
        bound = targets.professions.get(c.profession, {})
        if bound.get("max") is not None and professions[c.profession] >= bound["max"]:
            why = f"The maximum for this profession ({bound['max']}) is reached."
        elif (
            targets.max_per_country is not None and countries[c.country] >= targets.max_per_country
        ):
            why = f"The maximum per country ({targets.max_per_country}) is reached for {c.country}."
        elif (
            targets.max_per_organisation is not None
            and c.organisation.strip()
            and orgs[c.organisation.strip().lower()] >= targets.max_per_organisation
        ):
            why = (
                f"The maximum per organisation ({targets.max_per_organisation}) is reached "
                f"for {c.organisation}."
            )
        elif high is not None and c.gender == "female" and women >= high:
            why = "The upper limit of the gender balance band is reached."
        else:
            why = (
                f"Priority {result.priorities[c.id]} is not above that of the people selected "
                f"(lowest selected: {lowest_selected}); all seats are taken."
            )
        # Ranked by the same objective: whoever would upset the balance least, then priority.
        cost = balance_score([*chosen, c], targets) - balance_score(chosen, targets)
        waiting.append((cost, -result.priorities[c.id], c.order, c.id))
        result.reasons[c.id] = why
    waiting.sort()
    result.waiting = [item[-1] for item in waiting]


def greedy(candidates: list[Candidate], seats: int) -> list[int]:
    """First come, first served: the baseline the bench compares with."""
    return [c.id for c in sorted(candidates, key=lambda c: c.order)[:seats]]
