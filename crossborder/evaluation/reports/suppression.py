"""Small-cell suppression: what the funder observer may see of the indicator set.

Rules (applied to every section, so the page, the charts, the API and both report files agree):

1. Primary: a count of people from 1 to 4 is shown as "< 5". A true zero stays 0: it tells
   that nobody of a group took part, which identifies no one (and the funder needs to see gaps).
2. Derived figures: a percentage, mean or index computed from a group of fewer than 5 people
   (any of the counts it derives from, before suppression) is withheld (None, shown "—"); so is a
   count of categories among such a group (e.g. the professions of three attendees).
3. Complementary: in a table whose rows split one total of people (`Table.additive`: by
   profession, country, gender), a single suppressed cell could be recovered as the total minus
   the other rows. When exactly one cell of a column is suppressed, the smallest other non-zero
   cell is suppressed too; with two or more, only their sum can be recovered, never one of them.
4. Headline figures: a people count under 5 is "< 5"; a rate resting on fewer than 5 people is
   withheld.

Programme staff see the unsuppressed figures (crossborder.access.must_suppress_small_cells).
"""

import copy

from crossborder import access

from .indicators import IndicatorSet, indicator_set
from .scope import Scope
from .tables import SUPPRESSED, Kind, Section, Stat, Table

THRESHOLD = 5


def is_small(value) -> bool:
    """A count of people that would let someone be singled out: 1 to 4."""
    return isinstance(value, int) and 0 < value < THRESHOLD


def suppress(indicators: IndicatorSet) -> IndicatorSet:
    """A suppressed copy of the indicator set (the original is left as it was)."""
    result = copy.deepcopy(indicators)
    for section in result.sections:
        suppress_section(section)
    result.suppressed = True
    return result


def suppress_section(section: Section) -> None:
    for stat in section.stats:
        suppress_stat(stat)
    for table in section.tables:
        suppress_table(table)


def suppress_stat(stat: Stat) -> None:
    if stat.kind == Kind.PEOPLE and is_small(stat.value):
        stat.value = SUPPRESSED
    elif stat.kind in (Kind.PERCENT, Kind.MEAN, Kind.INDEX) and is_small(stat.base):
        stat.value = None


def suppress_table(table: Table) -> None:
    people = [c.key for c in table.columns if c.kind == Kind.PEOPLE]
    original = [{key: row.get(key) for key in people} for row in table.rows]
    hidden = [{key for key in people if is_small(row.get(key))} for row in table.rows]
    if table.additive:
        for key in people:
            marked = [i for i, cells in enumerate(hidden) if key in cells]
            if len(marked) == 1:
                candidates = [
                    i
                    for i, row in enumerate(table.rows)
                    if i not in marked and isinstance(row.get(key), int) and row[key] > 0
                ]
                if candidates:
                    smallest = min(candidates, key=lambda i: table.rows[i][key])
                    hidden[smallest].add(key)
    for row, cells, before in zip(table.rows, hidden, original, strict=True):
        for key in cells:
            row[key] = SUPPRESSED
        for column in table.columns:
            if not column.bases or column.kind == Kind.PEOPLE:
                continue
            small_base = any(is_small(before.get(b)) for b in column.bases)
            if small_base or any(b in cells for b in column.bases):
                row[column.key] = None


def indicators_for(user, scope: Scope) -> IndicatorSet:
    """The indicator set as this person may see it."""
    indicators = indicator_set(scope)
    return indicators if access.can_see_small_cells(user) else suppress(indicators)


def funder_view(scope: Scope) -> IndicatorSet:
    """The indicator set as the funder sees it (the funder report, whoever asks for it)."""
    return suppress(indicator_set(scope))
