"""The results of one survey for programme staff: response rate, non-respondents (named
surveys only), distributions, ratings of sessions and speakers, free text, follow-up outcomes."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from crossborder import access
from crossborder.audit.models import record_list_view

from . import analysis
from .builder_views import survey_for
from .ratings import WEAK_BELOW


@login_required
def results(request, survey_id):
    survey = survey_for(request, survey_id)
    counted = analysis.with_response_counts(type(survey).objects.filter(pk=survey.pk)).values(
        "recipients", "answered"
    )[0]
    missing = None
    if access.can_see_non_respondents(request.user, survey):
        missing = analysis.non_respondents(survey)
        record_list_view(
            actor=request.user,
            objects=missing,
            what="survey_non_respondents",
            details={"survey": survey.pk},
        )
    return render(
        request,
        "evaluation/surveys/manage/results.html",
        {
            "survey": survey,
            "seminar": survey.seminar,
            "recipients": counted["recipients"],
            "answered": counted["answered"],
            "rate": analysis.response_rate(counted["answered"], counted["recipients"]),
            "non_respondents": missing,
            "weak_below": WEAK_BELOW,
            **analysis.survey_results(survey),
        },
    )
