from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossborder.workshops.exercises.loader import ContentError, load_workshops


class Command(BaseCommand):
    help = (
        "Load the workshop exercises from content/workshops/ (safe to run again: an unchanged "
        "folder is skipped, a changed one updates its exercise in place)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", type=Path, help="another workshops folder")

    def handle(self, *args, source=None, **options):
        if source is not None and not source.is_dir():
            raise CommandError(f"{source} is not a folder.")
        try:
            result = load_workshops(source) if source else load_workshops()
        except ContentError as error:
            raise CommandError(
                "The workshop files have problems; nothing was loaded:\n  "
                + "\n  ".join(error.problems)
            ) from error
        self.stdout.write(
            f"Workshop exercises: {result['exercises']} ({result['loaded']} loaded, "
            f"{result['unchanged']} unchanged), {result['roles']} role cards, "
            f"{result['injects']} injects."
        )
