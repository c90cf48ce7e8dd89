from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "crossborder.learning"
    verbose_name = _("Online learning")

    def ready(self):
        from . import signals  # noqa: F401
