"""Hours per curriculum element, for the certified facts.

How they count (the rules a certificate states, decided here once):
- attendance: a session counts when the person's attendance mark is "present"
  (`enrolment.SessionAttendance`); breaks never count, whatever is marked;
- a person is in one room at a time: where present sessions overlap (parallel workshops), each
  minute counts once, for the session that started first (then the lower id);
- a session tagged with several curriculum elements splits its minutes equally between them;
  a session with no element tag counts under "general" ("Other sessions"), so that the lines
  always add up to the total;
- each line is rounded to 0.01 h and the total is the sum of the lines as printed.
A completion certificate counts the module's estimated duration the same way, split over the
module's elements.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from crossborder.curriculum.models import Tag

from .facts import ElementHours

GENERAL = "general"
CENT = Decimal("0.01")


def _hours(minutes: Fraction) -> Decimal:
    return (Decimal(minutes.numerator) / Decimal(minutes.denominator) / 60).quantize(
        CENT, rounding=ROUND_HALF_UP
    )


def _split(minutes: Fraction, elements: list[Tag], into: dict[str, Fraction]) -> None:
    codes = [t.code for t in elements] or [GENERAL]
    for code in codes:
        into[code] = into.get(code, Fraction(0)) + minutes / len(codes)


def _lines(minutes: dict[str, Fraction], names: dict[str, str]) -> tuple[ElementHours, ...]:
    """One line per element in the taxonomy's order, "general" last; empty lines left out."""
    order = [code for code in names if code in minutes] + ([GENERAL] if GENERAL in minutes else [])
    lines = (
        ElementHours(code, names.get(code) or _("Other sessions"), _hours(minutes[code]))
        for code in order
    )
    return tuple(line for line in lines if line.hours > 0)


def element_names() -> dict[str, str]:
    """Code → name (in the active language) of the curriculum elements, in their order."""
    return {t.code: t.name_local for t in Tag.objects.elements()}


def attended_hours(sessions, names: dict[str, str]) -> tuple[ElementHours, ...]:
    """The hours per element of the sessions a person was marked present at. `sessions`: the
    Session objects with `tags` prefetched (breaks are left out here whatever they are)."""
    minutes: dict[str, Fraction] = {}
    covered_until = None
    for session in sorted(sessions, key=lambda s: (s.start, s.pk)):
        if session.is_break:
            continue
        start = session.start if covered_until is None else max(session.start, covered_until)
        covered_until = session.end if covered_until is None else max(covered_until, session.end)
        seconds = (session.end - start).total_seconds()
        if seconds <= 0:
            continue
        elements = [t for t in session.tags.all() if t.kind == Tag.Kind.ELEMENT]
        _split(Fraction(int(seconds), 60), elements, minutes)
    return _lines(minutes, names)


def module_hours(module, names: dict[str, str]) -> tuple[ElementHours, ...]:
    """The module's estimated duration split over its curriculum elements."""
    minutes: dict[str, Fraction] = {}
    elements = [t for t in module.tags.all() if t.kind == Tag.Kind.ELEMENT]
    _split(Fraction(module.duration_minutes), elements, minutes)
    return _lines(minutes, names)


def total(lines: tuple[ElementHours, ...]) -> Decimal:
    return sum((line.hours for line in lines), Decimal("0.00"))
