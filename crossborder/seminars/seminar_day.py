"""The seminar day in a participant's (or trainer's) pocket: what is on now, what is next, their
workshop group, their badge QR and what is open for them.

A fixed number of queries however long the timetable is: the sessions with their speakers (two,
none once cached), the participant's group memberships (one), their open tests (two) and, once
they attended, their open surveys (one); for a trainer, the groups they lead in the current or
next workshop slot and their members (two).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .models import Seminar, Session

DAY_BEFORE = timedelta(days=1)  # the dashboard links to the view from the day before
CACHE_SECONDS = 24 * 3600
OFFLINE_HEADER = "Crossborder-Offline-Copy"  # the service worker keeps only these responses


def allow_offline_copy(response):
    """Mark a confirmed participant's page (programme, "now" view, badge) as one the service
    worker (crossborder/static/crossborder/sw.js) may keep on the device."""
    response[OFFLINE_HEADER] = "keep"
    return response


def is_pocket_time(seminar: Seminar, now: datetime | None = None) -> bool:
    """From the day before the seminar to its last day, in the seminar's time zone."""
    today = timezone.localtime(now or timezone.now(), seminar.tz).date()
    return seminar.start_date - DAY_BEFORE <= today <= seminar.end_date


def speaks_at(user, seminar: Seminar) -> bool:
    """Whether the user is a speaker or chair of one of the seminar's sessions (one query)."""
    return (
        Session.objects.filter(seminar=seminar)
        .filter(Q(speakers__user=user) | Q(chair__user=user))
        .exists()
    )


def timetable(seminar: Seminar) -> list[Session]:
    """The seminar's sessions with their speakers and chair, by start: from the cache while
    the seminar's `updated_at` stays the same (seminars/signals.py moves it whenever a session,
    its speakers or a speaker changes), else two queries."""
    key = f"seminar-day:{seminar.pk}:{seminar.updated_at.timestamp()}"
    sessions = cache.get(key)
    if sessions is None:
        sessions = list(
            seminar.sessions.select_related("chair").prefetch_related("speakers").order_by("start")
        )
        cache.set(key, sessions, CACHE_SECONDS)
    return sessions


@dataclass
class SeminarNow:
    """What the "now" view shows at the instant `now`."""

    seminar: Seminar
    now: datetime
    state: str  # "before", "during" or "after"
    current: list = field(default_factory=list)  # sessions running now (parallel ones too)
    upcoming: list = field(default_factory=list)  # the next sessions (same start)
    groups: list = field(default_factory=list)  # my groups in the current / next workshop slot
    led: list = field(default_factory=list)  # a trainer's groups in those slots, with members
    tests: list = field(default_factory=list)  # knowledge tests open for me (Due)
    surveys: list = field(default_factory=list)  # surveys open for me

    @property
    def local_now(self) -> datetime:
        return timezone.localtime(self.now, self.seminar.tz)


def seminar_now(
    seminar: Seminar, user, *, application=None, leads: bool = False, now=None
) -> SeminarNow:
    """The current and next sessions of the seminar, and (for a participant, through their
    `application`) their group in those workshop slots and the tests and surveys open to them;
    for a trainer who `leads` groups, the groups they lead in those slots with their members."""
    now = now or timezone.now()
    sessions = timetable(seminar)
    current = [s for s in sessions if s.start <= now < s.end]
    later = [s for s in sessions if s.start > now]
    upcoming = [s for s in later if s.start == later[0].start] if later else []
    if sessions and now >= max(s.end for s in sessions):
        state = "after"
    elif not sessions or now < sessions[0].start:
        state = "before"
    else:
        state = "during"
    result = SeminarNow(seminar, now, state, current, upcoming)
    slots = {s.start for s in current + upcoming if s.kind == Session.Kind.WORKSHOP}
    if leads and slots:
        from crossborder.workshops.allocation.board import trainer_groups

        result.led = trainer_groups(user, seminar=seminar, starts=slots)
    if application is None:
        return result
    if slots:
        from crossborder.workshops.models import Membership

        result.groups = list(
            Membership.objects.filter(
                application=application,
                workshop__published_at__isnull=False,
                workshop__start__in=slots,
            )
            .select_related("workshop", "group__session", "group__trainer")
            .order_by("workshop__start")
        )
    from crossborder.evaluation.knowledge.services import tests_due
    from crossborder.evaluation.surveys.analysis import open_surveys_for

    result.tests = [d for d in tests_due(user, now) if d.test.seminar_id == seminar.pk]
    if application.status == application.Status.ATTENDED:  # surveys are for attendees only
        result.surveys = [s for s in open_surveys_for(user, now) if s.seminar_id == seminar.pk]
    return result
