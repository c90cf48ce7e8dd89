from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "crossborder.scheduling"
    verbose_name = "Scheduling"
