from django.core.management import call_command
from django.core.management.base import BaseCommand

from crossborder.learning.content import load_modules


class Command(BaseCommand):
    help = (
        "Load the curriculum content from the repository: the online modules (content/modules/) "
        "and the knowledge library (content/library/). Safe to run again."
    )

    def handle(self, *args, **options):
        learning = load_modules()
        self.stdout.write(
            f"Online modules: {learning['modules']} modules, {learning['lessons']} lessons, "
            f"{learning['questions']} questions."
        )
        call_command("load_library", stdout=self.stdout)
