"""Enqueue the recurring background jobs when they are due (see scheduling/recurring.py).

manage.py scheduler           # a loop: checks every --tick seconds, runs until stopped
manage.py scheduler --once    # enqueue every recurring job once and exit (for cron)
"""

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from crossborder.scheduling.recurring import RECURRING


class Command(BaseCommand):
    help = "Enqueue the recurring background jobs when due (a loop, or --once for cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Enqueue every recurring job once, then exit."
        )
        parser.add_argument(
            "--tick", type=float, default=30.0, help="Seconds between checks (default 30)."
        )

    def handle(self, *args, once=False, tick=30.0, **options):
        if tick <= 0:
            raise CommandError("--tick must be a positive number of seconds.")
        if once:
            for job in RECURRING:
                self.enqueue(job)
            return
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        due = dict.fromkeys(RECURRING, time.monotonic())  # each job once at start
        self.stdout.write(f"Scheduler: {len(RECURRING)} recurring job(s), checking every {tick} s")
        while self.running:
            now = time.monotonic()
            for job, at in due.items():
                if at <= now:
                    self.enqueue(job)
                    due[job] = now + job.every.total_seconds()
            deadline = time.monotonic() + tick
            while self.running and time.monotonic() < deadline:
                time.sleep(min(1.0, tick))

    def stop(self, signum, frame):
        self.running = False

    def enqueue(self, job):
        result = job.load().enqueue()
        self.stdout.write(f"Enqueued {job.task} ({result.id})")
