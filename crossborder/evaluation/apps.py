from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "crossborder.evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # Knowledge gain, satisfaction and follow-up join the indicator set; tests due and
        # surveys open join the participant's "What to do next".
        from crossborder.dashboards.learner import TODO_SOURCES

        from .dashboard import evaluation_to_dos
        from .reports.sections import register_sections

        register_sections()
        if evaluation_to_dos not in TODO_SOURCES:
            TODO_SOURCES.append(evaluation_to_dos)
