from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "crossborder.network"
    verbose_name = _("Practitioner network")

    def ready(self):
        # The contacts made through the network join the follow-up indicators.
        from crossborder.evaluation.reports.indicators import register

        from .indicators import network_section

        register("network", network_section, order=80)
