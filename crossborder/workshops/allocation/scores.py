"""The diversity score of workshop groups, and the same score for random groups.

How well a group is mixed, in words a course director can check by hand:

* The *fair share* of a profession in a group is its share of the whole cohort times the size
  of the group (12 prosecutors among 60 people: 2 in a group of 10). Whole people cannot be
  split, so a count is *fair* when it is the fair share rounded down or up (1.4 judges: 1 or 2).
* A person is *out of place* for each profession counted above its fair range in the group,
  and for each missing below it. Half the sum is about the number of swaps that would make
  the group fair.
* **Profession mix** of a group = 1 − (people out of place) / (2 × group size), so 100 % means
  every profession is represented as near its fair share as whole people allow, and each
  misplaced person costs 1/size. The **country mix** is the same formula over countries.
* The **diversity score** of a group is the mean of its profession and country mix; the score
  of an allocation is the mean over its groups weighted by their size. **Gender balance** uses
  the same formula over the genders people stated, and is shown beside it.

The solver minimises the same quantities (as whole numbers), so the page, the solver and the
random baseline measure one thing. The random baseline is the mean over `RANDOM_DRAWS` random
splits into groups of the same sizes (fixed seed), so the gain over chance is visible.
"""

import math
import random
from collections import Counter
from dataclasses import dataclass

RANDOM_DRAWS = 20
RANDOM_SEED = 2026
# Weights of the solver's objective: imbalance of professions and countries counts most,
# then gender, then people who sat together in the previous workshop slot.
WEIGHTS = {"profession": 4, "country": 4, "gender": 2, "repeat": 1}
ATTRIBUTES = ("profession", "country", "gender")


@dataclass(frozen=True)
class Person:
    """One participant as the allocation sees them (no names needed to solve)."""

    id: int
    profession: str = ""
    country: str = ""
    organisation: str = ""  # normalised: people with the same non-empty value share no group
    gender: str = ""
    languages: frozenset = frozenset()  # empty: not stated, may join a group of any language
    name: str = ""
    organisation_name: str = ""  # as written, for messages


def sizes(people: int, groups: int) -> list[int]:
    """Group sizes as even as possible: the first ones one larger when it does not divide."""
    base, extra = divmod(people, groups)
    return [base + 1 if g < extra else base for g in range(groups)]


def fair_range(count_in_cohort: int, size: int, cohort: int) -> tuple[int, int]:
    """The whole numbers around a value's fair share in a group of `size`."""
    share = count_in_cohort * size
    return share // cohort, -(-share // cohort)


def values_of(person: Person, attribute: str) -> str:
    return getattr(person, attribute) or ""


def out_of_place(members: list[Person], cohort_counts: Counter, cohort: int, attr: str) -> int:
    """People out of their fair range in one group, over all values of one attribute."""
    size = len(members)
    counts = Counter(values_of(p, attr) for p in members)
    total = 0
    for value, n_value in cohort_counts.items():
        if not value:
            continue
        low, high = fair_range(n_value, size, cohort)
        c = counts.get(value, 0)
        total += max(0, c - high, low - c)
    return total


def mix(excess: int, size: int) -> float:
    return 1.0 if size == 0 else max(0.0, 1.0 - excess / (2 * size))


def repeats(groups: list[list[Person]], previous: dict[int, int]) -> int:
    """People beyond the first of each previous group who meet again in a new group."""
    total = 0
    for members in groups:
        met = Counter(previous[p.id] for p in members if p.id in previous)
        total += sum(n - 1 for n in met.values() if n > 1)
    return total


def evaluate(groups: list[list[Person]], previous: dict[int, int] | None = None) -> dict:
    """Scores of an allocation: per group and overall, and the solver's penalty for it."""
    everyone = [p for members in groups for p in members]
    n = len(everyone)
    cohort = {a: Counter(values_of(p, a) for p in everyone) for a in ATTRIBUTES}
    rows, excess_total = [], Counter()
    for members in groups:
        excess = {a: out_of_place(members, cohort[a], n, a) for a in ATTRIBUTES}
        excess_total.update(excess)
        size = len(members)
        row = {a: mix(excess[a], size) for a in ATTRIBUTES}
        row["diversity"] = (row["profession"] + row["country"]) / 2
        row["size"] = size
        row["professions"] = len({p.profession for p in members if p.profession})
        row["countries"] = len({p.country for p in members if p.country})
        rows.append(row)
    overall = {a: mix(excess_total[a], n) for a in ATTRIBUTES}
    overall["diversity"] = (overall["profession"] + overall["country"]) / 2
    repeated = repeats(groups, previous or {})
    penalty = sum(WEIGHTS[a] * excess_total[a] for a in ATTRIBUTES) + WEIGHTS["repeat"] * repeated
    return {"groups": rows, "overall": overall, "repeats": repeated, "penalty": penalty}


def random_baseline(
    people: list[Person],
    groups: int,
    previous: dict[int, int] | None = None,
    draws: int = RANDOM_DRAWS,
    seed: int = RANDOM_SEED,
) -> dict:
    """The mean scores of `draws` random allocations into groups of the same sizes."""
    if not people or groups < 1:
        return {"diversity": 0.0, "profession": 0.0, "country": 0.0, "gender": 0.0, "penalty": 0}
    rng = random.Random(seed)
    plan = sizes(len(people), groups)
    totals: Counter = Counter()
    for _ in range(draws):
        order = list(people)
        rng.shuffle(order)
        split, start = [], 0
        for size in plan:
            split.append(order[start : start + size])
            start += size
        result = evaluate(split, previous)
        totals.update({**result["overall"], "penalty": result["penalty"]})
    mean = {key: value / draws for key, value in totals.items()}
    mean["penalty"] = math.floor(mean["penalty"] * 100) / 100
    return mean
