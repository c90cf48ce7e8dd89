"""The UI shell through HTTP: pages by role, 403/404, messages, language switch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossborder.accounts.models import Profession, Profile
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MANAGER_PAGES = ["/people/"]
ADMIN_PAGES = ["/audit/"]


def test_it_shows_the_landing_page_to_visitors(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "Cross-border training against trafficking in human beings" in r.content.decode()
    assert 'href="/accounts/login/"' in r.content.decode()


def test_it_sends_signed_in_people_from_home_to_their_dashboard(client_of, participant):
    r = client_of(participant).get("/")
    assert r.status_code == 302
    assert r["Location"] == "/dashboard/"


def test_it_asks_visitors_to_sign_in_for_the_dashboard(client):
    r = client.get("/dashboard/")
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", MANAGER_PAGES + ADMIN_PAGES)
def test_it_refuses_staff_pages_to_a_participant(client_of, participant, url):
    r = client_of(participant).get(url)
    assert r.status_code == 403
    assert "You do not have access to this page" in r.content.decode()


def test_it_refuses_the_audit_log_to_a_manager(client_of, manager):
    assert client_of(manager).get("/audit/").status_code == 403


def test_it_shows_the_manager_the_people_directory(client_of, manager, participant):
    r = client_of(manager).get("/people/")
    assert r.status_code == 200
    assert "Horvat, Ana" in r.content.decode()


def test_it_filters_people_by_country_and_profession(client_of, manager, participant):
    other = make_user("nl@example.org", first_name="Sanne", last_name="de Vries")
    Profile.objects.create(
        user=other, profession=Profession.JUDGE, country="NL", organisation="Rechtbank Den Haag"
    )
    c = client_of(manager)
    body = c.get("/people/?country=NL").content.decode()
    assert "de Vries, Sanne" in body and "Horvat, Ana" not in body
    body = c.get("/people/?profession=law_enforcement").content.decode()
    assert "Horvat, Ana" in body and "de Vries, Sanne" not in body


def test_it_ignores_a_nonsense_filter_instead_of_failing(client_of, manager, participant):
    r = client_of(manager).get("/people/?country=ZZZ&profession=wizard&page=abc")
    assert r.status_code == 200
    assert "Select a valid choice" in r.content.decode()


def test_it_gives_the_404_page_for_unknown_addresses(client):
    r = client.get("/no/such/page/")
    assert r.status_code == 404
    assert "We could not find that page" in r.content.decode()


def test_it_gives_the_404_page_for_an_unknown_person(client_of, manager):
    assert client_of(manager).get("/people/999999/").status_code == 404


@pytest.mark.parametrize(
    ("fixture", "sees", "does_not_see"),
    [
        ("participant", ["Your profile", "Account security"], ["Practitioners in the programme"]),
        (
            "funder",
            ["Practitioners in the programme", "practitioners trained"],
            ["Awaiting vetting"],
        ),
        ("manager", ["Practitioners in the programme", "Awaiting vetting"], ["Recent activity"]),
        ("admin_user", ["Awaiting vetting", "Recent activity"], []),
    ],
)
def test_it_shows_each_role_its_own_dashboard(client_of, request, fixture, sees, does_not_see):
    body = client_of(request.getfixturevalue(fixture)).get("/dashboard/").content.decode()
    for text in sees:
        assert text in body
    for text in does_not_see:
        assert text not in body


def _add_people(n, start):
    for i in range(start, start + n):
        user = make_user(f"p{i}@example.org", first_name=f"P{i}", last_name="Q")
        Profile.objects.create(
            user=user, profession=Profession.JUDGE, country="AT", organisation="Landesgericht"
        )


@pytest.mark.parametrize("url", ["/dashboard/", "/people/"])
def test_it_keeps_the_query_count_of_main_pages_flat_as_data_grows(client_of, admin_user, url):
    c = client_of(admin_user)
    _add_people(3, 0)
    c.get(url)  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert c.get(url).status_code == 200
    _add_people(30, 100)
    with CaptureQueriesContext(connection) as large:
        assert c.get(url).status_code == 200
    assert len(large) == len(small)
    # The administrator's dashboard: the manager's cards (attention, seats, trained totals; see
    # tests/test_dashboard.py, which pins each role's count), the surveys running, the audit
    # log's recent entries and the network's waiting contact requests.
    assert len(small) <= (23 if url == "/dashboard/" else 13)


def test_it_switches_the_interface_language(client):
    r = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert r.status_code == 200
    body = r.content.decode()
    assert 'lang="fr"' in body
    assert "Se connecter" in body
    r = client.post("/i18n/setlang/", {"language": "de", "next": "/"}, follow=True)
    assert "Anmelden" in r.content.decode()


def test_it_sends_security_headers(client):
    r = client.get("/")
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_it_answers_health_checks_with_a_database_round_trip(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok"}


def test_it_renders_the_500_page_without_touching_the_database(rf, django_assert_num_queries):
    from crossborder.views import error_500

    request = rf.get("/")
    with django_assert_num_queries(0):
        response = error_500(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_it_reports_an_unhealthy_database_with_503(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("database is down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    r = client.get("/healthz")
    assert r.status_code == 503
    assert r.json() == {"status": "error", "database": "OperationalError"}
