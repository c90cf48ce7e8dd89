"""Seats never overbook: 200 concurrent confirmations over real HTTP against gunicorn.

The server runs in its own processes on its own database (a fresh SQLite file, or a fresh
database on the PostgreSQL server of the PostgreSQL run), so the locking is the real thing.
"""

import json
import os
import secrets
import signal
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.servers import manage, server_env, start_server

APPLICANTS = 200
CAPACITY = 60

SEED = f"""
import json
from datetime import timedelta
from django.test import Client
from django.utils import timezone
from crossborder.enrolment.models import Application
from tests.factories import make_call, make_seminar, make_user
seminar = make_seminar("rush", sessions=False, capacity={CAPACITY})
call = make_call(seminar)
sessions = {{}}
for i in range({APPLICANTS}):
    user = make_user(f"rush{{i}}@example.org", first_name=f"R{{i}}", last_name="Rush",
                     profile={{"profession": "prosecutor", "country": "BE", "organisation": "X"}})
    app = Application.objects.create(call=call, user=user, status="selected",
                                     confirm_by=timezone.now() + timedelta(days=2),
                                     submitted_at=timezone.now())
    client = Client()
    client.force_login(user)
    sessions[app.pk] = client.cookies["sessionid"].value
print("SEED=" + json.dumps(sessions))
"""

COUNT = """
from crossborder.enrolment.models import Application
from django.db.models import Count
print("COUNTS=" + str(dict(Application.objects.values_list("status").annotate(n=Count("id")))))
"""


def test_it_confirms_exactly_capacity_under_200_concurrent_confirmations(server_database, tmp_path):
    env = server_env(server_database)
    manage(env, "migrate", "--noinput", "-v0")
    out = manage(env, "shell", "-v0", "-c", SEED)
    sessions = json.loads(next(line for line in out.splitlines() if line.startswith("SEED="))[5:])
    server, base = start_server(env, workers=4, threads=8)
    try:

        def confirm(item):
            pk, session = item
            csrf = secrets.token_hex(16)
            request = urllib.request.Request(
                f"{base}/api/v1/applications/{pk}/confirm",
                method="POST",
                headers={
                    "Cookie": f"sessionid={session}; csrftoken={csrf}",
                    "X-CSRFToken": csrf,
                    "Content-Type": "application/json",
                },
                data=b"{}",
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return response.status, json.loads(response.read())["status"]
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()[:200]

        with ThreadPoolExecutor(max_workers=APPLICANTS) as pool:
            results = list(pool.map(confirm, sessions.items()))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    codes = [code for code, _ in results]
    assert codes.count(200) == APPLICANTS, [r for r in results if r[0] != 200][:5]
    outcome = [status for _, status in results]
    assert outcome.count("confirmed") == CAPACITY
    assert outcome.count("waitlisted") == APPLICANTS - CAPACITY
    counts = manage(env, "shell", "-v0", "-c", COUNT)
    assert f"'confirmed': {CAPACITY}" in counts
    assert f"'waitlisted': {APPLICANTS - CAPACITY}" in counts
