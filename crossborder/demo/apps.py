from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "crossborder.demo"
    verbose_name = "Demo data"
