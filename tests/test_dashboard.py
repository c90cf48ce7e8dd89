"""The dashboard: the cards that fit each role, filled with real data (every list a card shows
is in the context), a fixed number of queries per role, and a GET that changes nothing."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossborder.accounts.models import Role
from crossborder.dashboards import learner
from crossborder.enrolment.models import Application, SelectionRun
from crossborder.learning.models import Attempt, Lesson, LessonView, Module, Quiz
from crossborder.seminars.models import Session, Speaker
from tests.factories import make_applicant, make_call, make_seminar, make_user

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parent.parent / "crossborder/templates"
ROLES = ["participant", "trainer", "manager", "funder", "admin_user"]
S = Application.Status


def iterated_names() -> set[str]:
    """The context names the dashboard's `{% for … in name… %}` loops start from (the page
    and its card partials), leaving out names the partials bind themselves (`with`)."""
    files = [TEMPLATES / "dashboard.html", *sorted((TEMPLATES / "dashboard").glob("*.html"))]
    text = "\n".join(f.read_text() for f in files)
    loops = set(re.findall(r"{%\s*for\s+[\w\s,]+\s+in\s+(\w+)", text))
    return loops - {"trained"}  # trained.professions …: `trained` itself is checked below


def apply(user, call, status=S.SUBMITTED, **fields):
    return Application.objects.create(
        call=call,
        user=user,
        status=status,
        submitted_at=timezone.now(),
        motivation="I work on it.",
        **fields,
    )


def make_module(slug="evidence", *, lessons=3, owners=(), **fields):
    module = Module.objects.create(
        slug=slug,
        title=fields.pop("title", "Evidence beyond testimony"),
        level=fields.pop("level", "registered"),
        professions=fields.pop("professions", ["law_enforcement", "prosecutor"]),
        **fields,
    )
    Quiz.objects.create(module=module)
    for n in range(lessons):
        Lesson.objects.create(module=module, order=n, slug=f"l{n}", title=f"Lesson {n}", body="…")
    module.owners.set(owners)
    return module


def attempt(user, module, *, passed=False, submitted=True, score=8.0):
    now = timezone.now()
    return Attempt.objects.create(
        quiz=module.quiz,
        user=user,
        number=Attempt.objects.filter(quiz=module.quiz, user=user).count() + 1,
        deadline=now + timedelta(minutes=30),
        submitted_at=now if submitted else None,
        score=score if submitted else None,
        max_score=10.0 if submitted else None,
        passed=passed,
    )


def read(user, module, n):
    for lesson in module.lessons.all()[:n]:
        LessonView.objects.create(user=user, lesson=lesson)


@pytest.mark.parametrize("role", ROLES)
def test_every_list_a_card_shows_is_in_the_context(client_of, request, role):
    names = iterated_names()
    assert {"applications", "upcoming", "open_calls", "to_do", "attention", "my_sessions"} <= names
    r = client_of(request.getfixturevalue(role)).get("/dashboard/")
    assert r.status_code == 200
    missing = {name for name in names | {"trained"} if name not in r.context}
    assert not missing, f"the dashboard template iterates over {missing}, the view never passes"


# --- participant -------------------------------------------------------------------------------


def test_a_participant_sees_their_application_and_its_status(client_of, participant):
    apply(participant, make_call(make_seminar()))
    body = client_of(participant).get("/dashboard/").content.decode()
    assert "You have not applied to a seminar yet." not in body
    assert "Investigating trafficking across borders" in body
    assert '<span class="badge app-submitted">Submitted</span>' in body
    assert "You have applied." in body
    assert "Withdraw my application to Investigating trafficking across borders" in body


def test_an_open_call_is_marked_with_a_link_to_apply(client_of, participant):
    make_call(make_seminar())
    today = timezone.localdate()
    make_seminar(
        "no-call", title="Demand and impunity", start_date=today, end_date=today, sessions=False
    )
    body = client_of(participant).get("/dashboard/").content.decode()
    assert "No upcoming seminars are published yet." not in body
    assert body.count("Applications open") == 1
    assert '<a href="/seminars/vienna/apply/">Apply</a>' in body
    assert "Demand and impunity" in body


def test_it_leaves_drafts_and_past_seminars_out_of_coming_up(client_of, participant):
    make_seminar("draft", status="draft", title="Secret draft")
    yesterday = timezone.localdate() - timedelta(days=1)
    make_seminar("past", title="Long ago", start_date=yesterday, end_date=yesterday, sessions=False)
    body = client_of(participant).get("/dashboard/").content.decode()
    assert "Secret draft" not in body and "Long ago" not in body
    assert "No upcoming seminars are published yet." in body


def test_it_asks_a_selected_participant_to_confirm_with_a_button(client_of, participant):
    call = make_call(make_seminar())
    mine = apply(participant, call, S.SELECTED, confirm_by=timezone.now() + timedelta(days=5))
    r = client_of(participant).get("/dashboard/")
    [item] = r.context["to_do"]
    assert item.title == "Confirm your seat at Investigating trafficking across borders"
    assert not item.urgent
    body = r.content.decode()
    assert f'action="/applications/{mine.pk}/confirm/"' in body
    assert f'action="/applications/{mine.pk}/decline/"' in body
    assert "the offer lapses soon" not in body
    # The button confirms the seat.
    client_of(participant).post(f"/applications/{mine.pk}/confirm/")
    mine.refresh_from_db()
    assert mine.status == S.CONFIRMED


def test_it_flags_an_offer_that_lapses_within_two_days(client_of, participant):
    call = make_call(make_seminar())
    apply(participant, call, S.SELECTED, confirm_by=timezone.now() + timedelta(hours=20))
    r = client_of(participant).get("/dashboard/")
    assert r.context["to_do"][0].urgent
    assert "the offer lapses soon" in r.content.decode()


def test_it_leaves_a_lapsed_offer_out_of_the_things_to_do(client_of, participant):
    call = make_call(make_seminar())
    apply(participant, call, S.SELECTED, confirm_by=timezone.now() - timedelta(hours=1))
    r = client_of(participant).get("/dashboard/")
    assert r.context["to_do"] == []
    assert "Nothing is waiting for you" in r.content.decode()


def test_it_lists_a_confirmed_seminar_with_timetable_calendar_and_badge(client_of, participant):
    call = make_call(make_seminar())
    mine = apply(participant, call, S.CONFIRMED)
    draft_call = make_call(make_seminar("lisbon", title="Follow the money", sessions=False))
    apply(participant, draft_call, S.DRAFT)
    r = client_of(participant).get("/dashboard/")
    assert [a.pk for a in r.context["my_seminars"]] == [mine.pk]
    titles = [item.title for item in r.context["to_do"]]
    assert titles == [
        "Finish and submit your application to Follow the money",  # the call closes first
        "Print your badge for Investigating trafficking across borders",
    ]
    body = r.content.decode()
    assert 'href="/seminars/vienna/#timetable-heading"' in body
    assert 'href="/seminars/vienna/calendar.ics"' in body
    assert f'href="/applications/{mine.pk}/badge.pdf"' in body


def test_it_shows_the_things_other_parts_ask_for_sorted_by_date(
    client_of, participant, monkeypatch
):
    soon = date.today() + timedelta(days=3)
    later = date.today() + timedelta(days=20)
    monkeypatch.setattr(
        learner,
        "TODO_SOURCES",
        [
            lambda user: [learner.ToDo("Satisfaction survey: Vienna", "/s/1/", due=later)],
            lambda user: [learner.ToDo("Pre-test: The Hague", "/t/2/", due=soon)],
        ],
    )
    r = client_of(participant).get("/dashboard/")
    assert [i.title for i in r.context["to_do"]] == [
        "Pre-test: The Hague",
        "Satisfaction survey: Vienna",
    ]
    assert '<a href="/t/2/">Pre-test: The Hague</a>' in r.content.decode()


def test_it_shows_each_started_module_with_its_progress_and_where_to_go_on(client_of, participant):
    passed = make_module("law", title="THB law after the 2024 reform")
    reading = make_module("evidence", title="Evidence beyond testimony")
    trying = make_module("cyber", title="Cyber-enabled THB")
    failed = make_module("money", title="Financial intelligence")
    make_module("untouched", title="Never opened")
    read(participant, passed, 3)
    attempt(participant, passed, passed=True, score=9)
    read(participant, reading, 1)
    read(participant, trying, 3)
    open_attempt = attempt(participant, trying, submitted=False)
    read(participant, failed, 3)
    attempt(participant, failed, score=5)
    r = client_of(participant).get("/dashboard/")
    rows = {row["module"].slug: row for row in r.context["my_modules"]}
    assert set(rows) == {"law", "evidence", "cyber", "money"}
    assert r.context["my_modules"][-1]["module"].slug == "law"  # finished ones last
    assert (rows["law"]["state"], rows["law"]["best"], rows["law"]["percent"]) == (
        "passed",
        90,
        100,
    )
    assert (rows["evidence"]["state"], rows["evidence"]["read"]) == ("not_started", 1)
    assert rows["evidence"]["url"] == "/learn/evidence/l1/"
    assert rows["cyber"]["url"] == f"/attempts/{open_attempt.pk}/"
    assert (rows["money"]["state"], rows["money"]["attempts_left"]) == ("not_passed", 2)
    body = r.content.decode()
    for text in (
        "Quiz passed",
        "Quiz in progress",
        "Quiz not passed yet",
        "Quiz not started",
        "1 of 3 lessons read",
        "Continue reading",
        "Continue the quiz",
        "2 attempts left",
        "best score 50 %",
    ):
        assert text in body, text
    assert "Never opened" not in body


def test_a_newcomer_is_offered_modules_written_for_their_profession(client_of, participant):
    make_module("evidence", title="Evidence beyond testimony", professions=["law_enforcement"])
    make_module("labour", title="Labour exploitation", professions=["labour_inspector"])
    r = client_of(participant).get("/dashboard/")
    assert r.context["my_modules"] == []
    assert [m.slug for m in r.context["suggested_modules"]] == ["evidence"]
    assert "You have not started an online module yet." in r.content.decode()


# --- programme staff ---------------------------------------------------------------------------


def test_a_manager_sees_open_calls_with_their_application_counts(client_of, manager):
    call = make_call(make_seminar())
    for n in range(3):
        make_applicant(call, n)
    r = client_of(manager).get("/dashboard/")
    assert [c.submitted for c in r.context["open_calls"]] == [3]
    body = r.content.decode()
    assert "3 applications · closes" in body
    assert 'href="/manage/seminars/vienna/applications/"' in body


def test_a_manager_with_nothing_to_handle_is_told_so(client_of, manager):
    r = client_of(manager).get("/dashboard/")
    assert r.context["attention"] == []
    assert "Nothing needs your attention today" in r.content.decode()


def test_a_manager_sees_what_needs_attention_each_linked_to_where_it_is_handled(
    client_of, manager, participant
):
    now = timezone.now()
    closing = make_call(
        make_seminar("closing", title="Closing soon", sessions=False),
        closes_at=now + timedelta(days=5),
    )
    make_applicant(closing, 1)
    far = make_call(
        make_seminar("far", title="Far away", sessions=False), closes_at=now + timedelta(days=40)
    )
    make_applicant(far, 2)
    closed = make_call(
        make_seminar("closed", title="Closed, not selected", sessions=False),
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    make_applicant(closed, 3)
    solved = make_call(
        make_seminar("solved", title="Solved, not published", sessions=False),
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    make_applicant(solved, 4)
    run = SelectionRun.objects.create(call=solved, created_by=manager, targets={"seats": 3})
    published = make_call(
        make_seminar("done", title="Published", sessions=False),
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    offer = make_applicant(published, 5, status="selected")
    Application.objects.filter(pk=offer.pk).update(confirm_by=now + timedelta(hours=10))
    SelectionRun.objects.create(call=published, created_by=manager, published_at=now)
    from crossborder.library.models import Entry

    Entry.objects.create(
        slug="nail-bar-checks",
        kind="practice",
        title="Joint checks of nail bars",
        status="submitted",
        author=participant,
        access="registered",
    )
    r = client_of(manager).get("/dashboard/")
    items = {i.url: i for i in r.context["attention"]}
    assert items["/manage/seminars/closing/applications/"].text.startswith(
        "The call for Closing soon closes on"
    )
    assert "1 application so far" in items["/manage/seminars/closing/applications/"].text
    assert "/manage/seminars/far/applications/" not in items  # not closing within two weeks
    assert items["/manage/seminars/closed/selection/"].action == "Run the selection"
    assert items[f"/manage/seminars/solved/selection/{run.pk}/"].action == "Review and publish"
    assert "/manage/seminars/done/selection/" not in items  # published already
    lapsing = items["/manage/seminars/done/waiting-list/"]
    assert lapsing.text.startswith("1 offered place at Published lapses within two days")
    assert items["/library/moderation/"].text == (
        "1 practice submitted to the library is awaiting moderation."
    )
    body = r.content.decode()
    assert "Nothing needs your attention today" not in body
    assert 'href="/manage/seminars/closed/selection/"' in body


def test_a_manager_sees_seats_filled_and_practitioners_trained_against_the_target(
    client_of, manager
):
    upcoming = make_call(make_seminar("upcoming", title="The Hague", sessions=False))
    for n in range(2):
        make_applicant(upcoming, n, status="confirmed")
    make_applicant(upcoming, 2, status="submitted")
    past = {"start_date": date(2026, 3, 17), "end_date": date(2026, 3, 19), "status": "held"}
    first = make_call(make_seminar("vienna", **past, sessions=False))
    second = make_call(make_seminar("lisbon", **past, sessions=False))
    twice = make_applicant(first, 10, status="attended", profession="judge")
    apply(twice.user, second, S.ATTENDED, profession="judge", country="BE")
    make_applicant(second, 11, status="attended", profession="labour_inspector", country="PT")
    make_applicant(second, 12, status="no_show")
    r = client_of(manager).get("/dashboard/")
    [row] = r.context["seats"]
    assert (row["confirmed"], row["applied"], row["seminar"].capacity) == (2, 3, 60)
    trained = r.context["trained"]
    assert (trained["total"], trained["target"], trained["percent"]) == ("2", 300, 1)
    assert trained["professions"] == [("Judge", "1"), ("Labour inspector", "1")]  # exact
    assert (trained["held"], trained["planned"]) == (2, 1)
    body = r.content.decode()
    assert "2 of 60 seats confirmed" in body
    assert "practitioners trained, of a target of 300" in body


# --- funder ------------------------------------------------------------------------------------


def test_the_funder_sees_trained_totals_with_small_counts_suppressed_and_no_names(
    client_of, funder
):
    call = make_call(make_seminar("vienna", status="held", sessions=False))
    for n in range(6):
        make_applicant(call, n, status="attended", profession="prosecutor", country="BE")
    for n in range(6, 8):
        make_applicant(call, n, status="attended", profession="judge", country="AT")
    make_applicant(call, 9, status="confirmed", profession="judge", country="AT")
    r = client_of(funder).get("/dashboard/")
    trained = r.context["trained"]
    assert trained["total"] == "8"
    assert trained["professions"] == [("Prosecutor", "6"), ("Judge", "< 5")]
    assert trained["countries"] == [("Belgium", "6"), ("Austria", "< 5")]
    assert r.context["attention"] is None and r.context["awaiting_vetting"] is None
    assert r.context["indicators_url"] == "/reports/indicators/"
    body = r.content.decode()
    assert "&lt; 5" in body and "Counts of fewer than 5 people" in body
    assert "Applicant0" not in body and "applicant0@example.org" not in body
    assert "Open the indicator dashboard" in body


def test_the_funder_sees_no_share_of_a_suppressed_total(client_of, funder):
    call = make_call(make_seminar("vienna", status="held", sessions=False))
    make_applicant(call, 1, status="attended")
    r = client_of(funder).get("/dashboard/")
    assert (r.context["trained"]["total"], r.context["trained"]["percent"]) == ("< 5", None)


# --- trainer -----------------------------------------------------------------------------------


def test_a_trainer_sees_their_sessions_upcoming_first_and_their_modules(client_of, trainer):
    me = Speaker.objects.create(
        slug="jan",
        name="Jan Peeters",
        function="Prosecutor",
        organisation="Parket",
        country="BE",
        user=trainer,
    )
    coming = make_seminar("hague", title="JITs in The Hague")  # 2027
    held = make_seminar(
        "vienna-held",
        title="Vienna, held",
        status="held",
        start_date=date(2026, 3, 17),
        end_date=date(2026, 3, 18),
    )
    workshop = coming.sessions.get(title="Following the money")
    workshop.speakers.add(me)
    panel = coming.sessions.get(title="Demand and impunity")
    Session.objects.filter(pk=panel.pk).update(chair=me)
    keynote = held.sessions.get(title="Act, means, purpose")
    keynote.speakers.add(me)
    make_seminar("secret", status="draft").sessions.get(title="Coffee").speakers.add(me)
    make_module("mine", title="JIT: the first 30 days", owners=[trainer], status="draft")
    r = client_of(trainer).get("/dashboard/")
    rows = r.context["my_sessions"]
    assert [(row["session"].pk, row["chair"], row["past"]) for row in rows] == [
        (workshop.pk, False, False),
        (panel.pk, True, False),
        (keynote.pk, False, True),
    ]
    assert [m.slug for m in r.context["authored_modules"]] == ["mine"]
    body = r.content.decode()
    assert "you chair" in body and "Room A" in body
    assert "Tue 16 Mar 2027" in body and "11:00–12:30" in body  # the seminar's local time
    assert 'href="/author/modules/mine/"' in body
    assert "Coffee" not in body  # a draft seminar's session


def test_a_trainer_without_a_speaker_profile_is_told_why_no_session_is_listed(client_of, trainer):
    r = client_of(trainer).get("/dashboard/")
    assert r.context["my_sessions"] == [] and r.context["speaker"] is None
    assert "not linked to a speaker profile" in r.content.decode()
    assert r.context["applications"] is None  # the participant's cards are not a trainer's


# --- queries and writes ------------------------------------------------------------------------


def _count(client, user):
    client.force_login(user)
    client.get("/dashboard/")  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/dashboard/").status_code == 200
    return len(queries)


def _more_data(participant, trainer, n):
    me = Speaker.objects.get_or_create(
        slug="jan",
        defaults={
            "name": "Jan",
            "function": "Judge",
            "organisation": "Court",
            "country": "BE",
            "user": trainer,
        },
    )[0]
    now = timezone.now()
    for i in range(n):
        seminar = make_seminar(f"s{i}-{Application.objects.count()}")
        call = make_call(seminar, closes_at=now + timedelta(days=3))
        apply(participant, call, S.SELECTED, confirm_by=now + timedelta(hours=5))
        make_applicant(call, Application.objects.count() + 100, status="attended")
        seminar.sessions.first().speakers.add(me)
        module = make_module(f"m{Module.objects.count()}", owners=[trainer])
        read(participant, module, 2)
        attempt(participant, module, passed=i % 2 == 0)


# Pinned query counts of the dashboard, per role (session and user included). They stay the
# same however many applications, seminars, sessions, modules and attempts there are. The
# participant's includes one for the self-study labs of their modules (issue 15).
# (+1 each but the funder's: the network's requests waiting, or its open abuse reports for staff)
QUERIES = {"participant": 13, "trainer": 15, "manager": 22, "funder": 10, "admin_user": 22}


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_costs_the_same_queries_with_more_data(
    client, request, role, participant, trainer
):
    user = request.getfixturevalue(role)
    _more_data(participant, trainer, 1)
    few = _count(client, user)
    _more_data(participant, trainer, 4)
    assert _count(client, user) == few == QUERIES[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_get_of_the_dashboard_changes_nothing(client, request, role, participant, trainer):
    _more_data(participant, trainer, 2)
    user = request.getfixturevalue(role)
    client.force_login(user)

    def state():
        return (
            list(Application.objects.order_by("pk").values_list("pk", "status", "confirm_by")),
            list(Attempt.objects.order_by("pk").values_list("pk", "submitted_at", "score")),
            LessonView.objects.count(),
            SelectionRun.objects.count(),
        )

    before = state()
    assert client.get("/dashboard/").status_code == 200
    assert state() == before


def test_a_superuser_is_greeted_as_an_administrator(client_of):
    boss = make_user("boss@example.org", role=Role.FUNDER, mfa=True)
    boss.is_superuser = True
    boss.save(update_fields=["is_superuser"])
    assert boss.effective_role == "admin"
    r = client_of(boss).get("/dashboard/")
    assert r.context["role"] == "Administrator"
    assert r.context["recent_audit"] is not None  # and reads as one
    assert r.context["attention"] is not None


def test_a_selection_being_solved_is_not_listed_as_waiting(client_of, manager):
    now = timezone.now()
    closed = make_call(
        make_seminar("closed", sessions=False),
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )
    make_applicant(closed, 1)
    SelectionRun.objects.create(
        call=closed, created_by=manager, targets={"seats": 3}, status=SelectionRun.Status.RUNNING
    )
    items = client_of(manager).get("/dashboard/").context["attention"]
    assert [i.action for i in items] == ["Vet them"]  # the applicant awaits vetting, nothing else


def test_the_dashboard_speaks_french_and_german(client_of, participant):
    call = make_call(make_seminar())
    apply(participant, call, S.SELECTED, confirm_by=timezone.now() + timedelta(days=5))
    c = client_of(participant)
    fr = c.get("/dashboard/", headers={"accept-language": "fr"}).content.decode()
    assert "Prochaines étapes" in fr and "Confirmer ma place" in fr and "Mes modules" in fr
    de = c.get("/dashboard/", headers={"accept-language": "de"}).content.decode()
    assert "Als Nächstes zu tun" in de and "Meinen Platz bestätigen" in de
