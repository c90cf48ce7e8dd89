"""The manager's timetable editor: valid sessions save, bad ones are refused with a message."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.seminars.models import Seminar, Session
from tests.factories import make_seminar, make_speaker

pytestmark = pytest.mark.django_db


def _session(seminar, **overrides):
    data = {
        "title": "Joint investigation teams in practice",
        "kind": "case_study",
        "day": seminar.days[1].isoformat(),
        "start_time": "14:00",
        "end_time": "15:30",
        "room": "Plenary",
        "track": "",
        "objectives": "Draft the key clauses of a JIT agreement.",
        "description": "",
    }
    data.update(overrides)
    return data


def test_it_adds_a_session_in_the_seminars_local_time(client_of, manager):
    seminar = make_seminar()
    r = client_of(manager).post(f"/manage/seminars/{seminar.slug}/sessions/new/", _session(seminar))
    assert r.status_code == 302
    session = Session.objects.get(title="Joint investigation teams in practice")
    local = session.start.astimezone(seminar.tz)
    assert (local.date(), local.hour, local.minute) == (seminar.days[1], 14, 0)
    assert session.start.utcoffset().total_seconds() == 0  # stored in UTC: 13:00Z in March
    assert session.start.hour == 13
    assert AuditEntry.objects.filter(action="session.create").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "13:00"}, "end_time", "The session must end after it starts."),
        ({"end_time": "14:00"}, "end_time", "The session must end after it starts."),
        ({"day": "2027-03-20"}, "day", "Select a valid choice. 2027-03-20 is not one of"),
        ({"day": "not-a-date"}, "day", "Select a valid choice."),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
        ({"kind": "party"}, "kind", "Select a valid choice. party is not one of"),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_it_refuses_bad_times_and_saves_nothing(client_of, manager, overrides, field, message):
    seminar = make_seminar()
    before = Session.objects.count()
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/sessions/new/", _session(seminar, **overrides)
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert field in r.context["form"].errors
    assert Session.objects.count() == before


def test_it_refuses_two_sessions_in_one_room_at_once(client_of, manager):
    seminar = make_seminar()
    data = _session(seminar, day=seminar.days[0].isoformat(), start_time="10:00", end_time="11:00")
    r = client_of(manager).post(f"/manage/seminars/{seminar.slug}/sessions/new/", data)
    assert r.status_code == 400
    assert (
        "Plenary is already booked for “Act, means, purpose” (09:00–10:30)." in r.content.decode()
    )


def test_it_allows_parallel_workshops_in_different_rooms(client_of, manager):
    seminar = make_seminar()
    data = _session(
        seminar,
        day=seminar.days[0].isoformat(),
        start_time="11:00",
        end_time="12:30",
        room="Room C",
        track="C",
        kind="workshop",
    )
    assert (
        client_of(manager).post(f"/manage/seminars/{seminar.slug}/sessions/new/", data).status_code
        == 302
    )
    assert (
        Session.objects.filter(seminar=seminar, start=Session.objects.get(track="A").start).count()
        == 3
    )


def test_it_refuses_a_speaker_booked_twice_even_across_seminars(client_of, manager):
    vienna = make_seminar()
    judge = vienna.sessions.get(title="Act, means, purpose").speakers.get()
    # Another seminar on the same dates elsewhere: the judge cannot be in both at 09:30.
    lisbon = make_seminar(
        "lisbon", sessions=False, city="Lisbon", country="PT", time_zone="Europe/Lisbon"
    )
    data = _session(
        lisbon,
        day=lisbon.days[0].isoformat(),
        start_time="08:30",
        end_time="09:30",
        speakers=[judge.pk],
    )
    r = client_of(manager).post("/manage/seminars/lisbon/sessions/new/", data)
    assert r.status_code == 400
    body = r.content.decode()
    assert "Eva Lindqvist already speaks at “Act, means, purpose”" in body
    assert not lisbon.sessions.exists()


def test_it_refuses_a_chair_who_is_speaking_elsewhere(client_of, manager):
    seminar = make_seminar()
    analyst = seminar.sessions.get(title="Following the money").speakers.get()
    data = _session(
        seminar,
        day=seminar.days[0].isoformat(),
        start_time="12:00",
        end_time="13:00",
        room="Room D",
        chair=analyst.pk,
    )
    r = client_of(manager).post(f"/manage/seminars/{seminar.slug}/sessions/new/", data)
    assert r.status_code == 400
    assert "Tomas Novak already speaks at “Following the money”" in r.content.decode()


def test_it_refuses_an_unknown_time_zone_on_the_seminar(client_of, manager):
    seminar = make_seminar()
    c = client_of(manager)
    form = c.get(f"/manage/seminars/{seminar.slug}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(time_zone="Europe/Atlantis", tags=[], working_languages=["en"])
    data["start_date"] = seminar.start_date.isoformat()
    data["end_date"] = seminar.end_date.isoformat()
    data["country"] = "AT"
    r = c.post(f"/manage/seminars/{seminar.slug}/", data)
    assert r.status_code == 400
    assert "is not a known time zone" in r.content.decode()
    seminar.refresh_from_db()
    assert seminar.time_zone == "Europe/Vienna"


def _seminar_form_data(seminar, **overrides):
    data = {
        "title": seminar.title,
        "slug": seminar.slug,
        "programme": seminar.programme_id,
        "city": seminar.city,
        "country": "AT",
        "start_date": seminar.start_date.isoformat(),
        "end_date": seminar.end_date.isoformat(),
        "time_zone": seminar.time_zone,
        "capacity": seminar.capacity,
        "working_languages": ["en"],
    }
    data.update(overrides)
    return data


def test_it_refuses_an_end_before_the_start(client_of, manager):
    seminar = make_seminar(sessions=False)
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/", _seminar_form_data(seminar, end_date="2027-03-10")
    )
    assert r.status_code == 400
    assert "The last day cannot be before the first day." in r.content.decode()


def test_it_refuses_new_dates_that_would_strand_sessions(client_of, manager):
    seminar = make_seminar()
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/", _seminar_form_data(seminar, end_date="2027-03-16")
    )
    assert r.status_code == 400
    assert "1 session would fall outside the new dates; move it first." in r.content.decode()
    seminar.refresh_from_db()
    assert seminar.end_date.isoformat() == "2027-03-17"


def test_it_moves_a_seminar_through_its_statuses_only_in_order(client_of, manager):
    seminar = make_seminar(sessions=False, status="draft")
    c = client_of(manager)
    c.post(f"/manage/seminars/{seminar.slug}/status/", {"status": "held"})
    seminar.refresh_from_db()
    assert seminar.status == "draft"
    c.post(f"/manage/seminars/{seminar.slug}/status/", {"status": "published"})
    seminar.refresh_from_db()
    assert seminar.status == "published"
    assert AuditEntry.objects.get(action="seminar.status").details == {
        "from": "draft",
        "to": "published",
    }


def test_it_keeps_the_editor_from_participants(client_of, participant):
    seminar = make_seminar()
    c = client_of(participant)
    assert c.get("/manage/seminars/").status_code == 403
    assert (
        c.post(f"/manage/seminars/{seminar.slug}/sessions/new/", _session(seminar)).status_code
        == 403
    )
    assert (
        c.post(f"/manage/seminars/{seminar.slug}/status/", {"status": "draft"}).status_code == 403
    )


def test_it_duplicates_a_seminar_with_its_timetable_shifted(client_of, manager):
    seminar = make_seminar()
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/duplicate/",
        {"start_date": "2027-10-26", "slug": "vienna-autumn", "title": "Vienna, autumn edition"},
    )
    assert r.status_code == 302
    copy = Seminar.objects.get(slug="vienna-autumn")
    assert copy.status == "draft"
    assert (copy.start_date.isoformat(), copy.end_date.isoformat()) == ("2027-10-26", "2027-10-27")
    assert copy.sessions.count() == seminar.sessions.count()
    keynote = copy.sessions.get(title="Act, means, purpose")
    local = keynote.start.astimezone(copy.tz)
    # 09:00 stays 09:00 local time, although Vienna has changed from winter to summer time.
    assert (local.date().isoformat(), local.hour, local.minute) == ("2027-10-26", 9, 0)
    assert [s.name for s in keynote.speakers.all()] == ["Eva Lindqvist"]
    assert sorted(t.code for t in keynote.tags.all()) == ["A", "L", "S"]


def test_it_refuses_a_duplicate_with_a_taken_short_name(client_of, manager):
    seminar = make_seminar()
    make_seminar("taken", sessions=False)
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/duplicate/",
        {"start_date": "2027-10-26", "slug": "taken", "title": "x"},
        follow=True,
    )
    assert "Another seminar already uses this short name." in r.content.decode()
    assert Seminar.objects.count() == 2


def test_it_lets_a_manager_add_a_speaker(client_of, manager):
    r = client_of(manager).post(
        "/manage/speakers/",
        {
            "name": "Ana Costa",
            "slug": "ana-costa",
            "function": "Labour inspector",
            "organisation": "ACT",
            "country": "PT",
            "bio": "Inspections in agriculture.",
        },
    )
    assert r.status_code == 302
    assert make_speaker  # helper stays importable
    from crossborder.seminars.models import Speaker

    assert Speaker.objects.get(slug="ana-costa").country.code == "PT"
