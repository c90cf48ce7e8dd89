"""make backup / make restore on the database the suite runs on (SQLite, or PostgreSQL under
scripts/with-postgres.sh): a backup of real rows and an upload, restored by a separate process into
an empty database, checks every table's row count and the key tables' checksums; a restore that
would overwrite data, or whose data does not match, is refused in words."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from crossborder.backups.archive import checksums, row_counts
from tests.factories import make_attendee, make_seminar, make_user

# transaction=True: the backup and the restore read committed rows, from other processes.
pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def world(tmp_path, settings):
    """Rows in the key tables and one uploaded file."""
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "speakers").mkdir(parents=True)
    (settings.MEDIA_ROOT / "speakers" / "jan.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    seminar = make_seminar("vienna", status="held")
    for n in range(3):
        user = make_user(
            f"p{n}@example.org",
            first_name=f"Zoë{n}",
            profile={"profession": "judge", "country": "AT", "organisation": "LG Wien"},
        )
        make_attendee(seminar, user)
    return seminar


@pytest.fixture
def empty_database():
    """DATABASE_URL of a new, empty database of the suite's kind (dropped afterwards)."""
    if connection.vendor == "sqlite":
        path = Path(os.environ.get("TMPDIR", "/tmp")) / f"restore-{uuid.uuid4().hex}.sqlite3"
        yield f"sqlite:///{path}"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')  # DDL: the ORM has no call for it
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore(folder: Path, database_url: str, media: Path) -> subprocess.CompletedProcess:
    """`manage.py restore` in its own process, as an operator runs it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crossborder.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "restore", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_a_backup_restores_into_an_empty_database_row_for_row(world, tmp_path, empty_database):
    backup = tmp_path / "backup"
    call_command("backup", to=backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["row_counts"] == row_counts()
    assert manifest["checksums"] == checksums()
    assert manifest["row_counts"]["enrolment_application"] == 3
    assert manifest["media_files"] == 1

    media = tmp_path / "restored-media"
    done = restore(backup, empty_database, media)
    assert done.returncode == 0, done.stderr
    assert "every count and checksum matches the backup" in done.stdout
    assert (media / "speakers" / "jan.jpg").read_bytes() == b"\xff\xd8\xff\xe0 photo"

    # once restored, the database is not empty: a second restore is refused, in words
    again = restore(backup, empty_database, tmp_path / "other-media")
    assert again.returncode != 0
    assert "The configured database is not empty" in again.stderr


def test_a_restore_that_does_not_match_its_manifest_fails(world, tmp_path, empty_database):
    backup = tmp_path / "backup"
    call_command("backup", to=backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["row_counts"]["accounts_user"] += 1
    manifest["checksums"]["enrolment.Application"] = "0" * 64
    (backup / "manifest.json").write_text(json.dumps(manifest))
    done = restore(backup, empty_database, tmp_path / "media-2")
    assert done.returncode != 0
    assert "accounts_user" in done.stderr and "enrolment.Application" in done.stderr


def test_it_refuses_what_is_not_a_backup_and_a_folder_in_use(world, tmp_path, empty_database):
    not_a_backup = tmp_path / "photos"
    not_a_backup.mkdir()
    done = restore(not_a_backup, empty_database, tmp_path / "media-3")
    assert done.returncode != 0 and "is not a backup" in done.stderr
    backup = tmp_path / "backup"
    call_command("backup", to=backup, stdout=open(os.devnull, "w"))  # noqa: SIM115
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["database"] = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    (backup / "manifest.json").write_text(json.dumps(manifest))
    done = restore(backup, empty_database, tmp_path / "media-4")
    assert done.returncode != 0 and "restore it into a database of the same kind" in done.stderr
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", to=backup)
