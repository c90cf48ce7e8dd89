from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossborder.backups.archive import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and the uploaded files into "
        "a folder, with a manifest of row counts and checksums (default: var/backups/<time>)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="an empty or new folder for the backup")

    def handle(self, *args, **options):
        try:
            summary = make_backup(options["to"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if summary.uploads_bucket:
            self.stdout.write(
                f"Backed up {summary.rows} rows in {summary.tables} tables to {summary.folder}. "
                f"The uploads are in the bucket {summary.uploads_bucket}, which this backup does "
                "not copy: keep the bucket's versioning on (docs/deploy.md)."
            )
            return
        self.stdout.write(
            f"Backed up {summary.rows} rows in {summary.tables} tables and "
            f"{summary.media_files} uploaded files to {summary.folder}"
        )
