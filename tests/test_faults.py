"""Faults with real processes: the database restarted under load, a background task that crashes,
the task worker killed in the middle of a batch. Each test starts its own servers (tests/cluster.py)."""

import json
import threading
import time

import pytest

from tests.cluster import background, get, postgres, stop, wait_for  # noqa: F401 (fixture)
from tests.servers import manage, server_env, start_server

pytestmark = pytest.mark.cluster

SIGNED_IN = """
from django.test import Client
from tests.factories import make_user
user = make_user("restart@example.org", first_name="Ines", last_name="Duarte",
                 profile={"profession": "labour_inspector", "country": "PT", "organisation": "ACT"})
client = Client(); client.force_login(user)
print("SESSION=" + client.cookies["sessionid"].value)
"""


def shell(env, code: str, key: str) -> str:
    out = manage(env, "shell", "-v0", "-c", code)
    return next(line for line in out.splitlines() if line.startswith(key + "="))[len(key) + 1 :]


def test_a_database_restart_under_load_gives_503s_then_the_app_recovers_by_itself(postgres):  # noqa: F811
    env = server_env(postgres.url)
    manage(env, "migrate", "--noinput", "-v0")
    cookie = "sessionid=" + shell(env, SIGNED_IN, "SESSION")
    server, base = start_server(env, workers=2, threads=4)
    # (sent at, path, status, Retry-After, body, answered at) of every request
    seen: list[tuple[float, str, int, str, str, float]] = []
    running = True

    def load(path: str) -> None:
        while running:
            sent = time.monotonic()
            # a load balancer's health check comes without a session
            status, headers, body = get(
                base + path, cookie="" if path == "/healthz" else cookie, timeout=60
            )
            seen.append(
                (sent, path, status, headers.get("Retry-After", ""), body, time.monotonic())
            )
            time.sleep(0.05)

    threads = [threading.Thread(target=load, args=(p,)) for p in ("/healthz", "/dashboard/") * 3]
    try:
        for thread in threads:
            thread.start()
        time.sleep(2)
        stopped_at = time.monotonic()
        postgres.stop()
        time.sleep(3)
        started_at = time.monotonic()
        postgres.start()
        wait_for(
            lambda: [
                s for s in seen if s[0] > started_at + 1 and s[2] == 200 and s[1] != "/healthz"
            ],
            timeout=30,
            what="a page served after the restart",
        )
        time.sleep(2)
        recovered_at = time.monotonic() - 2
    finally:
        running = False
        for thread in threads:
            thread.join(timeout=30)
        assert server.poll() is None, "the app server died with its database"
        stop(server)

    before = [s for s in seen if s[5] < stopped_at]  # answered before the stop
    down = [s for s in seen if stopped_at + 0.5 < s[0] and s[5] < started_at]  # sent and
    # answered while the database was away
    after = [s for s in seen if s[0] > recovered_at]
    assert before and all(s[2] == 200 for s in before)
    # While the database is away: /healthz says so, and pages say so in words, with a retry hint.
    health = [s for s in down if s[1] == "/healthz"]
    pages = [s for s in down if s[1] == "/dashboard/"]
    assert health and all(s[2] == 503 and '"database"' in s[4] for s in health)
    assert pages and all(s[2] == 503 for s in pages), {s[2] for s in pages}
    assert all(s[3] == "30" and "briefly unavailable" in s[4] for s in pages)
    # Afterwards every request is served again, by the same server processes.
    assert after and all(s[2] == 200 for s in after), sorted({s[2] for s in after})
    assert "Ines" in next(s[4] for s in after if s[1] == "/dashboard/")
    # Never a crash page or a dropped connection, at any moment.
    assert {s[2] for s in seen} <= {200, 503}, sorted({s[2] for s in seen})
    assert json.loads(next(s[4] for s in after if s[1] == "/healthz"))["status"] == "ok"


BATCH = """
from crossborder.credentials.batch import start_batch
from crossborder.seminars.models import Seminar
from tests.factories import make_attendee, make_seminar, make_user
manager = make_user("{slug}-manager@example.org", role="manager")
seminar = make_seminar("{slug}", status="held")
for n in range({size}):
    make_attendee(seminar, make_user(f"{slug}-{{n}}@example.org", first_name="Ana",
                                     last_name=f"Holder {{n}}"))
print("BATCH=" + str(start_batch(seminar, by=manager).pk))
"""


def fault_env(postgres, tmp_path, **extra) -> dict:  # noqa: F811
    return {
        **server_env(postgres.url),
        "CREDENTIAL_KEY_DIR": str(tmp_path / "keys"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "ADMINS": "ops@example.org",
        "LOG_LEVEL": "CRITICAL",
        **extra,
    }


def query(postgres, sql: str, *params):  # noqa: F811
    """Read the servers' database from the test (the test's own Django knows another one)."""
    import psycopg

    with psycopg.connect(postgres.url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def runs(postgres, batch: int) -> list[str]:  # noqa: F811
    rows = query(
        postgres,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s"
        " AND args_kwargs->'kwargs'->>'batch_id' = %s ORDER BY enqueued_at",
        "%issue_seminar_certificates",
        str(batch),
    )
    return [status for (status,) in rows]


def mails(folder) -> list:
    """The e-mails the file backend wrote (one file per connection, messages between dashes)."""
    import email

    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for text in path.read_text().split("-" * 79 + "\n"):
            if text.strip():
                found.append(email.message_from_string(text))
    return found


def body(message) -> str:
    return message.get_payload(decode=True).decode()


def test_a_crashing_task_is_retried_then_reported_and_never_half_applied(postgres, tmp_path):  # noqa: F811
    env = fault_env(postgres, tmp_path, TASK_RETRY_DELAY_SECONDS="4", TASK_RETRIES="3")
    manage(env, "migrate", "--noinput", "-v0")
    # The issuer has no signing key: every certificate fails half-way (after its row is made,
    # before its signature and PDF), and the batch with it.
    first = int(shell(env, BATCH.format(slug="lisbon", size=6), "BATCH"))
    worker = background(env, "db_worker", "--interval", "0.2")
    try:
        wait_for(lambda: runs(postgres, first).count("FAILED") == 3, timeout=120, what="3 runs")
        time.sleep(2)  # time enough for a fourth run, if one were queued
        assert runs(postgres, first) == ["FAILED", "FAILED", "FAILED"]
        assert query(postgres, "SELECT count(*) FROM credentials_credential") == [(0,)]
        status, error = query(
            postgres, "SELECT status, error FROM credentials_credentialbatch WHERE id = %s", first
        )[0]
        assert status == "failed" and "the issuer has no key yet" in error
        # reported: in the audit trail and to the administrators
        assert query(
            postgres,
            "SELECT details->>'runs' FROM audit_auditentry WHERE action = 'task.failed'",
        ) == [("3",)]
        # (Django's own logging mails each failed run to them too: "[Django] ERROR: Task …")
        report = [m for m in mails(tmp_path / "mail") if "Background task failed" in m["Subject"]]
        assert len(report) == 1 and report[0]["To"] == "ops@example.org"
        assert f"issue_seminar_certificates({{'batch_id': {first}}}) failed 3 times" in body(
            report[0]
        )

        # A second batch fails once; the administrator makes the key before the last of its
        # retries (4 s, then 8 s later): a retry issues every certificate, once.
        second = int(shell(env, BATCH.format(slug="porto", size=6), "BATCH"))
        wait_for(lambda: "FAILED" in runs(postgres, second), timeout=60, what="a failed run")
        manage(env, "credential_keys", "--ensure")
        wait_for(
            lambda: "SUCCESSFUL" in runs(postgres, second), timeout=60, what="a successful retry"
        )
    finally:
        stop(worker)
    assert runs(postgres, second)[-1] == "SUCCESSFUL"
    assert query(
        postgres,
        "SELECT status, done, issued FROM credentials_credentialbatch WHERE id = %s",
        second,
    ) == [("done", 6, 6)]
    rows = query(postgres, "SELECT count(*), count(DISTINCT holder_id) FROM credentials_credential")
    assert rows == [(6, 6)]
    assert query(
        postgres, "SELECT count(*) FROM credentials_credential WHERE pdf = '' OR open_badge IS NULL"
    ) == [(0,)]


def test_a_batch_resumes_without_duplicates_after_its_worker_is_killed(postgres, tmp_path):  # noqa: F811
    import signal

    size = 40
    env = fault_env(postgres, tmp_path, TASK_LOST_AFTER_SECONDS="2")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "credential_keys", "--ensure")
    batch = int(shell(env, BATCH.format(slug="vilnius", size=size), "BATCH"))

    def done() -> int:
        return query(postgres, "SELECT done FROM credentials_credentialbatch WHERE id = %s", batch)[
            0
        ][0]

    worker = background(env, "db_worker", "--interval", "0.2")
    try:
        wait_for(lambda: done() >= 5, timeout=120, what="five certificates")
    finally:
        stop(worker, signal.SIGKILL)  # no goodbye: the run stays "running"
    killed_at = done()
    assert killed_at < size
    assert runs(postgres, batch) == ["RUNNING"]
    time.sleep(2)

    # A new worker and the scheduler, as after a restart: the recurring recovery finds the lost
    # run, marks it failed and queues it again; the new run issues only what is missing.
    worker = background(env, "db_worker", "--interval", "0.2")
    scheduler = background(env, "scheduler", "--tick", "1")
    try:
        wait_for(
            lambda: (
                query(
                    postgres, "SELECT status FROM credentials_credentialbatch WHERE id = %s", batch
                )
                == [("done",)]
            ),
            timeout=180,
            what="the batch to finish",
        )
    finally:
        stop(scheduler)
        stop(worker)
    assert runs(postgres, batch) == ["FAILED", "SUCCESSFUL"]
    assert query(
        postgres,
        "SELECT exception_class_path FROM django_tasks_database_dbtaskresult"
        " WHERE status = 'FAILED'",
    ) == [("crossborder.scheduling.retrying.WorkerLost",)]
    rows = query(postgres, "SELECT count(*), count(DISTINCT holder_id) FROM credentials_credential")
    assert rows == [(size, size)]
    issued = query(
        postgres,
        "SELECT count(*) FROM audit_auditentry WHERE action = 'credential.issue.attendance'",
    )
    assert issued == [(size,)]
    # one e-mail per holder at most (one may be lost if the kill fell between the commit of a
    # certificate and its e-mail; none is sent twice)
    recipients = [message["To"] for message in mails(tmp_path / "mail")]
    assert len(recipients) == len(set(recipients)) >= size - 1


def test_a_worker_killed_in_a_burst_of_saves_and_confirmations_loses_nothing(postgres):  # noqa: F811
    """SIGKILL one gunicorn worker (the master starts another) while answers are saved and seats
    confirmed: every acknowledged write is stored, and the seats are never overbooked."""
    import os
    import signal
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from tests.enrolment.test_concurrency import APPLICANTS, CAPACITY, COUNT
    from tests.enrolment.test_concurrency import SEED as SEATS
    from tests.learning.test_durability import CHECK, RESPONSES
    from tests.learning.test_durability import SEED as ANSWERS

    env = server_env(postgres.url)
    manage(env, "migrate", "--noinput", "-v0")
    seats = json.loads(shell(env, SEATS, "SEED"))
    answers = json.loads(shell(env, ANSWERS, "SEED"))
    responses = json.loads(shell(env, RESPONSES, "RESP"))
    server, base = start_server(env, workers=2, threads=4)

    def workers() -> list[int]:
        return [
            int(p.name)
            for p in Path("/proc").iterdir()
            if p.name.isdigit()
            and (p / "stat").exists()
            and int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == server.pid
        ]

    def send(method: str, path: str, session: str, body: dict):
        request = urllib.request.Request(
            base + path,
            method=method,
            data=json.dumps(body).encode(),
            headers={
                "Cookie": f"sessionid={session}; csrftoken={'c' * 32}",
                "X-CSRFToken": "c" * 32,
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, None
        except OSError:
            return 0, None  # the connection died with its worker: not acknowledged

    jobs = [("confirm", pk, session) for pk, session in seats.items()]
    jobs += [("answer", attempt, question) for attempt, question in answers["plan"]]
    jobs = [jobs[i] for i in sorted(range(len(jobs)), key=lambda i: (i * 7919) % len(jobs))]

    def run(job):
        kind, a, b = job
        if kind == "confirm":
            return job, send("POST", f"/api/v1/applications/{a}/confirm", b, {})
        body = {"response": responses[str(b)]}
        return job, send("PUT", f"/api/v1/attempts/{a}/answers/{b}", answers["session"], body)

    try:
        victims = wait_for(lambda: workers() if len(workers()) == 2 else [], timeout=30, what="2")
        with ThreadPoolExecutor(max_workers=32) as pool:
            futures = [pool.submit(run, job) for job in jobs]
            time.sleep(0.3)  # the burst is under way
            os.kill(victims[0], signal.SIGKILL)
            results = [f.result() for f in futures]
        # the master replaced the worker; whoever was not acknowledged tries again
        wait_for(lambda: len(workers()) == 2, timeout=60, what="the worker to be replaced")
        failed = [job for job, (status, _body) in results if status != 200]
        assert failed, "the kill came too late to interrupt anything"
        retried = [run(job) for job in failed]
        assert victims[0] not in workers() and server.poll() is None
    finally:
        stop(server)

    acknowledged = [(job, body) for job, (status, body) in results + retried if status == 200]
    stored = {(a, q): r for a, q, r in json.loads(shell(env, CHECK, "STORED"))}
    saves = [job for job, _body in acknowledged if job[0] == "answer"]
    assert len({(a, q) for _kind, a, q in saves}) == len(answers["plan"])
    for _kind, attempt, question in saves:
        assert stored[(attempt, question)] == responses[str(question)]
    # Every retry was answered: 200, or for a confirmation whose first answer was lost with the
    # worker after it put the applicant on the waiting list, 409 ("no place to confirm").
    assert all(
        status == 200 or (job[0] == "confirm" and status == 409) for job, (status, _b) in retried
    ), [(job, status) for job, (status, _b) in retried if status != 200]
    counts = manage(env, "shell", "-v0", "-c", COUNT)
    assert f"'confirmed': {CAPACITY}" in counts, counts
    assert f"'waitlisted': {APPLICANTS - CAPACITY}" in counts, counts
