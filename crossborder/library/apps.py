from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "crossborder.library"
    verbose_name = _("Knowledge library")

    def ready(self):
        from . import signals  # noqa: F401
