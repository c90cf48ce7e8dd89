from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossborder.curriculum.exporting import export_library, export_modules


class Command(BaseCommand):
    help = (
        "Write the database's current curriculum in the content files' format: the online "
        "modules to <dir>/modules/ and the published library entries to <dir>/library/ "
        "(`load_content` reads them back)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="an empty or new folder")

    def handle(self, *args, to: Path, **options):
        if to.exists() and (not to.is_dir() or any(to.iterdir())):
            raise CommandError(f"--to: {to} must be an empty folder or not exist yet.")
        modules = export_modules(to / "modules")
        entries = export_library(to / "library")
        self.stdout.write(f"Exported {modules} modules and {entries} library entries to {to}.")
