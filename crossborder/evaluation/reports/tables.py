"""The shapes of the indicator set: every part of the page, the API, the PDF and the workbook
renders these, so a new section (knowledge gain, satisfaction, follow-up) needs no new template.

A cell holds an int, a float, a str, or None (not available). After suppression a people count
under 5 holds SUPPRESSED ("< 5") and a figure derived from it holds None.
"""

from dataclasses import dataclass, field

SUPPRESSED = "< 5"


class Kind:
    LABEL = "label"  # a group's name (profession, Member State, seminar, module)
    PEOPLE = "people"  # a count of people: suppressed under 5 for the funder
    COUNT = "count"  # a count of things (sessions, countries, attempts): never suppressed
    PERCENT = "percent"  # 0–100, derived from the people count named in `base`
    INDEX = "index"  # 0–1 (diversity), derived from the people count named in `base`
    MEAN = "mean"  # a mean over the people counted in `base`


@dataclass
class Column:
    key: str
    label: str
    kind: str = Kind.PEOPLE
    base: str | tuple[str, ...] | None = None  # the people column(s) a figure derives from

    @property
    def bases(self) -> tuple[str, ...]:
        if self.base is None:
            return ()
        return (self.base,) if isinstance(self.base, str) else tuple(self.base)


@dataclass
class Table:
    """One indicator table. `additive`: the rows split one total (people counted once), so a
    suppressed row could be recovered from the total and the other rows (see suppression.py)."""

    key: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    additive: bool = False
    note: str = ""
    sheet: str = ""  # a short name for the workbook's sheet (at most 31 characters)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def label_key(self) -> str:
        return next(c.key for c in self.columns if c.kind == Kind.LABEL)


@dataclass
class Stat:
    """A headline figure on a card. `target`: what the programme promised (a progress bar)."""

    key: str
    label: str
    value: int | float | str | None
    kind: str = Kind.PEOPLE
    target: int | None = None
    base: int | None = None  # for derived stats: the number of people behind the figure

    @property
    def display(self) -> str:
        return display(self.value, self.kind)

    @property
    def percent_of_target(self) -> float | None:
        if not self.target or not isinstance(self.value, int):
            return None
        return round(100 * self.value / self.target, 1)

    @property
    def bar_value(self) -> int | None:
        """The progress bar's value, capped at the target (a <progress> cannot exceed its max)."""
        if not self.target or not isinstance(self.value, int):
            return None
        return min(self.value, self.target)


@dataclass
class ChartSpec:
    """What a chart draws: a table's column by its label column (see charts.py)."""

    key: str
    title: str
    table: str
    value: str
    kind: str = "bar"  # bar | grouped (several value columns, `series`)
    series: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Section:
    key: str
    title: str
    intro: str = ""
    stats: list[Stat] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def display(value, kind: str) -> str:
    """A cell as the page and the PDF print it (locale-aware numbers; "—" for none)."""
    from django.utils.formats import number_format

    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind == Kind.PERCENT:
        return f"{number_format(value, 1)} %"
    if kind == Kind.INDEX:
        return number_format(value, 2)
    if kind == Kind.MEAN:
        return number_format(value, 1)
    if isinstance(value, float):
        return number_format(value, 1)
    return number_format(value, 0, force_grouping=True)


def display_rows(table: Table) -> list[list[tuple[str, bool]]]:
    """The table's rows as (text, numeric?) cells, in column order."""
    return [
        [(display(row.get(c.key), c.kind), c.kind != Kind.LABEL) for c in table.columns]
        for row in table.rows
    ]
