"""Workshop groups with OR-Tools CP-SAT: hard constraints, and the diversity of scores.py.

Hard: everyone in exactly one group; group sizes differ by at most one; nobody shares a group
with someone of their own organisation; each group works in one of the workshop's languages
that all its members speak; keep-apart pairs never share a group, keep-together pairs always do.
(One trainer per group is given afterwards: groups are numbered in the order of the slot's
trainers, so fewer trainers than groups is refused before solving, in checks.py.)

Soft (minimised, linear): for every profession, country and gender, each group's count outside
its fair range (scores.py), and the people who already sat together in the previous workshop
slot, weighted as in scores.WEIGHTS. The objective is exactly the penalty scores.evaluate
computes, so the solver's bound is a proven limit for the score too.

Pure Python (no Django), so the bench and the tests call it directly.
"""

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from .scores import ATTRIBUTES, WEIGHTS, Person, fair_range, sizes, values_of

FAMILIES = ("organisation", "language", "apart", "together")
NUM_WORKERS = 2  # the machine's two cores


@dataclass
class Problem:
    people: list[Person]
    groups: int
    languages: list[str]
    apart: list[tuple[int, int]] = field(default_factory=list)
    together: list[tuple[int, int]] = field(default_factory=list)
    previous: dict[int, int] = field(default_factory=dict)  # person id -> previous group


@dataclass
class Allocation:
    groups: list[list[int]]  # person ids, per group
    languages: list[str]  # the working language of each group
    status: str  # "optimal" or "feasible"
    objective: int
    bound: float
    seconds: float
    solutions: int


class Infeasible(Exception):
    """No allocation satisfies the hard constraints; `families` are those whose removal alone
    makes it feasible (empty when no single one does)."""

    def __init__(self, families: list[str]):
        super().__init__(", ".join(families))
        self.families = families


class NoSolution(Exception):
    """The time limit passed before any allocation was found."""


def _pairs(problem: Problem, kind: str) -> list[tuple[int, int]]:
    index = {p.id: i for i, p in enumerate(problem.people)}
    pairs = problem.apart if kind == "apart" else problem.together
    return [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b]


def _hint(problem: Problem, plan: list[int]) -> list[int]:
    """Deal people round-robin, sorted by profession and country: a well-mixed first guess."""
    n_groups = len(plan)
    order = sorted(range(len(problem.people)), key=lambda i: _deal_key(problem.people[i]))
    remaining, dealt, turn = list(plan), [0] * len(order), 0
    for i in order:
        while not remaining[turn % n_groups]:
            turn += 1
        dealt[i] = turn % n_groups
        remaining[turn % n_groups] -= 1
        turn += 1
    return dealt


def _deal_key(p: Person):
    return (p.profession, p.country, p.gender, p.organisation, p.id)


def build(problem: Problem, *, skip=frozenset(), objective: bool = True):
    """The CP-SAT model and its variables; `skip` leaves out constraint families (used to find
    which ones make a problem infeasible)."""
    from ortools.sat.python import cp_model  # 2 s import: only when groups are allocated

    people, n_groups = problem.people, problem.groups
    n = len(people)
    plan = sizes(n, n_groups)
    model = cp_model.CpModel()
    x = [[model.new_bool_var(f"x{i}_{g}") for g in range(n_groups)] for i in range(n)]
    for i in range(n):
        model.add_exactly_one(x[i])
    for g in range(n_groups):
        model.add(sum(x[i][g] for i in range(n)) == plan[g])

    organisations = defaultdict(list)
    for i, p in enumerate(people):
        if p.organisation:
            organisations[p.organisation].append(i)
    if "organisation" not in skip:
        for members in organisations.values():
            if len(members) > 1:
                for g in range(n_groups):
                    model.add_at_most_one(x[i][g] for i in members)

    languages = list(problem.languages)
    speaks = [
        [k for k, code in enumerate(languages) if not p.languages or code in p.languages]
        for p in people
    ]
    y = []
    if "language" not in skip:
        y = [[model.new_bool_var(f"lang{g}_{k}") for k in languages] for g in range(n_groups)]
        for g in range(n_groups):
            model.add_exactly_one(y[g])
            for i in range(n):
                if len(speaks[i]) < len(languages):
                    model.add_bool_or([y[g][k] for k in speaks[i]]).only_enforce_if(x[i][g])
    if "apart" not in skip:
        for a, b in _pairs(problem, "apart"):
            for g in range(n_groups):
                model.add_at_most_one([x[a][g], x[b][g]])
    if "together" not in skip:
        for a, b in _pairs(problem, "together"):
            for g in range(n_groups):
                model.add(x[a][g] == x[b][g])

    # Symmetry: groups of one size are interchangeable (languages are chosen per group and
    # trainers given afterwards). With equal sizes the largest organisation's members may be
    # fixed to groups 0, 1, 2, …; otherwise the first of them opens a size class.
    clique = max(organisations.values(), key=len, default=[0]) if n else []
    if "organisation" in skip:
        clique = clique[:1]
    if clique and len(set(plan)) == 1:
        for g, i in enumerate(clique[:n_groups]):
            model.add(x[i][g] == 1)
    elif clique:
        first_small = plan.index(min(plan))
        model.add_bool_or([x[clique[0]][0], x[clique[0]][first_small]])

    if objective:
        terms = []
        for attribute in ATTRIBUTES:
            by_value = defaultdict(list)
            for i, p in enumerate(people):
                value = values_of(p, attribute)
                if value:
                    by_value[value].append(i)
            for value, members in by_value.items():
                for g in range(n_groups):
                    low, high = fair_range(len(members), plan[g], n)
                    if low == 0 and len(members) <= high:
                        continue  # any count is fair
                    count = sum(x[i][g] for i in members)
                    excess = model.new_int_var(0, plan[g], f"e_{attribute}_{value}_{g}")
                    model.add(excess >= count - high)
                    model.add(excess >= low - count)
                    terms.append(WEIGHTS[attribute] * excess)
        before = defaultdict(list)
        for i, p in enumerate(people):
            if p.id in problem.previous:
                before[problem.previous[p.id]].append(i)
        for members in before.values():
            if len(members) < 2:
                continue
            for g in range(n_groups):
                again = model.new_int_var(0, min(len(members), plan[g]), f"r{g}")
                model.add(again >= sum(x[i][g] for i in members) - 1)
                terms.append(WEIGHTS["repeat"] * again)
        if terms:  # otherwise every allocation is equally good
            model.minimize(sum(terms))
        for i, g in enumerate(_hint(problem, plan)):
            model.add_hint(x[i][g], 1)
    return model, x, y


class _Progress:
    """What the solver has found so far, read by the thread that reports it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.data: dict = {}
        self.assignment: list[int] = []
        self.version = 0


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    on_progress=None,
    diagnose: bool = True,
    seed: int = 7,
) -> Allocation:
    """Solve the allocation. `on_progress(dict)` is called from the calling thread (so it may
    write to the database) at most once a second with solutions found, objective, bound and
    the best assignment so far."""
    from ortools.sat.python import cp_model

    people, n_groups = problem.people, problem.groups
    started = time.perf_counter()
    model, x, y = build(problem)
    progress = _Progress()

    class Callback(cp_model.CpSolverSolutionCallback):
        def __init__(self):
            super().__init__()
            self.solutions = 0
            self.extracted_at = 0.0

        def on_solution_callback(self):
            self.solutions += 1
            now = time.perf_counter()
            data = {
                "solutions": self.solutions,
                "objective": int(self.objective_value),
                "bound": self.best_objective_bound,
                "seconds": round(now - started, 2),
            }
            assignment = None
            if on_progress is not None and now - self.extracted_at > 0.5:
                self.extracted_at = now
                assignment = [
                    next(g for g in range(n_groups) if self.boolean_value(x[i][g]))
                    for i in range(len(people))
                ]
            with progress.lock:
                progress.data = data
                if assignment is not None:
                    progress.assignment = assignment
                progress.version += 1

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = NUM_WORKERS
    solver.parameters.random_seed = seed
    callback = Callback()
    if on_progress is None:
        status = solver.solve(model, callback)
    else:
        status = _solve_reporting(solver, model, callback, progress, on_progress)
    if status == cp_model.INFEASIBLE or status == cp_model.MODEL_INVALID:
        raise Infeasible(diagnose_families(problem) if diagnose else [])
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise NoSolution()
    groups: list[list[int]] = [[] for _ in range(n_groups)]
    for i, p in enumerate(people):
        g = next(g for g in range(n_groups) if solver.boolean_value(x[i][g]))
        groups[g].append(p.id)
    chosen = [
        problem.languages[next(k for k in range(len(row)) if solver.boolean_value(row[k]))]
        for row in y
    ]
    return Allocation(
        groups=groups,
        languages=chosen,
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        objective=round(solver.objective_value),
        bound=float(solver.best_objective_bound),
        seconds=round(time.perf_counter() - started, 3),
        solutions=callback.solutions,
    )


def _solve_reporting(solver, model, callback, progress, on_progress):
    """Solve in a helper thread; report progress from this one (database connections are per
    thread, and the solver holds none)."""
    outcome: dict = {}

    def work():
        try:
            outcome["status"] = solver.solve(model, callback)
        except BaseException as error:  # re-raised below, in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=work, name="allocation-solver", daemon=True)
    thread.start()
    seen = 0
    while thread.is_alive():
        thread.join(1.0)
        with progress.lock:
            version, data, assignment = progress.version, dict(progress.data), progress.assignment
        if version != seen and thread.is_alive():
            seen = version
            on_progress({**data, "assignment": list(assignment)})
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"]


def diagnose_families(problem: Problem, time_limit: float = 2.0) -> list[str]:
    """The constraint families whose removal alone makes the problem feasible."""
    from ortools.sat.python import cp_model

    culprits = []
    for family in FAMILIES:
        model, _x, _y = build(problem, skip={family}, objective=False)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = time_limit
        solver.parameters.num_workers = NUM_WORKERS
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            culprits.append(family)
    return culprits
