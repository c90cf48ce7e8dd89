"""A backup is a folder: the database (PostgreSQL's own custom-format dump, or a copy made with
SQLite's online backup API), the uploaded files as a tar archive, and a manifest with the row
count of every table and a checksum of the key tables. A restore loads the folder into an empty
database and checks the counts and checksums against the manifest.

The issuer's signing keys (CREDENTIAL_KEY_DIR) are secrets, like SECRET_KEY: they are backed up
with the other secrets, not with the data (docs/deploy.md)."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

FORMAT = "crossborder-backup"
VERSION = 1
DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_FILE = "media.tar.gz"
MANIFEST = "manifest.json"
# The tables whose content is checked row by row after a restore: the people, the programme,
# the applications, the learning and its results, the certificates and the audit trail.
KEY_MODELS = [
    "accounts.User",
    "accounts.Profile",
    "seminars.Seminar",
    "seminars.Session",
    "enrolment.Application",
    "learning.Attempt",
    "learning.Answer",
    "evaluation.SurveyResponse",
    "credentials.Credential",
    "library.Entry",
    "audit.AuditEntry",
]


class BackupError(Exception):
    """What went wrong, in words for the person running the command."""


@dataclass
class Summary:
    folder: Path
    tables: int
    rows: int
    media_files: int
    # the uploads' bucket when they are in object storage (not copied: the bucket is versioned)
    uploads_bucket: str = ""


# --- what the database holds -------------------------------------------------------------------


def _models():
    return [m for m in apps.get_models() if not m._meta.proxy and m._meta.managed]


def row_counts() -> dict[str, int]:
    """Rows per table, for every table of the project's models that exists."""
    existing = set(connection.introspection.table_names())
    return {
        m._meta.db_table: m._default_manager.count()
        for m in _models()
        if m._meta.db_table in existing
    }


def checksum(model) -> str:
    """SHA-256 of the model's rows (every column, in primary-key order)."""
    columns = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    for row in model._default_manager.order_by("pk").values_list(*columns).iterator(2000):
        digest.update(json.dumps(row, cls=DjangoJSONEncoder, default=str).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def checksums() -> dict[str, str]:
    return {label: checksum(apps.get_model(label)) for label in KEY_MODELS}


def _vendor() -> str:
    return connection.vendor


# --- backup ------------------------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    """The newest server version's tool (it reads older servers too), else the one on PATH."""
    found = [p for p in Path("/usr/lib/postgresql").glob(f"*/bin/{name}") if p.parts[-3].isdigit()]
    found.sort(key=lambda p: int(p.parts[-3]))
    tool = str(found[-1]) if found else shutil.which(name)
    if not tool:
        raise BackupError(f"{name} was not found: install PostgreSQL's client programs.")
    return tool


def _pg_env() -> dict:
    """libpq's environment variables for the configured database (no password on a command
    line, where other users could read it)."""
    s = connection.settings_dict
    env = dict(os.environ)
    for var, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if s.get(key):
            env[var] = str(s[key])
    return env


def _run(command: list[str], what: str) -> None:
    # An argument list of our own (tool path, options, file names): no shell, nothing to inject.
    done = subprocess.run(  # noqa: S603
        command, env=_pg_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip() or done.stdout.strip()}")


def _dump_database(target: Path) -> None:
    if _vendor() == "postgresql":
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
            ],
            "pg_dump",
        )
    elif _vendor() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # SQLite's online backup: consistent while in use
        copy.close()
    else:
        raise BackupError(f"Backups of a {_vendor()} database are not supported.")


def uploads_bucket() -> str:
    """The bucket that holds the uploads when they are in object storage (S3_BUCKET), else ""."""
    storage = settings.STORAGES["default"]
    if storage["BACKEND"] == "django.core.files.storage.FileSystemStorage":
        return ""
    return storage.get("OPTIONS", {}).get("bucket_name") or storage["BACKEND"]


def _archive_media(target: Path) -> int:
    root = Path(settings.MEDIA_ROOT)
    files = [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    with tarfile.open(target, "w:gz") as archive:
        for path in sorted(files):
            archive.add(path, arcname=str(path.relative_to(root)), recursive=False)
    return len(files)


def make_backup(folder: Path | None = None) -> Summary:
    """Write a backup of the database and the uploads into `folder` (a new folder under
    var/backups named by the time when none is given)."""
    if folder is None:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        folder = Path(settings.BASE_DIR) / "var" / "backups" / stamp
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder for the backup.")
    folder.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    if vendor not in DATABASE_FILE:
        raise BackupError(f"Backups of a {vendor} database are not supported.")
    _dump_database(folder / DATABASE_FILE[vendor])
    bucket = uploads_bucket()
    media = 0 if bucket else _archive_media(folder / MEDIA_FILE)
    counts = row_counts()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": vendor,
        "row_counts": counts,
        "checksums": checksums(),
        "media_files": media,
        "uploads_bucket": bucket,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return Summary(folder, len(counts), sum(counts.values()), media, bucket)


# --- restore -----------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Crossborder backup manifest.")
    if manifest.get("version") != VERSION:
        raise BackupError(f"{path} has version {manifest.get('version')}; this expects {VERSION}.")
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def _media_is_empty() -> bool:
    root = Path(settings.MEDIA_ROOT)
    return not root.exists() or not any(root.iterdir())


def _restore_database(source: Path) -> None:
    if _vendor() == "postgresql":
        connection.close()
        _run(
            [
                _pg_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            "pg_restore",
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as copy:
            copy.backup(connection.connection)
        copy.close()
    connection.close()


def _restore_media(source: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:gz") as archive:
        archive.extractall(root, filter="data")  # no absolute paths, no "..", no devices


def compare(manifest: dict) -> list[str]:
    """The differences between the database now and the manifest, in words (none: all equal)."""
    problems = []
    counts = row_counts()
    for table, expected in sorted(manifest["row_counts"].items()):
        found = counts.get(table)
        if found != expected:
            problems.append(f"{table}: {found} rows, the backup had {expected}")
    for label, expected in sorted(manifest["checksums"].items()):
        if checksum(apps.get_model(label)) != expected:
            problems.append(f"{label}: the rows differ from the backup's")
    return problems


def restore_backup(folder: Path) -> Summary:
    """Load the backup in `folder` into the configured database, which must be empty, and the
    uploads into MEDIA_ROOT, which must be empty too; then check every count and checksum."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    vendor = _vendor()
    if manifest.get("database") != vendor:
        raise BackupError(
            f"This backup is of a {manifest.get('database')} database and the configured one is "
            f"{vendor}: restore it into a database of the same kind."
        )
    source = folder / DATABASE_FILE[vendor]
    if not source.is_file():
        raise BackupError(f"{folder} has no {source.name}: the backup is incomplete.")
    if not _database_is_empty():
        raise BackupError(
            "The configured database is not empty. Restore into a new, empty database (then "
            "point DATABASE_URL at it), so that nothing is overwritten by mistake."
        )
    bucket = manifest.get("uploads_bucket") or ""
    if not bucket and not _media_is_empty():
        raise BackupError(
            f"MEDIA_ROOT ({settings.MEDIA_ROOT}) is not empty: restore into an empty folder."
        )
    _restore_database(source)
    if (folder / MEDIA_FILE).is_file():
        _restore_media(folder / MEDIA_FILE)
    problems = compare(manifest)
    if problems:
        raise BackupError("The restored data differs from the backup: " + "; ".join(problems))
    counts = manifest["row_counts"]
    return Summary(
        folder, len(counts), sum(counts.values()), manifest.get("media_files", 0), bucket
    )
