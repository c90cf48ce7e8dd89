"""The recurring background jobs, in one place. `manage.py scheduler` enqueues each when it is
due; the task worker (`manage.py db_worker`) runs them.

To add one (survey reminders, follow-up surveys, …), write a `@task` without arguments in the
app's tasks.py and add one line below: its dotted path and how often it runs.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Recurring:
    task: str  # dotted path of a django.tasks Task that takes no arguments
    every: timedelta

    def load(self):
        return import_string(self.task)


RECURRING = [
    Recurring("crossborder.scheduling.retrying.recover_lost_tasks", every=timedelta(minutes=1)),
    Recurring("crossborder.enrolment.tasks.expire_lapsed_offers", every=timedelta(minutes=5)),
    Recurring("crossborder.enrolment.tasks.apply_retention", every=timedelta(days=1)),
    Recurring("crossborder.learning.tasks.submit_expired_attempts", every=timedelta(minutes=5)),
    Recurring("crossborder.evaluation.surveys.tasks.dispatch_surveys", every=timedelta(minutes=15)),
    Recurring(
        "crossborder.evaluation.reports.tasks.draw_indicator_charts", every=timedelta(minutes=10)
    ),
]
