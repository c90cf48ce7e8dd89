"""What the evaluation asks of a participant, for the "What to do next" card of their dashboard
(crossborder/dashboards/learner.py): knowledge tests due and surveys open. Registered when the
app is ready (apps.py); a fixed number of queries however many seminars."""

from django.urls import reverse
from django.utils.translation import gettext as _

from crossborder.dashboards.learner import ToDo

from .knowledge.services import tests_due
from .surveys.analysis import open_surveys_for


def evaluation_to_dos(user) -> list[ToDo]:
    items = []
    for due in tests_due(user):
        items.append(
            ToDo(
                _("%(phase)s of “%(seminar)s”")
                % {"phase": due.phase_label, "seminar": due.test.seminar.title_local},
                due.url,
                due=due.closes_at,
                action=_("Resume the test") if due.resume else _("Take the test"),
            )
        )
    for survey in open_surveys_for(user):
        items.append(
            ToDo(
                survey.title_local,
                reverse("survey-answer", args=[survey.pk]),
                due=survey.closes_at,
                action=_("Answer the survey"),
            )
        )
    return items
