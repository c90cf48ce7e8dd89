from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "crossborder.seminars"
    verbose_name = _("Seminars and programme")

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
