"""Two app servers behind one address, as behind a load balancer: gunicorn on two ports sharing
one PostgreSQL and one Redis, with the task worker. Sessions, sign-in throttling, the TOTP replay
check and seat locking hold across both (tests/cluster.py starts every process)."""

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.cluster import background, postgres, redis, stop, wait_for  # noqa: F401 (fixtures)
from tests.factories import PASSWORD, current_totp
from tests.servers import manage, server_env, start_server

pytestmark = pytest.mark.cluster

CAPACITY, APPLICANTS = 25, 80

SEED = f"""
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from crossborder.enrolment.models import Application
from tests.factories import make_attendee, make_call, make_seminar, make_user
make_user("ana@example.org", first_name="Ana", last_name="Moreira",
          profile={{"profession": "judge", "country": "PT", "organisation": "Tribunal da Relação"}})
make_user("ops@example.org", role="manager", first_name="Piet", last_name="Janssens")
rush = make_seminar("rush", sessions=False, capacity={CAPACITY})
call = make_call(rush)
sessions = {{}}
for i in range({APPLICANTS}):
    user = make_user(f"rush{{i}}@example.org", first_name=f"R{{i}}", last_name="Rush",
                     profile={{"profession": "prosecutor", "country": "BE", "organisation": "X"}})
    app = Application.objects.create(call=call, user=user, status="selected",
                                     confirm_by=timezone.now() + timedelta(days=2),
                                     submitted_at=timezone.now())
    client = Client(); client.force_login(user)
    sessions[app.pk] = client.cookies["sessionid"].value
held = make_seminar("riga", status="held")
for n in range(5):
    make_attendee(held, make_user(f"riga{{n}}@example.org", first_name="Ilze", last_name=f"B{{n}}"))
print("SEED=" + json.dumps(sessions))
"""


HOST = "crossborder.example.org"


def browser() -> requests.Session:
    """A browser behind the load balancer: whichever server answers, the Host is the site's
    (allauth keys the failed sign-ins of an address by site and address)."""
    session = requests.Session()
    session.headers["Host"] = HOST
    return session


def csrf_of(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def sign_in(visitor: requests.Session, base: str, email: str, password: str = PASSWORD):
    page = visitor.get(f"{base}/accounts/login/").text
    return visitor.post(
        f"{base}/accounts/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": csrf_of(page)},
        allow_redirects=False,
    )


def post_form(visitor: requests.Session, base: str, page_path: str, path: str, data: dict):
    token = csrf_of(visitor.get(base + page_path).text)
    return visitor.post(
        base + path, data={**data, "csrfmiddlewaretoken": token}, allow_redirects=False
    )


def test_two_app_servers_share_sessions_limits_codes_and_seats(postgres, redis, tmp_path):  # noqa: F811
    env = {
        **server_env(postgres.url),
        "REDIS_URL": redis.url,
        "ALLOWED_HOSTS": f"127.0.0.1,{HOST}",
        "CREDENTIAL_KEY_DIR": str(tmp_path / "keys"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "LOG_LEVEL": "CRITICAL",
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "credential_keys", "--ensure")
    out = manage(env, "shell", "-v0", "-c", SEED)
    seats = json.loads(next(line for line in out.splitlines() if line.startswith("SEED="))[5:])
    one, a = start_server(env, workers=2, threads=4)
    two, b = start_server(env, workers=2, threads=4)
    worker = background(env, "db_worker", "--interval", "0.5")
    try:
        # A participant signs in on one server and goes on on the other.
        ana = browser()
        assert sign_in(ana, a, "ana@example.org").headers["Location"] == "/dashboard/"
        page = ana.get(f"{b}/dashboard/", allow_redirects=False)
        assert page.status_code == 200 and "Ana" in page.text
        assert (
            ana.post(
                f"{b}/accounts/logout/",
                data={"csrfmiddlewaretoken": csrf_of(ana.get(f"{b}/accounts/logout/").text)},
                allow_redirects=False,
            ).status_code
            == 302
        )
        assert ana.get(f"{a}/dashboard/", allow_redirects=False).status_code == 302

        # Failed sign-ins count together: five wrong passwords, alternating, then even the
        # right one is refused on either server.
        guesser = browser()
        for n in range(5):
            assert sign_in(guesser, (a, b)[n % 2], "ana@example.org", "wrong").status_code == 200
        for base in (a, b):
            refused = sign_in(guesser, base, "ana@example.org")
            assert "Too many failed login attempts" in refused.text

        # A manager's TOTP code, used on one server, is refused on the other.
        code = current_totp()
        manager = browser()
        assert sign_in(manager, a, "ops@example.org").headers["Location"] == (
            "/accounts/2fa/authenticate/"
        )
        done = post_form(
            manager, a, "/accounts/2fa/authenticate/", "/accounts/2fa/authenticate/", {"code": code}
        )
        assert done.status_code == 302
        thief = browser()
        sign_in(thief, b, "ops@example.org")
        replay = post_form(
            thief, b, "/accounts/2fa/authenticate/", "/accounts/2fa/authenticate/", {"code": code}
        )
        assert replay.status_code == 200 and "Incorrect code." in replay.text
        assert thief.get(f"{b}/people/", allow_redirects=False).status_code != 200
        assert manager.get(f"{b}/people/", allow_redirects=False).status_code == 200

        # The manager starts a certificate batch on the second server; the worker issues it and
        # the first server shows it done.
        started = post_form(
            manager,
            b,
            "/manage/seminars/riga/certificates/",
            "/manage/seminars/riga/certificates/issue/",
            {},
        )
        status_page = started.headers["Location"]
        wait_for(
            lambda: "Done: 5 certificates issued" in manager.get(a + status_page).text,
            timeout=90,
            what="the batch, issued by the worker",
        )

        # Seat confirmations spread over both servers never overbook.
        def confirm(item):
            n, (pk, session) = item
            base = (a, b)[n % 2]
            client = browser()
            client.cookies.set("sessionid", session)
            client.cookies.set("csrftoken", "t" * 32)
            r = client.post(
                f"{base}/api/v1/applications/{pk}/confirm",
                json={},
                headers={"X-CSRFToken": "t" * 32},
                timeout=60,
            )
            return r.status_code, r.json().get("status")

        started_at = time.monotonic()
        with ThreadPoolExecutor(max_workers=APPLICANTS) as pool:
            results = list(pool.map(confirm, enumerate(seats.items())))
        assert time.monotonic() - started_at < 120
    finally:
        stop(worker)
        stop(one)
        stop(two)
    assert [code for code, _ in results].count(200) == APPLICANTS
    outcome = [status for _, status in results]
    assert outcome.count("confirmed") == CAPACITY
    assert outcome.count("waitlisted") == APPLICANTS - CAPACITY
