"""The anonymised raw data of the funder report: one row per attendance (a person trained at two
seminars is on two rows, not linked), with profession, country, gender, seminar and the number of
sessions they were marked present at — no name, email, organisation or any id.

Small groups are generalised so that every combination of the descriptive columns is shared by
at least 5 rows (k-anonymity, k = 5): a row whose group (seminar, profession, country, gender) is
smaller loses its gender first, then its country, then its profession; rows of a seminar with
fewer than 5 attendees are left out and counted. Rows are sorted by their values, so their order
tells nothing about when someone registered.
"""

from collections import Counter

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django_countries import countries

from crossborder.accounts.models import Gender, Profession

from .indicators import attended
from .scope import Scope

K = 5
COLUMNS = ("seminar", "profession", "country", "gender")


def raw_rows(scope: Scope) -> list[dict]:
    """One dict per attendance, straight from the database (one query)."""
    return list(
        attended(scope)
        .values(
            "pk",  # one row per application (never shown): identical people stay two rows
            seminar_title=F("call__seminar__title"),
            person_profession=F("user__profile__profession"),
            person_country=F("user__profile__country"),
            person_gender=F("user__profile__gender"),
        )
        .annotate(sessions=Count("session_attendance", filter=Q(session_attendance__present=True)))
    )


def anonymised_rows(scope: Scope) -> tuple[list[dict], int]:
    """The rows ready for the workbook (labels, generalised), and how many were left out."""
    hidden = _("not shown (small group)")
    professions, genders = dict(Profession.choices), dict(Gender.choices)
    rows = [
        {
            "seminar": r["seminar_title"],
            "profession": str(professions.get(r["person_profession"], _("No profile"))),
            "country": str(countries.name(r["person_country"]))
            if r["person_country"]
            else _("No profile"),
            "gender": str(genders.get(r["person_gender"] or "", _("No profile"))),
            "sessions": r["sessions"],
        }
        for r in raw_rows(scope)
    ]
    for column in ("gender", "country", "profession"):
        groups = Counter(tuple(r[c] for c in COLUMNS) for r in rows)
        for r in rows:
            if groups[tuple(r[c] for c in COLUMNS)] < K:
                r[column] = hidden
    groups = Counter(tuple(r[c] for c in COLUMNS) for r in rows)
    kept = [r for r in rows if groups[tuple(r[c] for c in COLUMNS)] >= K]
    kept.sort(key=lambda r: (*(r[c] for c in COLUMNS), r["sessions"]))
    return kept, len(rows) - len(kept)
