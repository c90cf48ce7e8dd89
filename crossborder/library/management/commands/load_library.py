from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossborder.curriculum.seeding import report_conflicts
from crossborder.library.content import ContentError, load_library


class Command(BaseCommand):
    help = "Load the knowledge library from content/library/ (safe to run again: updates by slug)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", type=Path, help="another library folder")

    def handle(self, *args, source=None, **options):
        try:
            result = load_library(source) if source else load_library()
        except ContentError as error:
            raise CommandError(
                "The library files have problems:\n  " + "\n  ".join(error.problems)
            ) from error
        self.stdout.write(
            f"Library: {result['entries']} entries; linked to modules {result['module_links']} "
            f"times, to questions {result['question_links']} times and to seminar sessions "
            f"{result['session_links']} times."
        )
        report_conflicts(self.stdout, result["conflicts"])
