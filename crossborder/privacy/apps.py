from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "crossborder.privacy"
    verbose_name = _("Data rights")

    def ready(self):
        from .registry import discover

        discover()
