from django.core.management.base import BaseCommand, CommandError

from crossborder.library.content import ContentError, load_library


class Command(BaseCommand):
    help = "Load the knowledge library from content/library/ (safe to run again: updates by slug)."

    def handle(self, *args, **options):
        try:
            result = load_library()
        except ContentError as error:
            raise CommandError(
                "The library files have problems:\n  " + "\n  ".join(error.problems)
            ) from error
        self.stdout.write(
            f"Library: {result['entries']} entries; linked to modules {result['module_links']} "
            f"times, to questions {result['question_links']} times and to seminar sessions "
            f"{result['session_links']} times."
        )
