"""The indicator set: each section is a function of the scope (the filtered seminars) that
returns a Section, computed with SQL aggregates — a fixed number of queries, however many people.

People are counted once: a practitioner is *trained* when at least one of their applications to
a seminar in the scope has the status "attended" (a no-show is not trained; two seminars are one
person). Profession, Member State and gender are read from the person's profile.

Other parts of the evaluation add their sections (knowledge gain, satisfaction, follow-up) with
`register(key, function, order=...)`; the page, the API, the PDF and the workbook show every
section the registry produces, in order.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django_countries import countries

from crossborder.accounts.models import EU27, Gender, Profession
from crossborder.enrolment.models import Application, SessionAttendance

from .scope import Scope
from .tables import ChartSpec, Column, Kind, Section, Stat, Table

A = Application.Status
SectionFunction = Callable[[Scope], Section | None]
_REGISTRY: list[tuple[int, str, SectionFunction]] = []


def register(key: str, function: SectionFunction, *, order: int) -> None:
    """Add a section to the indicator set (again with the same key: replaced)."""
    _REGISTRY[:] = [entry for entry in _REGISTRY if entry[1] != key]
    _REGISTRY.append((order, key, function))
    _REGISTRY.sort(key=lambda entry: entry[0])


@dataclass
class IndicatorSet:
    scope: Scope
    sections: list[Section] = field(default_factory=list)
    suppressed: bool = False  # small cells withheld (the funder's view)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def indicator_set(scope: Scope) -> IndicatorSet:
    """Every registered section for this scope (unsuppressed: see suppression.py)."""
    sections = [function(scope) for _order, _key, function in _REGISTRY]
    return IndicatorSet(scope=scope, sections=[s for s in sections if s is not None])


# --- helpers ------------------------------------------------------------------------------------


def attended(scope: Scope):
    """Applications of the scope whose person attended (a queryset without ordering)."""
    return Application.objects.filter(
        call__seminar__in=scope.seminars(), status=A.ATTENDED
    ).order_by()


def share(part, whole) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def evenness(counts: list[int], categories: int) -> float | None:
    """Shannon evenness (Pielou's J): the entropy of the group shares divided by the largest
    entropy the group could have, ln(min(categories, people)). 1 = spread as evenly as possible
    over as many categories as the cohort could fill; 0 = everyone in one category. None below
    two people. Chosen over Gini–Simpson because it is on the same 0–1 scale for professions
    (7 categories) and countries (27), and rewards both more categories and an even spread."""
    people = sum(counts)
    reach = min(categories, people)
    if people < 2 or reach < 2:
        return None
    entropy = -sum((n / people) * math.log(n / people) for n in counts if n)
    return round(entropy / math.log(reach), 3)


def seminar_rows(scope: Scope) -> list:
    return list(
        scope.seminars()
        .order_by("start_date", "pk")
        .only("pk", "slug", "title", "title_fr", "title_de", "city", "start_date")
    )


# --- the sections --------------------------------------------------------------------------------


def reach_section(scope: Scope) -> Section:
    """Practitioners trained against the target, by profession, Member State and gender."""
    # One GROUP BY over profession, country and gender: a person has one profile, so the
    # groups split the people and each breakdown (and the total) is a sum of a few hundred rows.
    groups = list(
        attended(scope)
        .values_list("user__profile__profession", "user__profile__country", "user__profile__gender")
        .annotate(n=Count("user", distinct=True))
    )
    by_profession, by_country, by_gender = Counter(), Counter(), Counter()
    for profession, country, gender, n in groups:
        by_profession[profession] += n
        by_country[country] += n
        by_gender[gender] += n
    total = sum(by_profession.values())
    by_country = list(by_country.items())
    labels = dict(Profession.choices)
    profession_rows = [
        {"label": str(label), "n": by_profession.get(value, 0)}
        for value, label in Profession.choices
    ]
    unknown = sum(n for value, n in by_profession.items() if value not in labels)
    if unknown:
        profession_rows.append({"label": _("No profile"), "n": unknown})
    for row in profession_rows:
        row["share"] = share(row["n"], total)
    profession_rows.sort(key=lambda r: -r["n"])

    country_rows = []
    for code, n in by_country:
        name = str(countries.name(code)) if code else _("No profile")
        country_rows.append(
            {
                "label": name,
                "code": code or "",
                "eu": code in EU27,
                "n": n,
                "share": share(n, total),
            }
        )
    country_rows.sort(key=lambda r: (-r["n"], r["label"]))

    gender_rows = [
        {"label": str(label), "n": by_gender.get(value, 0)} for value, label in Gender.choices
    ]
    unknown = by_gender.get(None, 0)
    if unknown:
        gender_rows.append({"label": _("No profile"), "n": unknown})
    for row in gender_rows:
        row["share"] = share(row["n"], total)

    def columns(heading):
        return [
            Column("label", heading, Kind.LABEL),
            Column("n", _("Practitioners trained")),
            Column("share", _("Share"), Kind.PERCENT, base="n"),
        ]

    member_states = sum(1 for row in country_rows if row["eu"])
    return Section(
        key="reach",
        title=_("Practitioners trained"),
        intro=_(
            "A practitioner is trained once they attended a seminar; a person who attended "
            "several seminars counts once. No-shows are not counted."
        ),
        stats=[
            Stat(
                "trained",
                _("practitioners trained"),
                total,
                Kind.PEOPLE,
                target=scope.programme.target_participants,
            ),
            Stat("countries", _("countries reached"), len(country_rows), Kind.COUNT),
            Stat("member_states", _("of the 27 Member States"), member_states, Kind.COUNT),
        ],
        tables=[
            Table(
                "professions",
                _("Practitioners trained by profession"),
                columns(_("Profession")),
                profession_rows,
                additive=True,
                sheet=_("By profession"),
            ),
            Table(
                "countries",
                _("Practitioners trained by country"),
                columns(_("Country")),
                country_rows,
                additive=True,
                sheet=_("By country"),
            ),
            Table(
                "genders",
                _("Practitioners trained by gender (self-declared)"),
                columns(_("Gender")),
                gender_rows,
                additive=True,
                sheet=_("By gender"),
            ),
        ],
        charts=[
            ChartSpec(
                "countries",
                _("Practitioners trained by country"),
                "countries",
                "n",
                description=_("Horizontal bars, one per country, longest first."),
            ),
            ChartSpec(
                "professions",
                _("Practitioners trained by profession"),
                "professions",
                "n",
                description=_("Horizontal bars, one per profession, longest first."),
            ),
            ChartSpec(
                "genders",
                _("Practitioners trained by gender"),
                "genders",
                "n",
                description=_("Horizontal bars, one per gender, longest first."),
            ),
        ],
    )


def diversity_section(scope: Scope) -> Section:
    """How multi-disciplinary and how international each seminar's attendees were."""
    # One GROUP BY over seminar, profession and country: a person has one profile, so within a
    # seminar the groups split its attendees, and each dimension is a sum over the other.
    by_profession, by_country = defaultdict(Counter), defaultdict(Counter)
    for seminar_id, profession, country, n in (
        attended(scope)
        .values_list("call__seminar", "user__profile__profession", "user__profile__country")
        .annotate(n=Count("user", distinct=True))
    ):
        by_profession[seminar_id][profession] += n
        by_country[seminar_id][country] += n
    rows = []
    for seminar in seminar_rows(scope):
        professions = list(by_profession[seminar.pk].values())
        nations = list(by_country[seminar.pk].values())
        rows.append(
            {
                "label": f"{seminar.title_local} ({seminar.city}, {seminar.start_date:%Y-%m})",
                "n": sum(professions),
                "professions": len(professions),
                "profession_index": evenness(professions, len(Profession.choices)),
                "countries": len(nations),
                "country_index": evenness(nations, len(EU27)),
            }
        )
    return Section(
        key="diversity",
        title=_("Multi-disciplinarity of each seminar"),
        intro=_(
            "Shannon evenness of the attendees' professions and countries: 1 when they are "
            "spread as evenly as possible over as many professions (of 7) or countries (of 27 "
            "Member States) as the group could fill, 0 when all share one. Withheld for "
            "groups under 5."
        ),
        tables=[
            Table(
                "seminars",
                _("Diversity of attendees per seminar"),
                [
                    Column("label", _("Seminar"), Kind.LABEL),
                    Column("n", _("Attendees")),
                    Column("professions", _("Professions"), Kind.COUNT, base="n"),
                    Column("profession_index", _("Profession evenness"), Kind.INDEX, base="n"),
                    Column("countries", _("Countries"), Kind.COUNT, base="n"),
                    Column("country_index", _("Country evenness"), Kind.INDEX, base="n"),
                ],
                rows,
                sheet=_("Diversity per seminar"),
            )
        ],
        charts=[
            ChartSpec(
                "diversity",
                _("Diversity of attendees per seminar"),
                "seminars",
                "profession_index",
                kind="grouped",
                series=["profession_index", "country_index"],
                description=_("Two bars per seminar: profession and country evenness (0–1)."),
            )
        ],
    )


def attendance_section(scope: Scope) -> Section:
    """Attended against confirmed seats, and the share of sessions attendees were present at."""
    per_seminar = {
        row["call__seminar"]: row
        for row in Application.objects.filter(
            call__seminar__in=scope.seminars(), status__in=Application.SEAT_STATUSES
        )
        .order_by()
        .values("call__seminar")
        .annotate(seats=Count("id"), attended=Count("id", filter=Q(status=A.ATTENDED)))
    }
    sessions = {
        row["session__seminar"]: row
        for row in SessionAttendance.objects.filter(session__seminar__in=scope.seminars())
        .order_by()
        .values("session__seminar")
        .annotate(
            present=Count("id", filter=Q(present=True, application__status=A.ATTENDED)),
            recorded=Count("session", distinct=True),
        )
    }
    rows = []
    for seminar in seminar_rows(scope):
        counts = per_seminar.get(seminar.pk, {"seats": 0, "attended": 0})
        marks = sessions.get(seminar.pk)
        possible = marks["recorded"] * counts["attended"] if marks else 0
        rows.append(
            {
                "label": f"{seminar.title_local} ({seminar.city}, {seminar.start_date:%Y-%m})",
                "seats": counts["seats"],
                "attended": counts["attended"],
                "rate": share(counts["attended"], counts["seats"]),
                "sessions": marks["recorded"] if marks else 0,
                "session_rate": share(marks["present"], possible) if marks else None,
            }
        )
    all_seats = sum(r["seats"] for r in rows)
    all_attended = sum(r["attended"] for r in rows)
    return Section(
        key="attendance",
        title=_("Attendance"),
        intro=_(
            "Attendance rate: attendees out of confirmed seats (attended, no-show or still "
            "confirmed). Session attendance: the share of the sessions with an attendance "
            "sheet at which the attendees were marked present."
        ),
        stats=[
            Stat(
                "attendance_rate",
                _("attendance rate (attended / confirmed seats)"),
                share(all_attended, all_seats),
                Kind.PERCENT,
                base=all_attended,
            )
        ],
        tables=[
            Table(
                "seminars",
                _("Attendance per seminar"),
                [
                    Column("label", _("Seminar"), Kind.LABEL),
                    Column("seats", _("Confirmed seats")),
                    Column("attended", _("Attended")),
                    Column("rate", _("Attendance rate"), Kind.PERCENT, base=("attended", "seats")),
                    Column("sessions", _("Sessions with a sheet"), Kind.COUNT),
                    Column("session_rate", _("Session attendance"), Kind.PERCENT, base="attended"),
                ],
                rows,
            )
        ],
        charts=[
            ChartSpec(
                "attendance",
                _("Attendance rate per seminar (%)"),
                "seminars",
                "rate",
                description=_("Horizontal bars, one per seminar: attended / confirmed seats."),
            )
        ],
    )
