"""Certificate batch benchmark: issue the 300 attendance certificates of a seminar as the
background task does (facts, Open Badges 3.0 credential signed with a fresh Ed25519 key, PDF
with QR code, audit entry, e-mail), then build the manager's zip with each certificate's PDF,
Open Badge and European Learning Model file. Target (issue 16): all of it under 2 minutes.

Runs against DATABASE_URL (PostgreSQL under scripts/with-postgres.sh) or, without it, a fresh
SQLite file:
    .venv/bin/python bench/credentials.py
    scripts/with-postgres.sh .venv/bin/python bench/credentials.py
Prints one JSON document (its last line).
"""

import io
import json
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossborder.settings")
os.environ.setdefault("SECRET_KEY", "bench-credentials-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("EMAIL_BACKEND", "locmem")  # the e-mails are written, not sent
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-credentials-media-"))
os.environ.setdefault("CREDENTIAL_KEY_DIR", tempfile.mkdtemp(prefix="bench-credentials-keys-"))
if "DATABASE_URL" not in os.environ:
    folder = tempfile.mkdtemp(prefix="bench-credentials-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/credentials.db"

PEOPLE = int(os.environ.get("BENCH_CERTIFICATES", "300"))
FOLDERS = ("pdf/", "open-badges/", "elm/")


def main() -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command

    mail.outbox = []
    call_command("migrate", "--noinput", verbosity=0)
    from crossborder.accounts.models import User
    from crossborder.credentials.batch import run_batch, seminar_zip, start_batch
    from crossborder.credentials.models import Credential
    from crossborder.credentials.signing.keys import ensure_key
    from tests.factories import make_attendee, make_seminar

    ensure_key()

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
    issued_at = time.perf_counter()
    archive = seminar_zip(seminar)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert batch.status == "done", batch.error
    valid = Credential.objects.filter(seminar=seminar, open_badge__isnull=False).exclude(pdf="")
    assert valid.count() == PEOPLE
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        names = files.namelist()
    forms = {folder: sum(n.startswith(folder) for n in names) for folder in FOLDERS}
    assert all(count == PEOPLE for count in forms.values()), forms
    print(
        json.dumps(
            {
                "benchmark": "credentials-batch",
                "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "certificates": PEOPLE,
                "seconds": round(seconds, 1),
                "target_seconds": 120,
                "issue_seconds": round(issued_at - start, 1),
                "zip_seconds": round(seconds - (issued_at - start), 1),
                "zip_files": forms,
                "zip_mb": round(len(archive) / 1e6, 1),
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
