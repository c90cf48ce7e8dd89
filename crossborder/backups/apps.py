from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "crossborder.backups"
    label = "backups"
    verbose_name = "Backups"
