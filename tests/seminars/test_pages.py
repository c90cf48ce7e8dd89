"""Public programme pages: timetable, caching, languages, calendars, PDF, coverage."""

import subprocess
from datetime import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from crossborder.curriculum.models import Tag
from crossborder.seminars.models import Session
from tests.factories import make_seminar, make_speaker

pytestmark = pytest.mark.django_db


def test_it_shows_the_timetable_by_day_with_parallel_workshops(client):
    make_seminar()
    body = client.get("/seminars/vienna/").content.decode()
    assert "Investigating trafficking across borders" in body
    assert "Day 1 · Tuesday 16 March" in body and "Day 2 · Wednesday 17 March" in body
    assert body.count('class="slot slot-parallel"') == 1
    assert "Following the money" in body and "Identifying victims" in body
    assert 'href="/speakers/vienna-judge/"' in body


def test_it_hides_drafts_from_visitors_but_not_from_managers(client, client_of, manager):
    make_seminar(status="draft")
    assert client.get("/seminars/vienna/").status_code == 404
    assert client.get("/seminars/vienna/calendar.ics").status_code == 404
    assert "Investigating" not in client.get("/seminars/").content.decode()
    assert client.get("/api/v1/seminars/vienna").status_code == 404
    assert client_of(manager).get("/seminars/vienna/").status_code == 200


def test_it_shows_titles_in_the_visitors_language_with_english_fallback(client):
    make_seminar()
    body = client.get("/seminars/vienna/", headers={"accept-language": "fr"}).content.decode()
    assert "Enquêter sur la traite par-delà les frontières" in body
    body = client.get("/seminars/vienna/", headers={"accept-language": "de"}).content.decode()
    assert "Investigating trafficking across borders" in body  # no German title: English


def _add_sessions(seminar, n):
    tag = Tag.objects.get(code="A")
    speaker = make_speaker(f"s{n}", f"Speaker {n}")
    for i in range(n):
        s = Session.objects.create(
            seminar=seminar,
            title=f"Extra {i}",
            kind="panel",
            start=seminar.local_datetime(seminar.days[1], time(12, 0)),
            end=seminar.local_datetime(seminar.days[1], time(13, 0)),
            room=f"Room {n}-{i}",
        )
        s.tags.add(tag)
        s.speakers.add(speaker)


def test_it_renders_the_seminar_page_in_a_fixed_number_of_queries(client):
    seminar = make_seminar()
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get("/seminars/vienna/").status_code == 200
    _add_sessions(seminar, 25)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        body = client.get("/seminars/vienna/").content.decode()
    assert "Extra 24" in body
    assert len(large) == len(small) <= 10
    # Served from the cache afterwards: one query to check the seminar's version.
    with CaptureQueriesContext(connection) as cached:
        client.get("/seminars/vienna/")
    assert len(cached) == 1


def test_it_shows_an_edit_at_once_despite_the_cache(client, client_of, manager):
    seminar = make_seminar()
    assert "Act, means, purpose" in client.get("/seminars/vienna/").content.decode()
    session = seminar.sessions.get(title="Act, means, purpose")
    editor = client_of(manager)
    form = editor.get(f"/manage/sessions/{session.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(
        title="Act, means and purpose after the 2024 reform",
        day=seminar.days[0].isoformat(),
        start_time="09:00",
        end_time="10:30",
        speakers=[s.pk for s in session.speakers.all()],
        tags=[t.pk for t in session.tags.all()],
    )
    assert editor.post(f"/manage/sessions/{session.pk}/", data).status_code == 302
    editor.logout()
    body = client.get("/seminars/vienna/").content.decode()
    assert "Act, means and purpose after the 2024 reform" in body


def test_it_shows_a_speaker_edit_at_once(client, client_of, manager):
    make_seminar()
    client.get("/seminars/vienna/")
    client_of(manager).post(
        "/manage/speakers/vienna-judge/",
        {
            "name": "Eva Lindqvist-Berg",
            "slug": "vienna-judge",
            "function": "Judge",
            "organisation": "Svea Court of Appeal",
            "country": "SE",
        },
    )
    client.logout()
    assert "Eva Lindqvist-Berg" in client.get("/seminars/vienna/").content.decode()


def test_it_publishes_a_valid_icalendar_feed_with_time_zones(client):
    make_seminar()
    r = client.get("/seminars/vienna/calendar.ics")
    assert r["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(r.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 4  # the break is left out
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Europe/Vienna"]
    keynote = next(e for e in events if str(e["SUMMARY"]) == "Act, means, purpose")
    start = keynote.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Vienna" and (start.hour, start.minute) == (9, 0)
    assert keynote["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert str(keynote["UID"]).endswith("@crossborder")
    assert "Eva Lindqvist" in str(keynote["DESCRIPTION"])


def test_it_gives_each_person_a_secret_calendar_of_chosen_sessions(client_of, client, participant):
    seminar = make_seminar()
    workshop = seminar.sessions.get(title="Following the money")
    c = client_of(participant)
    r = c.post("/seminars/vienna/my-sessions/", {"session": [workshop.pk]})
    assert r.status_code == 302
    page = c.get("/calendar/")
    url = page.context["feed_url"]
    path = url.split("testserver", 1)[1]
    c.logout()
    cal = Calendar.from_ical(client.get(path).content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Following the money"]
    # A new address revokes the old one.
    c = client_of(participant)
    c.post("/calendar/")
    c.logout()
    assert client.get(path).status_code == 404


def test_it_refuses_to_choose_a_session_of_another_seminar(client_of, participant):
    make_seminar()
    other = make_seminar("lisbon", city="Lisbon", country="PT", time_zone="Europe/Lisbon")
    foreign = other.sessions.first()
    r = client_of(participant).post(
        "/seminars/vienna/my-sessions/", {"session": [foreign.pk]}, follow=True
    )
    assert "Some of the chosen sessions are not part of this seminar." in r.content.decode()
    assert not participant.session_choices.exists()


def test_it_prints_the_programme_as_an_a4_pdf(client, tmp_path):
    make_seminar()
    r = client.get("/seminars/vienna/programme.pdf")
    assert r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    pdf = tmp_path / "programme.pdf"
    pdf.write_bytes(r.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    assert "Act, means, purpose" in text.stdout
    assert "Eva Lindqvist" in text.stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_it_computes_coverage_cell_by_cell(client):
    make_seminar()
    r = client.get("/seminars/vienna/coverage/")
    coverage = r.context["coverage"]
    expected = {
        ("A", "S"): ["Act, means, purpose"],
        ("A", "L"): ["Act, means, purpose"],
        ("A", "O"): [],
        ("B", "S"): [],
        ("B", "L"): ["Following the money"],
        ("B", "O"): [],
        ("C", "S"): ["Identifying victims"],
        ("C", "L"): [],
        ("C", "O"): ["Demand and impunity"],
    }
    for (element, form), titles in expected.items():
        assert [s.title for s in coverage.cell(element, form).sessions] == titles, (element, form)
    assert len(coverage.gaps) == 4
    # Hours: keynote 1.5 h (A), workshop 1.5 h (B), workshop 1.5 h + panel 1.5 h (C).
    assert coverage.hours == {"A": 1.5, "B": 1.5, "C": 3.0}
    body = r.content.decode()
    assert body.count('class="gap"') == 4
    assert "4 gaps to fill." in body


def test_it_shows_the_whole_programmes_coverage(client):
    make_seminar()
    make_seminar("lisbon", city="Lisbon", country="PT", time_zone="Europe/Lisbon")
    r = client.get("/programme/coverage/")
    assert [len(c.cell("A", "S").sessions) for c in [r.context["coverage"]]] == [2]
    assert len(r.context["per_seminar"]) == 2


def test_it_lists_a_speakers_sessions(client):
    make_seminar()
    body = client.get("/speakers/vienna-judge/").content.decode()
    assert "Eva Lindqvist" in body
    assert "Act, means, purpose" in body and "Demand and impunity" in body


def test_it_shows_times_in_the_seminars_own_time_zone(client):
    # Lisbon is one hour behind the server's default zone (Brussels).
    make_seminar("lisbon", city="Lisbon", country="PT", time_zone="Europe/Lisbon")
    body = client.get("/seminars/lisbon/").content.decode()
    assert ">09:00</time>–<time" in body
    assert "Local time (Europe/Lisbon)" in body


def test_it_refreshes_the_page_after_changes_made_outside_the_editor(client):
    seminar = make_seminar()
    client.get("/seminars/vienna/")
    session = seminar.sessions.get(title="Demand and impunity")
    session.title = "Demand, users and impunity"  # e.g. through the Django admin
    session.save()
    assert "Demand, users and impunity" in client.get("/seminars/vienna/").content.decode()
    session.tags.add(Tag.objects.get(code="cyber"))
    assert "Cyber" in client.get("/seminars/vienna/").content.decode()
    venue_programme = seminar.programme
    venue_programme.title = "Renamed programme"
    venue_programme.save()
    assert "Renamed programme" in client.get("/seminars/vienna/").content.decode()


def test_the_manager_pages_use_the_same_number_of_queries_however_many_seminars(
    client_of, manager, django_assert_max_num_queries
):
    seminar = make_seminar()
    staff = client_of(manager)
    pages = ["/manage/seminars/", "/manage/seminars/vienna/", "/manage/speakers/"]
    counts = {}
    for url in pages:
        with django_assert_max_num_queries(30) as captured:
            assert staff.get(url).status_code == 200
        counts[url] = len(captured)
    for i in range(4):
        make_seminar(f"vienna-{i}", title=f"Seminar {i}")
    _add_sessions(seminar, 12)
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            body = staff.get(url).content.decode()
    assert "Speaker 12" in body
