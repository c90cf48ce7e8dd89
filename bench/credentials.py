"""Certificate batch benchmark: issue the 300 attendance certificates of a seminar as the
background task does (facts, PDF with QR code, audit entry, e-mail), timing the whole run.
Target (issue 16): the batch, with PDF (and the ~50 ms of signing added later), well under
2 minutes.

Runs against DATABASE_URL (PostgreSQL under scripts/with-postgres.sh) or, without it, a fresh
SQLite file:
    .venv/bin/python bench/credentials.py
    scripts/with-postgres.sh .venv/bin/python bench/credentials.py
Prints one JSON document (its last line).
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossborder.settings")
os.environ.setdefault("SECRET_KEY", "bench-credentials-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("EMAIL_BACKEND", "locmem")  # the e-mails are written, not sent
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-credentials-media-"))
if "DATABASE_URL" not in os.environ:
    folder = tempfile.mkdtemp(prefix="bench-credentials-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/credentials.db"

PEOPLE = int(os.environ.get("BENCH_CERTIFICATES", "300"))


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    mail.outbox = []
    call_command("migrate", "--noinput", verbosity=0)
    from crossborder.accounts.models import User
    from crossborder.credentials.batch import run_batch, start_batch
    from crossborder.credentials.models import Credential
    from tests.factories import make_attendee, make_seminar

    seminar = make_seminar("bench-certificates", status="held", capacity=1000)
    manager = User.objects.create(email="manager@example.org", role="manager")
    users = User.objects.bulk_create(
        User(email=f"p{n}@example.org", first_name="Αικατερίνη", last_name=f"Person {n}")
        for n in range(PEOPLE)
    )
    for user in users:
        make_attendee(seminar, user)
    # Queued on the database queue by start_batch, and run here as the worker would run it.
    batch = start_batch(seminar, by=manager)
    import weasyprint  # noqa: F401 (the worker imports it once; not part of the batch's time)

    start, cpu = time.perf_counter(), time.process_time()
    batch = run_batch(batch)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert batch.status == "done", batch.error
    assert Credential.objects.filter(seminar=seminar).exclude(pdf="").count() == PEOPLE
    print(
        json.dumps(
            {
                "benchmark": "credentials-batch",
                "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "certificates": PEOPLE,
                "seconds": round(seconds, 1),
                "per_certificate_ms": round(1000 * seconds / PEOPLE, 1),
                # the process's own CPU time: on a machine shared with other work, the wall
                # time above also counts the waiting for a core
                "cpu_seconds": round(cpu, 1),
                "emails": len(mail.outbox),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
