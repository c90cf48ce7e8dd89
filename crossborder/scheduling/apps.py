from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "crossborder.scheduling"
    verbose_name = "Scheduling"

    def ready(self):
        from django.tasks.signals import task_finished

        from .retrying import on_task_finished

        # failed background work is tried again, or reported (retrying.py)
        task_finished.connect(on_task_finished, dispatch_uid="crossborder-retry-failed-tasks")
