"""The seminar day in the pocket: the "now" view, its access, its cost, and the offline files."""

import gzip
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from crossborder.accounts.models import Role
from crossborder.enrolment.models import Application
from crossborder.seminars.models import Session, Speaker
from tests.factories import make_applicant, make_call, make_seminar, make_user

VIENNA = ZoneInfo("Europe/Vienna")
NOW_URL = "/s/vienna/now/"


def at(day: int, clock: str) -> datetime:
    """A wall-clock time in Vienna on 16 or 17 March 2027 (the test seminar's days)."""
    hour, minute = map(int, clock.split(":"))
    return datetime(2027, 3, day, hour, minute, tzinfo=VIENNA)


@pytest.fixture
def clock(monkeypatch):
    """clock(datetime): freeze django.utils.timezone.now (as tests/evaluation/surveys do)."""

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


@pytest.fixture
def seminar(db):
    return make_seminar()


@pytest.fixture
def call(seminar):
    return make_call(seminar)


@pytest.fixture
def seat(call, participant):
    return Application.objects.create(
        call=call, user=participant, status=Application.Status.CONFIRMED
    )


def page(client, url=NOW_URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- access ------------------------------------------------------------------------------------


def test_it_shows_a_confirmed_participant_the_view(client_of, participant, seat, clock):
    clock(at(16, "09:30"))
    assert "Act, means, purpose" in page(client_of(participant))


def test_it_shows_an_attendee_the_view(client_of, participant, seat, clock):
    seat.status = Application.Status.ATTENDED
    seat.save(update_fields=["status"])
    clock(at(16, "09:30"))
    assert client_of(participant).get(NOW_URL).status_code == 200


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "selected", "withdrawn"])
def test_it_refuses_an_applicant_without_a_confirmed_seat(client_of, call, status):
    applicant = make_applicant(call, 1, status=status)
    assert client_of(applicant.user).get(NOW_URL).status_code == 403


def test_it_refuses_a_participant_of_another_seminar(client_of, participant, seat):
    graz = make_seminar("graz", sessions=False)
    other = make_user("other@example.org")
    Application.objects.create(call=make_call(graz), user=other, status="confirmed")
    assert client_of(other).get(NOW_URL).status_code == 403
    assert client_of(participant).get("/s/graz/now/").status_code == 403


def test_it_shows_a_trainer_speaking_at_the_seminar_the_view(client_of, trainer, seminar, clock):
    Speaker.objects.filter(slug="vienna-judge").update(user=trainer)
    clock(at(16, "09:30"))
    html = page(client_of(trainer))
    assert "Act, means, purpose" in html
    assert "My badge" not in html  # a trainer has no participant badge
    assert "data-offline-copy" not in html  # nor an offline copy of personal pages


def test_it_refuses_a_trainer_who_does_not_speak_there(client_of, trainer, seminar):
    assert client_of(trainer).get(NOW_URL).status_code == 403


def test_it_refuses_programme_staff_and_the_funder(client_of, manager, funder, seminar):
    assert client_of(manager).get(NOW_URL).status_code == 403
    assert client_of(funder).get(NOW_URL).status_code == 403


def test_it_sends_a_visitor_to_sign_in(client, seminar):
    response = client.get(NOW_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_answers_404_for_an_unknown_seminar(client_of, participant):
    assert client_of(participant).get("/s/nowhere/now/").status_code == 404


# --- what it shows at frozen times -------------------------------------------------------------


def test_before_the_day_it_shows_the_first_session(client_of, participant, seat, clock):
    clock(at(16, "07:00"))
    html = text(page(client_of(participant)))
    assert "First session" in html
    assert "Act, means, purpose" in html
    assert "09:00–10:30" in html
    assert "Room: Plenary" in html
    assert "Eva Lindqvist" in html
    assert "times in Europe/Vienna" in html


def test_during_a_session_it_shows_it_and_the_next_one(client_of, participant, seat, clock):
    clock(at(16, "09:45"))
    html = text(page(client_of(participant)))
    now, nxt = html.split(" Next ", 1)
    assert "Act, means, purpose" in now and "09:00–10:30" in now
    assert "Coffee" in nxt and "10:30–11:00" in nxt and "Room: Foyer" in nxt
    assert "Tuesday 16 March, 09:45" in html  # the seminar's local time


def test_the_times_are_in_the_seminars_time_zone(client_of, participant, seat, clock, settings):
    settings.TIME_ZONE = "America/New_York"
    clock(at(16, "09:45"))
    with timezone.override("America/New_York"):
        html = text(page(client_of(participant)))
    assert "09:00–10:30" in html
    assert "Tuesday 16 March, 09:45" in html


def test_between_sessions_it_says_nothing_runs_and_shows_the_next(
    client_of, participant, seat, clock
):
    clock(at(16, "15:00"))
    html = text(page(client_of(participant)))
    assert "No session is running right now." in html
    assert "Demand and impunity" in html.split(" Next ", 1)[1]
    assert "Wed 17 Mar, 09:30–11:00" in html
    assert "Tomas Novak" in html


def test_in_a_workshop_slot_it_shows_my_group_and_its_room(client_of, participant, seat, clock):
    from crossborder.workshops.models import Group, Membership, Workshop

    seminar = seat.call.seminar
    victims = Session.objects.get(seminar=seminar, title="Identifying victims")
    workshop = Workshop.objects.create(
        seminar=seminar, start=victims.start, published_at=at(15, "12:00")
    )
    trainer = Speaker.objects.get(slug="vienna-judge")
    group = Group.objects.create(
        workshop=workshop, number=2, session=victims, trainer=trainer, language="en"
    )
    Membership.objects.create(workshop=workshop, group=group, application=seat)
    clock(at(16, "10:40"))  # in the coffee break: the workshop is next
    html = text(page(client_of(participant)))
    assert "My workshop group" in html
    assert "Group 2" in html and "Room: Room B" in html and "Trainer: Eva Lindqvist" in html
    clock(at(16, "11:15"))  # during the workshop
    html = text(page(client_of(participant)))
    assert "Group 2" in html and "Room: Room B" in html
    clock(at(16, "15:00"))  # afterwards: no group for the next slot
    assert "My workshop group" not in page(client_of(participant))


def _groups_of_the_victims_workshop(seat, trainer_speaker, *, published=True, others=3):
    """Group 1 of the "Identifying victims" slot, led by `trainer_speaker`, with the seat's
    participant and `others` confirmed colleagues; group 2 (led by the analyst) in Room A."""
    from crossborder.workshops.models import Group, Membership, Workshop

    seminar = seat.call.seminar
    victims = Session.objects.get(seminar=seminar, title="Identifying victims")
    money = Session.objects.get(seminar=seminar, title="Following the money")
    workshop = Workshop.objects.create(
        seminar=seminar, start=victims.start, published_at=at(15, "12:00") if published else None
    )
    mine = Group.objects.create(
        workshop=workshop, number=1, session=victims, trainer=trainer_speaker, language="en"
    )
    theirs = Group.objects.create(
        workshop=workshop, number=2, session=money, trainer=Speaker.objects.get(slug="vienna-fiu")
    )
    Membership.objects.create(workshop=workshop, group=mine, application=seat)
    for n in range(others):
        other = make_applicant(seat.call, 100 + n, status="confirmed", country="RO")
        Membership.objects.create(workshop=workshop, group=mine, application=other)
    outsider = make_applicant(seat.call, 99, status="confirmed", country="PL")
    Membership.objects.create(workshop=workshop, group=theirs, application=outsider)
    return workshop


def test_a_trainer_sees_the_groups_they_lead_with_room_and_members(client_of, trainer, seat, clock):
    judge = Speaker.objects.get(slug="vienna-judge")
    Speaker.objects.filter(pk=judge.pk).update(user=trainer)
    _groups_of_the_victims_workshop(seat, judge, published=False)
    clock(at(16, "10:40"))  # the coffee break: the trainer is on the way to the room
    html = text(page(client_of(trainer)))
    led = html.split("The groups I lead", 1)[1]
    assert "Group 1 · 11:00" in led and "Room: Room B" in led and "Language: EN" in led
    assert "4 members" in led
    assert "Ana Horvat" in led and "Applicant100 Test" in led and "Applicant102 Test" in led
    assert "Not shown to participants yet" in led
    assert "Applicant99" not in html and "Group 2" not in html  # another trainer's group
    assert reverse("trainer-groups") in page(client_of(trainer))
    clock(at(16, "15:00"))  # afterwards: no group in the next slot
    assert "The groups I lead" not in page(client_of(trainer))


def test_a_participant_does_not_see_the_trainers_groups(client_of, participant, seat, clock):
    _groups_of_the_victims_workshop(seat, Speaker.objects.get(slug="vienna-judge"))
    clock(at(16, "11:15"))
    html = text(page(client_of(participant)))
    assert "The groups I lead" not in html and "Applicant100" not in html
    assert "My workshop group" in html


def test_an_unpublished_group_is_not_shown(client_of, participant, seat, clock):
    from crossborder.workshops.models import Group, Membership, Workshop

    seminar = seat.call.seminar
    victims = Session.objects.get(seminar=seminar, title="Identifying victims")
    workshop = Workshop.objects.create(seminar=seminar, start=victims.start)
    group = Group.objects.create(workshop=workshop, number=1, session=victims)
    Membership.objects.create(workshop=workshop, group=group, application=seat)
    clock(at(16, "11:15"))
    assert "My workshop group" not in page(client_of(participant))


def test_after_the_end_it_shows_a_closing_line(client_of, participant, seat, clock):
    clock(at(17, "18:00"))
    html = text(page(client_of(participant)))
    assert "The seminar is over" in html
    assert "Demand and impunity" not in html


def test_it_shows_my_badge_qr_with_the_badges_code(client_of, participant, seat, clock):
    from crossborder.enrolment.badges import qr_svg

    clock(at(16, "09:30"))
    html = page(client_of(participant))
    assert qr_svg(seat.badge_code) in html  # the same QR as on the printed badge
    assert seat.badge_code in html
    assert reverse("application-badge", args=[seat.pk]) in html


def test_it_lists_the_open_survey_with_its_link(client_of, participant, seat, clock):
    from crossborder.evaluation.models import Survey, SurveyQuestion

    seat.status = Application.Status.ATTENDED
    seat.save(update_fields=["status"])
    survey = Survey.objects.create(
        seminar=seat.call.seminar,
        kind="satisfaction",
        title="How was the seminar?",
        opens_at=at(17, "10:00"),
        closes_at=at(17, "10:00") + timedelta(days=14),
    )
    SurveyQuestion.objects.create(survey=survey, order=1, kind="text", text="Anything else?")
    clock(at(17, "12:00"))
    html = page(client_of(participant))
    assert "Open for me" in html
    assert reverse("survey-answer", args=[survey.pk]) in html
    assert "How was the seminar?" in html


def test_it_lists_nothing_open_when_nothing_is(client_of, participant, seat, clock):
    clock(at(16, "09:30"))
    assert "Open for me" not in page(client_of(participant))


def test_it_says_when_the_page_was_generated(client_of, participant, seat, clock):
    clock(at(16, "09:30"))
    assert "Updated 16 Mar, 09:30" in text(page(client_of(participant)))


# --- cost --------------------------------------------------------------------------------------


def test_it_uses_a_fixed_number_of_queries(
    client_of, participant, seat, clock, django_assert_max_num_queries
):
    from crossborder.workshops.models import Group, Membership, Workshop

    clock(at(16, "11:15"))
    client = client_of(participant)
    client.get(NOW_URL)  # warm the session
    with django_assert_max_num_queries(12) as captured:
        page(client)
    few = len(captured.captured_queries)
    seminar = seat.call.seminar
    for i in range(15):  # a longer timetable, more people in the groups
        s = Session.objects.create(
            seminar=seminar,
            title=f"Workshop {i}",
            kind="workshop",
            start=at(16, "11:00"),
            end=at(16, "12:30"),
            room=f"Room {i}",
        )
        s.speakers.set(Speaker.objects.all())
    victims = Session.objects.get(seminar=seminar, title="Identifying victims")
    workshop = Workshop.objects.create(
        seminar=seminar, start=victims.start, published_at=at(1, "1:00")
    )
    group = Group.objects.create(workshop=workshop, number=1, session=victims)
    Membership.objects.create(workshop=workshop, group=group, application=seat)
    for n in range(5):
        other = make_applicant(seat.call, n, status="confirmed")
        Membership.objects.create(workshop=workshop, group=group, application=other)
    with django_assert_max_num_queries(few + 3):  # + the timetable again, + the group
        html = page(client)
    assert "Workshop 14" in html and "Group 1" in html
    with django_assert_max_num_queries(few + 1):  # the timetable from the cache again
        page(client)


def test_the_trainers_view_uses_a_fixed_number_of_queries(
    client_of, trainer, seat, clock, django_assert_max_num_queries
):
    judge = Speaker.objects.get(slug="vienna-judge")
    Speaker.objects.filter(pk=judge.pk).update(user=trainer)
    workshop = _groups_of_the_victims_workshop(seat, judge, others=1)
    clock(at(16, "11:15"))
    client = client_of(trainer)
    client.get(NOW_URL)  # warm the session
    with django_assert_max_num_queries(12) as captured:
        page(client)
    few = len(captured.captured_queries)
    from crossborder.workshops.models import Group, Membership

    seminar = seat.call.seminar
    for i in range(3, 9):  # more groups led by the trainer in the slot, more people in them
        room = Session.objects.create(
            seminar=seminar,
            title=f"Workshop {i}",
            kind="workshop",
            start=at(16, "11:00"),
            end=at(16, "12:30"),
            room=f"Room {i}",
        )
        room.speakers.set([judge])
        group = Group.objects.create(workshop=workshop, number=i, session=room, trainer=judge)
        for n in range(4):
            other = make_applicant(seat.call, 10 * i + n, status="confirmed")
            Membership.objects.create(workshop=workshop, group=group, application=other)
    page(client)  # the new timetable into the cache
    with django_assert_max_num_queries(few) as captured:
        html = text(page(client))
    assert "Group 8 · 11:00" in html and "Room: Room 8" in html and "Applicant83 Test" in html


def test_it_keeps_the_timetable_in_the_cache(
    client_of, participant, seat, clock, django_assert_max_num_queries
):
    clock(at(16, "09:30"))
    client = client_of(participant)
    with django_assert_max_num_queries(50) as cold:
        page(client)
    with django_assert_max_num_queries(50) as warm:
        page(client)
    assert len(warm.captured_queries) == len(cold.captured_queries) - 2  # sessions, speakers
    assert not any('FROM "seminars_session"' in q["sql"] for q in warm.captured_queries)


def test_a_changed_session_shows_at_once(client_of, participant, seat, clock):
    clock(at(16, "09:30"))
    client = client_of(participant)
    assert "Act, means, purpose" in page(client)  # cached now
    keynote = Session.objects.get(title="Act, means, purpose")
    keynote.title = "Act, means and purpose: the 2024 reform"
    keynote.room = "Hall 2"
    keynote.save()
    html = text(page(client))
    assert "Act, means and purpose: the 2024 reform" in html and "Room: Hall 2" in html


def test_a_changed_speaker_shows_at_once(client_of, participant, seat, clock):
    clock(at(16, "09:30"))
    client = client_of(participant)
    assert "Eva Lindqvist" in page(client)
    judge = Speaker.objects.get(slug="vienna-judge")
    judge.name = "Eva Lindqvist-Berg"
    judge.save()
    assert "Eva Lindqvist-Berg" in page(client)
    clock(at(16, "09:31"))  # a later change (the cache key is the time of the last change)
    keynote = Session.objects.get(title="Act, means, purpose")
    keynote.speakers.add(Speaker.objects.get(slug="vienna-fiu"))
    assert "Tomas Novak" in text(page(client)).split(" Next ", 1)[0]


def test_a_deleted_or_added_session_shows_at_once(client_of, participant, seat, clock):
    clock(at(16, "10:40"))
    client = client_of(participant)
    assert "Following the money" in page(client)
    Session.objects.filter(title="Following the money").delete()
    seminar = seat.call.seminar
    Session.objects.create(
        seminar=seminar,
        title="Cyber-enabled recruitment",
        kind="workshop",
        start=at(16, "11:00"),
        end=at(16, "12:30"),
        room="Room C",
    )
    html = page(client)
    assert "Following the money" not in html and "Cyber-enabled recruitment" in html


def test_it_is_under_30_kb_compressed_with_its_css(client_of, participant, seat, clock):
    from django.contrib.staticfiles import finders

    from crossborder.workshops.models import Group, Membership, Workshop

    seminar = seat.call.seminar
    victims = Session.objects.get(seminar=seminar, title="Identifying victims")
    workshop = Workshop.objects.create(
        seminar=seminar, start=victims.start, published_at=at(15, "12:00")
    )
    group = Group.objects.create(workshop=workshop, number=1, session=victims)
    Membership.objects.create(workshop=workshop, group=group, application=seat)
    clock(at(16, "10:45"))
    html = page(client_of(participant))
    sheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert sheets, "the page loads its CSS"
    size = len(gzip.compress(html.encode(), 6))
    for sheet in sheets:
        size += len(gzip.compress(Path(finders.find(sheet)).read_bytes(), 6))
    assert size < 30 * 1024, f"{size} bytes compressed"


# --- offline -------------------------------------------------------------------------------------


def test_a_confirmed_participants_pages_register_the_worker_and_may_be_kept(
    client_of, participant, seat, clock
):
    clock(at(16, "09:30"))
    client = client_of(participant)
    for url in (NOW_URL, "/seminars/vienna/"):
        response = client.get(url)
        html = response.content.decode()
        assert response["Crossborder-Offline-Copy"] == "keep", url
        assert 'data-offline-copy data-served="network" data-worker="/sw.js"' in html, url
        assert "crossborder/pocket.js" in html, url
        assert "Offline copy from 16 Mar, 09:30" in html, url
        assert "Updated 16 Mar, 09:30" in html, url


def test_nobody_elses_pages_are_marked_for_an_offline_copy(client_of, call, trainer, seminar):
    applicant = make_applicant(call, 1, status="submitted")
    Speaker.objects.filter(slug="vienna-judge").update(user=trainer)
    for user, urls in (
        (applicant.user, ["/seminars/vienna/"]),
        (trainer, [NOW_URL, "/seminars/vienna/"]),
    ):
        client = client_of(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200
            assert not response.has_header("Crossborder-Offline-Copy"), (user, url)
            assert "data-offline-copy" not in response.content.decode()
    client.logout()
    response = client.get("/seminars/vienna/")
    assert not response.has_header("Crossborder-Offline-Copy")
    assert "data-offline-copy" not in response.content.decode()


def test_the_manifest_is_served_as_a_web_app_manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == reverse("dashboard")
    assert data["display"] == "standalone"
    assert data["icons"][0]["src"].endswith("crossborder/favicon.svg")
    assert data["icons"][0]["type"] == "image/svg+xml"


def test_every_page_links_the_manifest(client):
    assert '<link rel="manifest" href="/manifest.webmanifest">' in client.get("/").content.decode()


def test_the_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert 'addEventListener("fetch"' in body
    assert "Crossborder-Offline-Copy" in body


def test_signing_out_clears_the_sites_data(client_of, participant):
    client = client_of(participant)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert not client.get(reverse("dashboard")).wsgi_request.user.is_authenticated


def test_other_responses_do_not_clear_the_sites_data(client_of, participant):
    assert not client_of(participant).get(reverse("dashboard")).has_header("Clear-Site-Data")


# --- reached from the dashboard ------------------------------------------------------------------


def test_the_dashboard_links_to_the_view_during_the_seminar_days(
    client_of, participant, seat, clock
):
    clock(at(14, "12:00"))
    client = client_of(participant)
    assert NOW_URL not in page(client, "/dashboard/")
    for moment in (at(15, "12:00"), at(16, "09:30"), at(17, "20:00")):
        clock(moment)
        assert NOW_URL in page(client, "/dashboard/"), moment
    clock(at(18, "08:00"))
    assert NOW_URL not in page(client, "/dashboard/")


def test_the_trainers_dashboard_links_to_the_view(client_of, trainer, seminar, clock):
    Speaker.objects.filter(slug="vienna-judge").update(user=trainer)
    clock(at(16, "09:30"))
    assert NOW_URL in page(client_of(trainer), "/dashboard/")


def test_an_applicant_has_no_link_on_the_dashboard(client_of, call, clock):
    applicant = make_applicant(call, 1, status="submitted")
    clock(at(16, "09:30"))
    assert NOW_URL not in page(client_of(applicant.user), "/dashboard/")


def test_the_trainer_role_is_what_lets_a_speaker_in(client_of, seminar):
    # A participant account linked to a speaker (a practitioner who also speaks) needs a seat.
    person = make_user("speaking-participant@example.org", role=Role.PARTICIPANT)
    Speaker.objects.filter(slug="vienna-judge").update(user=person)
    assert client_of(person).get(NOW_URL).status_code == 403
