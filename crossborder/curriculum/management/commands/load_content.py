from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from crossborder.curriculum.seeding import report_conflicts
from crossborder.learning.content import load_modules


class Command(BaseCommand):
    help = (
        "Load the curriculum content from the repository: the online modules (content/modules/) "
        "and the knowledge library (content/library/). Safe to run again; items edited in the "
        "browser are kept and listed as conflicts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="source",
            type=Path,
            help="a folder written by export_content (modules/ and library/) instead of the "
            "repository's content",
        )

    def handle(self, *args, source=None, **options):
        learning = load_modules(source / "modules") if source else load_modules()
        self.stdout.write(
            f"Online modules: {learning['modules']} modules, {learning['lessons']} lessons, "
            f"{learning['questions']} questions."
        )
        report_conflicts(self.stdout, learning["conflicts"])
        extra = ["--from", str(source / "library")] if source else []
        call_command("load_library", *extra, stdout=self.stdout)
