"""A held seminar in Vienna with its attendees, its surveys from the defaults, and a clock."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from crossborder.evaluation.surveys import services
from tests.factories import make_applicant, make_call, make_seminar

VIENNA = ZoneInfo("Europe/Vienna")
# make_seminar's last session starts on 17 March 2027 at 09:30 in Vienna.
LAST_SESSION = datetime(2027, 3, 17, 9, 30, tzinfo=VIENNA)
DURING = LAST_SESSION + timedelta(days=2)  # the satisfaction survey is open


class Clock:
    """`timezone.now()` as the test sets it (None: the real time)."""

    def __init__(self):
        self.now = None

    def set(self, when):
        self.now = when


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    real = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: c.now or real())
    return c


@pytest.fixture
def seminar(db):
    return make_seminar(status="held")


@pytest.fixture
def attendees(seminar):
    """Five people who attended (one answers in French, one in German), one no-show."""
    call = make_call(seminar)
    people = [make_applicant(call, i, status="attended").user for i in range(5)]
    people[1].language, people[2].language = "fr", "de"
    for p in people[1:3]:
        p.save(update_fields=["language"])
    make_applicant(call, 9, status="no_show")
    return people


@pytest.fixture
def survey(seminar, attendees, manager):
    """The satisfaction survey from the defaults (anonymous)."""
    return services.create_survey(seminar=seminar, kind="satisfaction", by=manager)


@pytest.fixture
def followup(seminar, attendees, manager):
    """The follow-up survey from the defaults (named)."""
    return services.create_survey(seminar=seminar, kind="followup", by=manager)


def full_answers(survey, **overrides) -> dict:
    """A complete, valid POST for a survey made from the defaults."""
    data = {}
    sessions = list(survey.seminar.sessions.exclude(kind="break").order_by("start", "track"))
    for q in survey.questions.all():
        name = f"q{q.pk}"
        if q.is_conditional:
            continue
        if q.kind == "likert":
            data[name] = "4"
        elif q.kind == "single":  # an answer after which no conditional question applies
            taken = set(q.dependants.values_list("condition_choice", flat=True))
            data[name] = str(min(set(range(len(q.options))) - taken))
        elif q.kind == "multiple":
            data[name] = ["0", "2"]
        elif q.kind == "session_rating":
            data[f"{name}-s{sessions[0].pk}"] = "5"
            data[f"{name}-s{sessions[1].pk}"] = "2"
        elif q.kind == "number":
            data[name] = "2"
        elif q.kind == "text":
            data[name] = "The case study on evidence was the most useful part."
    data.update(overrides)
    return data


def question(survey, kind=None, **filters):
    qs = survey.questions.filter(**filters)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.first()
