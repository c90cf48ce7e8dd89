"""`make bench`: serve the app with gunicorn (production settings, 2 sync workers) on SQLite and on
a throwaway PostgreSQL, drive each scenario with headless locust from a second process on
127.0.0.1, and print one JSON document with requests/s, latency percentiles, errors and the
ratio of each scenario's throughput to a bare Django view measured in the same run.
"""

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SCENARIOS = ["bare", "healthz", "dashboard", "seminar", "now", "verify_page", "verify_api"]
USERS = int(os.environ.get("BENCH_USERS", "32"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "12"))
DAY_SECONDS = int(os.environ.get("BENCH_DAY_SECONDS", "60"))
HERD_RUNS = int(os.environ.get("BENCH_HERD_RUNS", "9"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))  # gunicorn sync workers
BENCH_EMAIL = "bench@example.org"


def locust_command(host: str, prefix: Path, users: int) -> list[str]:
    return [
        *(PY, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"),
        *("--host", host, "-u", str(users), "-r", str(users), "-t", f"{SECONDS}s"),
        *("--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "2"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 120) -> None:  # a busy machine starts slowly
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not come up at {url}")


def prepare(env: dict, password: str) -> dict:
    """Migrate, load the demo cohort, create the bench account and return a signed-in session.

    The simulated users share one session made here, so that the password hashing of many
    sign-ins does not eat into the measured window.
    """

    def run(*args):
        subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    run("migrate", "--noinput", "-v0")
    run("collectstatic", "--noinput", "-v0")
    run("demo")
    code = (
        "from crossborder.accounts.models import User, Profile; "
        "from allauth.account.models import EmailAddress; "
        f"u, _ = User.objects.get_or_create(email={BENCH_EMAIL!r}, "
        "defaults={'first_name': 'Bench', 'last_name': 'Mark'}); "
        f"u.set_password({password!r}); u.save(); "
        "EmailAddress.objects.get_or_create(user=u, email=u.email, "
        "defaults={'verified': True, 'primary': True}); "
        "Profile.objects.get_or_create(user=u, defaults={'profession': 'judge', "
        "'country': 'AT', 'organisation': 'Landesgericht für Strafsachen Wien'}); "
        "from django.test import Client; c = Client(); c.force_login(u); "
        "print('SESSION=' + c.cookies['sessionid'].value); "
        "from crossborder.learning.models import Module; m = Module.objects.get(slug='thb-law-and-2024-reform'); "
        "q = m.quiz; q.draw_count = 20; q.attempts_allowed = 1000; q.time_limit_minutes = 120; q.save(); "
        "import json; storm = []; "
        "learners = User.objects.bulk_create([User(email=f'storm{i}@bench.example.org', first_name='S', "
        "last_name=str(i), password='!') for i in range(300)], ignore_conflicts=True); "
        "storm = []\n"
        "for learner in User.objects.filter(email__endswith='@bench.example.org'):\n"
        "    c = Client(); c.force_login(learner); storm.append(c.cookies['sessionid'].value)\n"
        "print('STORM=' + json.dumps(storm)); "
        "from bench.library_bulk import grow_library, cold_words; grow_library(10_000); "
        "print('COLD=' + ','.join(cold_words(3000))); "
        "from django.db.models import Count; from crossborder.seminars.models import Seminar; "
        "s = Seminar.objects.public().annotate(n=Count('sessions')).order_by('-n').first(); "
        "print('SEMINAR=' + s.slug + ' ' + str(s.n))\n"
        # The "now" view of that seminar, for a participant of its own whose seat is confirmed
        # (not the bench account: its dashboard stays as measured before).
        "from datetime import timedelta; from django.utils import timezone; "
        "from crossborder.enrolment.models import Application, Call; "
        "t = timezone.now(); "
        "call, _ = Call.objects.get_or_create(seminar=s, defaults={'opens_at': t - timedelta(days=30), "
        "'closes_at': t - timedelta(days=1)}); "
        "p, _ = User.objects.get_or_create(email='bench-now@example.org', "
        "defaults={'first_name': 'Bench', 'last_name': 'Now'}); "
        "Application.objects.update_or_create(call=call, user=p, defaults={'status': 'confirmed'}); "
        "c = Client(); c.force_login(p); print('NOW_SESSION=' + c.cookies['sessionid'].value)\n"
        # A valid certificate of the demo, for the public verification page and API.
        "from crossborder.credentials.models import Credential; "
        "print('CODE=' + Credential.objects.filter(revoked_at__isnull=True).first().code)"
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    slug, sessions = found["SEMINAR"].split()
    return {
        "session": found["SESSION"],
        "now_session": found["NOW_SESSION"],
        "seminar": slug,
        "seminar_sessions": int(sessions),
        "storm": json.loads(found["STORM"]),
        "cold_words": found["COLD"],
        "code": found["CODE"],
    }


DAY_SEED = """
import json
from django.utils import timezone
from crossborder.accounts.models import User
from crossborder.enrolment.models import Application, Call
from crossborder.evaluation.models import Survey
from tests.factories import survey_answers
now = timezone.now()
survey = next(s for s in Survey.objects.filter(opens_at__lte=now, closes_at__gt=now)
              .order_by("pk") if s.questions.exists())
seminar = survey.seminar
call = Call.objects.filter(seminar=seminar).first()
for learner in User.objects.filter(email__endswith="@bench.example.org"):
    Application.objects.update_or_create(call=call, user=learner, defaults={
        "status": "attended", "submitted_at": now, "checked_in_at": now})
body, _texts = survey_answers(survey, "Clear and practical; the JIT exercise was the best part.")
print("DAY=" + json.dumps({"seminar": seminar.slug, "survey": survey.pk, "survey_answers": body}))
"""


def prepare_day(env: dict, fixtures: dict) -> dict:
    """The 300 storm learners become attendees of the seminar whose evaluation survey is open
    (the demo's), with a checked survey answer for them to send."""
    out = subprocess.run(
        [PY, "manage.py", "shell", "-v0", "-c", DAY_SEED],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    day = json.loads(next(line for line in out.splitlines() if line.startswith("DAY="))[4:])
    return {**day, "sessions": fixtures["storm"], "module": "thb-law-and-2024-reform"}


def run_seminar_day(
    host: str, day: dict, workdir: Path, *, users: int, seconds: int, think: str
) -> dict:
    """300 participants over a mix of pages and writes, `think` ("min,max" seconds) between
    steps (bench/dayfile.py)."""
    path = workdir / "day.json"
    path.write_text(json.dumps(day))
    prefix = workdir / f"day-{users}-{think.replace(',', '-')}"
    subprocess.run(
        [
            *(PY, "-m", "locust", "-f", str(ROOT / "bench" / "dayfile.py"), "--headless"),
            *("--host", host, "-u", str(users), "-r", str(min(users, 100)), "-t", f"{seconds}s"),
            *("--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "6"),
        ],
        env={**os.environ, "BENCH_DAY": str(path), "BENCH_DAY_THINK": think},
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 90,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    total = rows.pop("Aggregated")
    return {
        "participants": users,
        "think_time_s": think.replace(",", " to "),
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "requests_per_s": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "errors": int(total["Failure Count"]),
        "by_step": {
            name: {
                "requests": int(row["Request Count"]),
                "p95_ms": float(row["95%"]),
                "errors": int(row["Failure Count"]),
            }
            for name, row in sorted(rows.items())
        },
    }


def run_quiz_storm(
    host: str,
    fixtures: dict,
    workdir: Path,
    *,
    users: int,
    think: float,
    seconds: int,
    saves_only: bool = False,
    arrival: str = "herd",
    one_attempt: bool = False,
    tag: str = "",
) -> dict:
    """300 learners (1 s think time) taking the quiz once, or a saturating few (no think time)
    saving answers or going through attempt after attempt."""
    sessions = workdir / "storm-sessions.json"
    sessions.write_text(json.dumps(fixtures["storm"]))
    prefix = workdir / f"storm-{users}-{int(saves_only)}-{arrival}{tag}"
    env = {
        **os.environ,
        "BENCH_SESSIONS": str(sessions),
        "BENCH_MODULE": "thb-law-and-2024-reform",
        "BENCH_THINK": str(think),
        "BENCH_SAVES_ONLY": "1" if saves_only else "0",
        "BENCH_ARRIVAL": arrival,
        "BENCH_ONE_ATTEMPT": "1" if one_attempt else "0",
    }
    subprocess.run(
        [
            PY,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "quizfile.py"),
            "--headless",
            "--host",
            host,
            "-u",
            str(users),
            "-r",
            str(min(users, 100)),
            "-t",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "3",
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 90,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    answer = rows["answer"]
    errors = sum(int(r["Failure Count"]) for name, r in rows.items() if name != "Aggregated")
    return {
        "learners": users,
        "think_time_s": think,
        "arrival": arrival if think else "all at once",
        "attempts_per_learner": "one" if one_attempt else "one after another",
        "answers_saved": int(answer["Request Count"]),
        "answers_per_s": round(float(answer["Requests/s"]), 1),
        "p50_ms": float(answer["50%"]),
        "p95_ms": float(answer["95%"]),
        "p99_ms": float(answer["99%"]),
        "errors": errors,
        "attempts_started": int(rows["start"]["Request Count"]) if "start" in rows else 0,
        "attempts_submitted": int(rows["submit"]["Request Count"]) if "submit" in rows else 0,
        # where a herd's time goes: the starts' burst, or the answers themselves
        "by_step": {
            name: {"p50_ms": float(row["50%"]), "p95_ms": float(row["95%"])}
            for name, row in sorted(rows.items())
            if name != "Aggregated"
        },
    }


def run_locust(host: str, scenario: str, fixtures: dict, workdir: Path, users: int = 0) -> dict:
    """Drive one scenario; `users=1` measures the service time without queueing."""
    users = users or USERS
    prefix = workdir / f"{scenario}-{users}"
    env = {
        **os.environ,
        "BENCH_SCENARIO": scenario,
        "BENCH_SESSION": fixtures["now_session" if scenario == "now" else "session"],
        "BENCH_SEMINAR": fixtures["seminar"],
        "BENCH_COLD_WORDS": fixtures["cold_words"],
        "BENCH_CODE": fixtures["code"],
    }
    subprocess.run(
        locust_command(host, prefix, users),
        env=env,
        check=False,  # locust exits 1 when any request failed; the JSON reports the errors
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=SECONDS + 60,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    row = rows[scenario]
    return {
        "users": users,
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


def bench_one(database: str, only: set[str] | None = None) -> dict:
    """Bench against the database in DATABASE_URL (or a fresh SQLite file); `only` names the
    scenarios to run (all when None)."""
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "CROSSBORDER_BENCH": "1",
            "STATIC_ROOT": str(workdir / "static"),
            "EMAIL_BACKEND": "locmem",
            "CREDENTIAL_KEY_DIR": str(workdir / "credential-keys"),
            # one client address drives the verification scenarios: measured, not rate-limited
            "CREDENTIAL_VERIFY_RATE": "100000000/60",
            "LIBRARY_SEARCH_RATE": "100000000/60",  # the library scenarios: anonymous, one address
        }
        if database == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        fixtures = prepare(env, password)
        day = (
            prepare_day(env, fixtures)
            if only is None or {"seminar_day", "seminar_day_busy"} & only
            else None
        )
        port = free_port()
        server = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "crossborder.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            host = f"http://127.0.0.1:{port}"
            wait_until_up(f"{host}/healthz")
            results = {}

            def wanted(name: str) -> bool:
                return only is None or name in only

            # "bare" always: every ratio_to_bare is against it
            results["bare"] = run_locust(host, "bare", fixtures, workdir)
            results.update(
                {n: run_locust(host, n, fixtures, workdir) for n in SCENARIOS[1:] if wanted(n)}
            )
            if wanted("seminar_one_user"):
                results["seminar_one_user"] = run_locust(
                    host, "seminar", fixtures, workdir, users=1
                )
            # The library holds 10,000 entries (the real ones and synthetic ones); 27 queries
            # of every sort in turn. Latency with 1 and 4 users (2 workers), throughput at 32.
            for users in (1, 4):
                if wanted(f"library_api_{users}_users"):
                    results[f"library_api_{users}_users"] = run_locust(
                        host, "library_api", fixtures, workdir, users=users
                    )
            if wanted("library_page_4_users"):
                results["library_page_4_users"] = run_locust(
                    host, "library_page", fixtures, workdir, users=4
                )
            if wanted("library_api_saturated"):
                results["library_api_saturated"] = run_locust(
                    host, "library_api", fixtures, workdir
                )
            # Words searched for the first time (the process reads their entry sets).
            if wanted("library_cold_1_user"):
                results["library_cold_1_user"] = run_locust(
                    host, "library_cold", fixtures, workdir, users=1
                )
            # 300 learners arriving 100 a second, each starting the quiz, saving 20 answers with
            # 1 s think time and submitting once.
            if wanted("quiz_storm"):
                results["quiz_storm"] = run_quiz_storm(
                    host,
                    fixtures,
                    workdir,
                    users=300,
                    think=1.0,
                    seconds=35,
                    arrival="spread",
                    one_attempt=True,
                )
            # Harsher: each second's 100 learners start in the same instant and stay in step.
            # Run HERD_RUNS times (the learners start new attempts): one run's p95 swings with
            # this shared virtual machine (69 to 350 ms for the same code in one sitting), so
            # the figure is the median run, and every run is listed.
            if wanted("quiz_storm_herd"):
                runs = [
                    run_quiz_storm(
                        host, fixtures, workdir, users=300, think=1.0, seconds=35,
                        one_attempt=True, tag=str(n),
                    )
                    for n in range(HERD_RUNS)
                ]  # fmt: skip
                results["quiz_storm_herd"] = {
                    **sorted(runs, key=lambda r: r["p95_ms"])[len(runs) // 2],
                    "runs_p95_ms": [r["p95_ms"] for r in runs],
                    "runs_p99_ms": [r["p99_ms"] for r in runs],
                    "errors": sum(r["errors"] for r in runs),
                }
            # The answer-save endpoint at saturation: learners saving answers, no think time.
            if wanted("answer_save_saturated"):
                results["answer_save_saturated"] = run_quiz_storm(
                    host, fixtures, workdir, users=USERS, think=0.0, seconds=SECONDS,
                    saves_only=True,
                )  # fmt: skip
            # The same learners going through whole attempts (start, 20 saves, submit).
            if wanted("attempts_saturated"):
                results["attempts_saturated"] = run_quiz_storm(
                    host, fixtures, workdir, users=USERS, think=0.0, seconds=SECONDS
                )
            # A seminar day: 300 participants, pages and writes mixed, 5–15 s between steps
            # (reading); the busy variant clicks every 1–5 s, more than 2 workers can serve.
            if wanted("seminar_day"):
                results["seminar_day"] = run_seminar_day(
                    host, day, workdir, users=300, seconds=DAY_SECONDS, think="5,15"
                )
            if wanted("seminar_day_busy"):
                results["seminar_day_busy"] = run_seminar_day(
                    host, day, workdir, users=300, seconds=DAY_SECONDS, think="1,5"
                )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    bare = results["bare"]["requests_per_s"] or 1
    for result in results.values():
        if "requests_per_s" in result:
            result["ratio_to_bare"] = round(result["requests_per_s"] / bare, 3)
    for key in ("quiz_storm", "quiz_storm_herd", "answer_save_saturated", "attempts_saturated"):
        if key in results:
            results[key]["ratio_to_bare"] = round(results[key]["answers_per_s"] / bare, 3)
    pages = {
        "seminar": f"/seminars/{fixtures['seminar']}/",
        "now": f"/s/{fixtures['seminar']}/now/",
        "verify_page": f"/verify/{fixtures['code']}",
        "verify_api": f"/api/v1/credentials/verify/{fixtures['code']}",
    }
    for key, page in pages.items():
        if key in results:
            results[key]["page"] = page
    if "seminar" in results:
        results["seminar"]["sessions_on_page"] = fixtures["seminar_sessions"]
    return results


def last_json(script: str, *args: str, database: str = "sqlite") -> dict:
    """Run bench/<script> in its own process (on a throwaway PostgreSQL server when asked) and
    read the JSON object it prints on its last line."""
    command = [PY, str(ROOT / "bench" / script), *args]
    if database == "postgres":
        command = [str(ROOT / "scripts" / "with-postgres.sh"), *command]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    out = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--only",
        help="comma-separated scenarios (e.g. seminar_day,quiz_storm_herd), with --one: "
        "`scripts/with-postgres.sh .venv/bin/python bench/run.py --one postgres --only …`",
    )
    args = parser.parse_args()
    if args.one:
        only = set(args.only.split(",")) if args.only else None
        print(json.dumps(bench_one(args.one, only)))
        return 0
    report = {
        "what": "requests/s and latency under load; ratio_to_bare compares with /bench/bare "
        "measured in the same run",
        "server": f"gunicorn, {WORKERS} sync workers, production settings",
        "load": {
            "tool": "locust (FastHttpUser, no think time)",
            "users": USERS,
            "seconds": SECONDS,
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "databases": {},
    }
    report["selection"] = last_json("selection.py")
    report["group_allocation"] = last_json("allocation.py")
    # The investigation lab: generate, store, regenerate and export 5,000 transactions, on a
    # fresh SQLite file and on a throwaway PostgreSQL (bench/labs.py).
    report["labs"] = {db: last_json("labs.py", database=db) for db in ("sqlite", "postgres")}
    # Scoring a lab submission: 200 flags, 1,500 entities, 5,000 transactions (issue 15).
    report["labs_scoring"] = last_json("labs_scoring.py")
    for database in ("sqlite", "postgres"):
        report["databases"][database] = last_json("run.py", "--one", database, database=database)
    # The indicator set on 10k and 100k synthetic practitioners, the dashboard and the funder
    # report of the demo programme: PostgreSQL only (bench/indicators.py).
    report["indicators"] = last_json("indicators.py", database="postgres")
    # 300 attendance certificates issued (signed Open Badge, PDF, e-mail) and zipped with their
    # ELM files, as the manager's batch does (bench/credentials.py); target under 120 s.
    report["credentials_batch"] = last_json("credentials.py")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
