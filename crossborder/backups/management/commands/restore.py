from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossborder.backups.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder (made by `manage.py backup`) into the configured database, which "
        "must be empty, and MEDIA_ROOT; then check every table's row count and the key tables' "
        "checksums against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="the backup's folder")

    def handle(self, *args, **options):
        try:
            summary = restore_backup(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        uploads = (
            f"(the uploads stay in the bucket {summary.uploads_bucket})"
            if summary.uploads_bucket
            else f"and {summary.media_files} uploaded files"
        )
        self.stdout.write(
            f"Restored {summary.rows} rows in {summary.tables} tables {uploads} from "
            f"{summary.folder}; every count and checksum matches the backup."
        )
