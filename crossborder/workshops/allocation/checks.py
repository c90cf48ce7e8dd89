"""Constraints that cannot all hold, found before solving and said in words.

Each message names the people, organisations, rules or numbers in conflict, so the manager
knows what to change. The solver's own infeasibility (what these checks cannot see, e.g. a
mix of languages and organisations) is explained by `solver_failure`.
"""

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crossborder.accounts.models import LANGUAGE_CHOICES

from .scores import sizes
from .solver import Problem

MAX_NAMES = 8  # names listed in one message before "and n more"


def language_names(codes) -> str:
    labels = dict(LANGUAGE_CHOICES)
    return ", ".join(str(labels.get(code, code)) for code in codes)


def names(people) -> str:
    people = list(people)
    shown = ", ".join(p.name or f"#{p.id}" for p in people[:MAX_NAMES])
    if len(people) > MAX_NAMES:
        more = len(people) - MAX_NAMES
        return f"{shown} " + ngettext("and %d more", "and %d more", more) % more
    return shown


class _Components:
    """Keep-together rules join people into blocks that must share one group (union-find)."""

    def __init__(self, ids):
        self.parent = {i: i for i in ids}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a, b):
        self.parent[self.find(a)] = self.find(b)

    def blocks(self) -> dict:
        result = defaultdict(list)
        for i in self.parent:
            result[self.find(i)].append(i)
        return result


def problems(problem: Problem, *, trainers: int) -> list[str]:
    """Every conflict that can be seen without solving; empty when the solver may start."""
    people, n_groups = problem.people, problem.groups
    if not people:
        return [
            _(
                "Nobody takes part in this workshop yet: groups are made from the confirmed "
                "participants of the seminar (only those checked in, once check-in has begun)."
            )
        ]
    if n_groups < 1:
        return [_("Choose at least one group.")]
    if n_groups > len(people):
        return [
            _("There are more groups (%(groups)d) than participants (%(people)d).")
            % {"groups": n_groups, "people": len(people)}
        ]
    found = []
    if trainers < n_groups:
        found.append(
            _(
                "%(groups)d groups need %(groups)d trainers, but the workshop sessions of this "
                "slot have %(trainers)d. Add speakers to the sessions or choose fewer groups."
            )
            % {"groups": n_groups, "trainers": trainers}
        )
    by_id = {p.id: p for p in people}
    organisations = defaultdict(list)
    for p in people:
        if p.organisation:
            organisations[p.organisation].append(p)
    for members in organisations.values():
        if len(members) > n_groups:
            found.append(
                _(
                    "%(count)d people work for %(organisation)s (%(names)s), but there are only "
                    "%(groups)d groups and no two people of one organisation may share a group."
                )
                % {
                    "count": len(members),
                    "organisation": members[0].organisation_name or members[0].organisation,
                    "names": names(members),
                    "groups": n_groups,
                }
            )
    offered = set(problem.languages)
    for p in people:
        if p.languages and not (p.languages & offered):
            found.append(
                _("%(name)s speaks none of the group languages (%(languages)s).")
                % {"name": p.name, "languages": language_names(problem.languages)}
            )
    found += _pairing_problems(problem, by_id, n_groups)
    return found


def _pairing_problems(problem: Problem, by_id: dict, n_groups: int) -> list[str]:
    found = []
    largest = max(sizes(len(problem.people), n_groups))
    together = [(a, b) for a, b in problem.together if a in by_id and b in by_id]
    apart = {frozenset(pair) for pair in problem.apart if pair[0] in by_id and pair[1] in by_id}
    components = _Components(by_id)
    for a, b in together:
        components.join(a, b)
    blocks = components.blocks()
    offered = set(problem.languages)
    for block in blocks.values():
        if len(block) < 2:
            continue
        members = [by_id[i] for i in block]
        if len(block) > largest:
            found.append(
                _(
                    "Keep together: %(names)s are %(count)d people, more than one group holds "
                    "(%(size)d)."
                )
                % {"names": names(members), "count": len(block), "size": largest}
            )
        seen = {}
        for p in members:
            if p.organisation and p.organisation in seen:
                found.append(
                    _(
                        "Keep-together rules join %(first)s and %(second)s, but both work for "
                        "%(organisation)s and people of one organisation are kept apart."
                    )
                    % {
                        "first": seen[p.organisation].name,
                        "second": p.name,
                        "organisation": p.organisation_name or p.organisation,
                    }
                )
            seen.setdefault(p.organisation, p)
        for pair in apart:
            a, b = tuple(pair)
            if a in block and b in block:
                found.append(
                    _(
                        "%(first)s and %(second)s are to be kept apart, but keep-together rules "
                        "put them in one group (%(chain)s)."
                    )
                    % {"first": by_id[a].name, "second": by_id[b].name, "chain": names(members)}
                )
        common = set(offered)
        for p in members:
            if p.languages:
                common &= p.languages
        if not common:
            found.append(
                _("%(names)s are kept together but share none of the group languages (%(l)s).")
                % {"names": names(members), "l": language_names(problem.languages)}
            )
    organisations = defaultdict(int)
    for p in problem.people:
        organisations[p.organisation] += bool(p.organisation)
    if not found and max(organisations.values(), default=0) <= n_groups:
        found += _clique_problems(problem, by_id, components, apart, n_groups)
    return found


def _clique_problems(problem, by_id, components, apart, n_groups) -> list[str]:
    """People who must all be in different groups (one organisation, keep-apart rules, both
    across keep-together blocks) but outnumber the groups."""
    neighbours = defaultdict(set)
    organisations = defaultdict(list)
    for p in problem.people:
        if p.organisation:
            organisations[p.organisation].append(p.id)
    for members in organisations.values():
        for a in members:
            for b in members:
                if a != b:
                    neighbours[components.find(a)].add(components.find(b))
    for pair in apart:
        a, b = (components.find(i) for i in pair)
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    if not any(len(v) >= n_groups for v in neighbours.values()):
        return []  # no clique can exceed the groups
    clique = _largest_clique(neighbours)
    if len(clique) <= n_groups:
        return []
    blocks = components.blocks()
    people = [by_id[i] for root in clique for i in blocks[root]]
    return [
        _(
            "%(names)s must all be in different groups (same organisation or keep-apart rules), "
            "but there are only %(groups)d groups."
        )
        % {"names": names(people), "groups": n_groups}
    ]


def _largest_clique(neighbours: dict) -> set:
    """Bron–Kerbosch with pivoting; the conflict graphs here are small and sparse."""
    best: set = set()

    def expand(r, p, x):
        nonlocal best
        if not p and not x:
            if len(r) > len(best):
                best = set(r)
            return
        if len(r) + len(p) <= len(best):
            return
        pivot = max(p | x, key=lambda v: len(neighbours[v] & p))
        for v in list(p - neighbours[pivot]):
            expand(r | {v}, p & neighbours[v], x & neighbours[v])
            p = p - {v}
            x = x | {v}

    expand(set(), set(neighbours), set())
    return best


FAMILY_LABELS = {
    "organisation": lambda: _("no two people of one organisation in a group"),
    "language": lambda: _("one working language per group that all its members speak"),
    "apart": lambda: _("the keep-apart rules"),
    "together": lambda: _("the keep-together rules"),
}


def solver_failure(families: list[str], n_groups: int) -> str:
    """The solver proved that no allocation exists: which constraints are to blame."""
    if families:
        listed = "; ".join(str(FAMILY_LABELS[f]()) for f in families)
        return _(
            "No allocation into %(groups)d groups of even size meets every constraint. It "
            "becomes possible without any one of these: %(families)s. Change one of them (or "
            "the number of groups) and allocate again."
        ) % {"groups": n_groups, "families": listed}
    return _(
        "No allocation into %(groups)d groups of even size meets every constraint together "
        "(organisations, languages and pairing rules in combination). Remove a pairing rule, "
        "add a group language or change the number of groups, and allocate again."
    ) % {"groups": n_groups}
