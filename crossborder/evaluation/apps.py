from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "crossborder.evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # Knowledge gain, satisfaction and follow-up join the indicator set.
        from .reports.outcomes import register_sections

        register_sections()
