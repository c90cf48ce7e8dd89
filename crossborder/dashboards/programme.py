"""Programme staff's and the funder's cards: what needs attention, the programme at a glance,
and the anonymous totals of practitioners trained."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from crossborder import access
from crossborder.accounts.models import EU27, Gender, Profession
from crossborder.enrolment.models import Application, Call, SelectionRun
from crossborder.evaluation.reports.suppression import THRESHOLD, is_small
from crossborder.evaluation.reports.tables import SUPPRESSED
from crossborder.evaluation.surveys.analysis import running_surveys
from crossborder.library.models import Entry, Kind, Status
from crossborder.seminars.models import Programme, Seminar

S = Application.Status
CLOSING_SOON = timedelta(days=14)
LAPSING = timedelta(hours=48)


@dataclass(frozen=True)
class Attention:
    """One thing programme staff should handle, with the page where it is handled."""

    text: str
    url: str
    action: str
    urgent: bool = False


def current_programme(today=None) -> Programme | None:
    """The programme running today, else the latest one."""
    today = today or timezone.localdate()
    running = Programme.objects.filter(start__lte=today, end__gte=today).order_by("-start")
    return running.first() or Programme.objects.order_by("-start").first()


def open_calls(now) -> list:
    """Calls taking applications now, closing first, with how many were submitted."""
    return list(
        Call.objects.open(now)
        .select_related("seminar")
        .annotate(submitted=Count("applications", filter=~Q(applications__status=S.DRAFT)))
        .order_by("closes_at")
    )


def attention(user, now, *, calls, vetting: int) -> list[Attention]:
    """What needs programme staff's attention today, each linked to where it is handled.
    `calls` are the open calls (see open_calls), `vetting` how many people await vetting."""
    items = []
    closing = [call for call in calls if call.closes_at <= now + CLOSING_SOON]
    for call in closing:
        items.append(
            Attention(
                ngettext(
                    "The call for %(seminar)s closes on %(date)s; %(n)s application so far.",
                    "The call for %(seminar)s closes on %(date)s; %(n)s applications so far.",
                    call.submitted,
                )
                % {
                    "seminar": call.seminar.title_local,
                    "date": date_format(timezone.localtime(call.closes_at), "j F Y"),
                    "n": call.submitted,
                },
                reverse("manage-applications", args=[call.seminar.slug]),
                _("See the applications"),
            )
        )
    published = SelectionRun.objects.filter(call=OuterRef("pk"), published_at__isnull=False)
    pending = (SelectionRun.Status.QUEUED, SelectionRun.Status.RUNNING)
    to_select = (
        Call.objects.filter(closes_at__lt=now)
        .exclude(
            seminar__status__in=[Seminar.Status.DRAFT, Seminar.Status.HELD, Seminar.Status.ARCHIVED]
        )
        .exclude(Exists(published))
        .select_related("seminar")
        .annotate(
            submitted=Count(
                "applications", filter=Q(applications__status=S.SUBMITTED), distinct=True
            ),
            done_run=Max("selection_runs__pk", filter=Q(selection_runs__status="done")),
            pending_run=Max("selection_runs__pk", filter=Q(selection_runs__status__in=pending)),
        )
        .order_by("seminar__start_date")
    )
    for call in to_select:
        title = call.seminar.title_local
        if call.pending_run:
            continue  # being solved now; its status page shows the progress
        if call.done_run:
            items.append(
                Attention(
                    _("A selection for %(seminar)s is ready to be reviewed and published.")
                    % {"seminar": title},
                    reverse("selection-run", args=[call.seminar.slug, call.done_run]),
                    _("Review and publish"),
                    urgent=True,
                )
            )
        elif call.submitted:
            items.append(
                Attention(
                    ngettext(
                        "The call for %(seminar)s has closed with %(n)s application: run the selection.",  # noqa: E501
                        "The call for %(seminar)s has closed with %(n)s applications: run the selection.",  # noqa: E501
                        call.submitted,
                    )
                    % {"seminar": title, "n": call.submitted},
                    reverse("manage-selection", args=[call.seminar.slug]),
                    _("Run the selection"),
                    urgent=True,
                )
            )
    lapsing = (
        Seminar.objects.annotate(
            lapsing=Count(
                "call__applications",
                filter=Q(
                    call__applications__status=S.SELECTED,
                    call__applications__confirm_by__lte=now + LAPSING,
                ),
            ),
            next_lapse=Min(
                "call__applications__confirm_by",
                filter=Q(call__applications__status=S.SELECTED),
            ),
        )
        .filter(lapsing__gt=0)
        .order_by("next_lapse")
    )
    for seminar in lapsing:
        items.append(
            Attention(
                ngettext(
                    "%(n)s offered place at %(seminar)s lapses within two days or has lapsed unconfirmed.",  # noqa: E501
                    "%(n)s offered places at %(seminar)s lapse within two days or have lapsed unconfirmed.",  # noqa: E501
                    seminar.lapsing,
                )
                % {"n": seminar.lapsing, "seminar": seminar.title_local},
                reverse("manage-waiting-list", args=[seminar.slug]),
                _("Open the waiting list"),
                urgent=True,
            )
        )
    for row in running_surveys(now):
        items.append(
            Attention(
                _(
                    "“%(survey)s” is open until %(date)s: %(answered)s of %(recipients)s "
                    "attendees have answered (%(rate)s)."
                )
                % {
                    "survey": row["survey"].title_local,
                    "date": date_format(timezone.localtime(row["survey"].closes_at), "j F Y"),
                    "answered": row["answered"],
                    "recipients": row["recipients"],
                    "rate": "—"
                    if row["response_rate"] is None
                    else f"{round(100 * row['response_rate'])} %",
                },
                reverse("survey-results", args=[row["survey"].pk]),
                _("See the responses"),
            )
        )
    if vetting:
        items.append(
            Attention(
                ngettext(
                    "%(n)s judge, prosecutor or police officer is awaiting vetting.",
                    "%(n)s judges, prosecutors or police officers are awaiting vetting.",
                    vetting,
                )
                % {"n": vetting},
                reverse("people") + "?vetting=none",
                _("Vet them"),
            )
        )
    practices = Entry.objects.filter(
        kind=Kind.PRACTICE,
        author__isnull=False,
        status=Status.SUBMITTED,
        access__in=access.library_levels(user) | {"registered"},
    ).count()
    if practices:
        items.append(
            Attention(
                ngettext(
                    "%(n)s practice submitted to the library is awaiting moderation.",
                    "%(n)s practices submitted to the library are awaiting moderation.",
                    practices,
                )
                % {"n": practices},
                reverse("library-moderation"),
                _("Moderate"),
            )
        )
    return items


def seats_filled(now) -> list[dict]:
    """Each upcoming seminar's seats: confirmed, offered and still to fill. One query."""
    seminars = Seminar.objects.upcoming().annotate(
        has_call=Exists(Call.objects.filter(seminar=OuterRef("pk"))),
        confirmed=Count("call__applications", filter=Q(call__applications__status=S.CONFIRMED)),
        offered=Count(
            "call__applications",
            filter=Q(call__applications__status=S.SELECTED, call__applications__confirm_by__gt=now),
        ),
        applied=Count("call__applications", filter=~Q(call__applications__status=S.DRAFT)),
    )
    rows = []
    for s in seminars:
        rows.append(
            {
                "seminar": s,
                "confirmed": s.confirmed,
                "offered": s.offered,
                "applied": s.applied,
                "percent": min(100, round(100 * s.confirmed / s.capacity)) if s.capacity else 0,
                "url": reverse(
                    "manage-applications" if s.has_call else "manage-seminar", args=[s.slug]
                ),
            }
        )
    return rows


def shown(n: int, suppress: bool) -> str:
    """A count as the reader may see it: "< 5" for 1 to 4 people when small cells are hidden."""
    return SUPPRESSED if suppress and is_small(n) else str(n)


def _table(counts: dict, labels: dict, suppress: bool) -> list[tuple[str, str]]:
    """(label, count shown) rows, largest first; suppressed rows after the others, by label, so
    that their order says nothing about their size."""
    rows = [(labels.get(key) or str(key), n) for key, n in counts.items() if n]
    exact = sorted(
        (r for r in rows if not (suppress and is_small(r[1]))), key=lambda r: (-r[1], r[0])
    )
    small = sorted(r for r in rows if suppress and is_small(r[1]))
    return [(label, shown(n, suppress)) for label, n in exact + small]


def trained_totals(programme, *, suppress: bool) -> dict:
    """Practitioners trained (attended a seminar of the programme), each person counted once,
    by profession, country and gender, against the programme's target; seminars held and
    planned. Aggregates only, in five queries; `suppress` hides counts under 5."""
    attended = Application.objects.filter(status=S.ATTENDED, call__seminar__programme=programme)
    total = attended.aggregate(n=Count("user", distinct=True))["n"]

    def by(field):
        return dict(attended.order_by().values_list(field).annotate(n=Count("user", distinct=True)))

    by_country = by("country")
    country_names = {code: countries.name(code) for code in by_country}
    seminars = dict(
        Seminar.objects.filter(programme=programme)
        .exclude(status=Seminar.Status.DRAFT)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    held = seminars.get(Seminar.Status.HELD, 0) + seminars.get(Seminar.Status.ARCHIVED, 0)
    target = programme.target_participants if programme else 0
    return {
        "programme": programme,
        "total": shown(total, suppress),
        "target": target,
        # A share of a suppressed total would give the total away.
        "percent": min(100, round(100 * total / target))
        if target and not (suppress and total < THRESHOLD)
        else None,
        "professions": _table(by("profession"), dict(Profession.choices), suppress),
        "countries": _table(
            {c: n for c, n in by_country.items() if c in EU27}, country_names, suppress
        ),
        "outside_eu": _table(
            {c: n for c, n in by_country.items() if c not in EU27}, country_names, suppress
        ),
        "genders": _table(by("gender"), dict(Gender.choices), suppress),
        "member_states": sum(1 for c in by_country if c in EU27),
        "held": held,
        "planned": sum(seminars.values()) - held,
        "suppress": suppress,
    }


def programme_cards(user, *, vetting: int) -> dict:
    """Programme staff's cards; `vetting`: how many people await vetting (counted by the view,
    which lists them)."""
    now = timezone.now()
    calls = open_calls(now)
    return {
        "open_calls": calls,
        "attention": attention(user, now, calls=calls, vetting=vetting),
        "seats": seats_filled(now),
    }
