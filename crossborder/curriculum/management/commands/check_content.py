"""`manage.py check_content`: the rules of crossborder/curriculum/checking.py over the content
folder (or another one given with --content); exits 1 and lists the problems if there are any."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from crossborder.curriculum.checking import CONTENT_DIR, check_content


class Command(BaseCommand):
    help = (
        "Check the curriculum's modules, questions and library entries against the content rules."
    )

    def add_arguments(self, parser):
        parser.add_argument("--content", type=Path, default=CONTENT_DIR)

    def handle(self, *args, content: Path, **options):
        problems = check_content(content)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} content problem(s).")
        self.stdout.write("Content check: no problems.")
