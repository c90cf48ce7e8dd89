"""Evaluation of the programme: knowledge tests before and after each seminar (learning),
surveys (reaction, and behaviour months later), and the funder's indicators and reports.
Each part keeps its models in its own module here."""

from .knowledge import (  # noqa: F401
    FormItem,
    KnowledgeForm,
    KnowledgeTest,
    Letter,
    Phase,
    Sitting,
    form_order,
)
from .reports import FunderReport  # noqa: F401
from .surveys import (  # noqa: F401
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
