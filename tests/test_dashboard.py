"""The dashboard's cards show real data: every list a card iterates over is in the context."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossborder.accounts.models import Role
from crossborder.enrolment.models import Application
from tests.factories import make_applicant, make_call, make_seminar, make_user

pytestmark = pytest.mark.django_db
TEMPLATE = Path(__file__).resolve().parent.parent / "crossborder/templates/dashboard.html"
ROLES = ["participant", "trainer", "manager", "funder", "admin_user"]


def iterated_names() -> set[str]:
    """The context names the template's `{% for … in name… %}` loops start from."""
    loops = re.findall(r"{%\s*for\s+[\w\s,]+\s+in\s+(\w+)", TEMPLATE.read_text())
    return set(loops)


def apply(user, call, status=Application.Status.SUBMITTED):
    return Application.objects.create(
        call=call, user=user, status=status, submitted_at=timezone.now(), motivation="I work on it."
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_list_a_card_shows_is_in_the_context(client_of, request, role):
    names = iterated_names()
    assert {"applications", "upcoming", "open_calls"} <= names
    r = client_of(request.getfixturevalue(role)).get("/dashboard/")
    assert r.status_code == 200
    missing = {name for name in names if name not in r.context}
    assert not missing, f"the dashboard template iterates over {missing}, the view never passes"


def test_a_participant_sees_their_application_and_its_status(client_of, participant):
    apply(participant, make_call(make_seminar()))
    body = client_of(participant).get("/dashboard/").content.decode()
    assert "You have not applied to a seminar yet." not in body
    assert "Investigating trafficking across borders" in body
    assert '<span class="badge app-submitted">Submitted</span>' in body
    assert "You have applied." in body


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


def test_a_manager_sees_open_calls_with_their_application_counts(client_of, manager):
    call = make_call(make_seminar())
    for n in range(3):
        make_applicant(call, n)
    r = client_of(manager).get("/dashboard/")
    assert [c.submitted for c in r.context["open_calls"]] == [3]
    body = r.content.decode()
    assert "3 applications · closes" in body
    assert 'href="/manage/seminars/vienna/applications/"' in body


def test_the_cards_cost_the_same_queries_with_more_data(client_of, participant, manager):
    def count(user):
        c = client_of(user)
        with CaptureQueriesContext(connection) as queries:
            assert c.get("/dashboard/").status_code == 200
        return len(queries)

    call = make_call(make_seminar("one", sessions=False))
    apply(participant, call)
    few = count(participant), count(manager)
    for n in range(2, 6):
        call = make_call(make_seminar(f"s{n}", sessions=False))
        apply(participant, call)
        make_applicant(call, n)
    assert (count(participant), count(manager)) == few


def test_a_superuser_is_greeted_as_an_administrator(client_of):
    boss = make_user("boss@example.org", role=Role.FUNDER, mfa=True)
    boss.is_superuser = True
    boss.save(update_fields=["is_superuser"])
    assert boss.effective_role == "admin"
    r = client_of(boss).get("/dashboard/")
    assert r.context["role"] == "Administrator"
    assert r.context["recent_audit"] is not None  # and reads as one
