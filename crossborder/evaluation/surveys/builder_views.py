"""The programme manager's survey builder: a seminar's surveys, a survey's settings and
questions (add, edit, reorder, delete), and a preview as the attendees see it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.evaluation.models import Survey, SurveyQuestion
from crossborder.seminars.models import Seminar

from . import analysis, services
from .answer_views import form_rows, timetable
from .forms import QuestionForm, SurveyForm


def _require_manager(request):
    if not access.can_manage_surveys(request.user):
        raise PermissionDenied


def survey_for(request, survey_id) -> Survey:
    """The survey, for programme staff only."""
    _require_manager(request)
    return get_object_or_404(Survey.objects.select_related("seminar"), pk=survey_id)


@login_required
def manage_surveys(request):
    """Every survey with its response rate: open ones first, then upcoming, then closed."""
    _require_manager(request)
    now = timezone.now()
    surveys = list(
        analysis.with_response_counts(Survey.objects.select_related("seminar")).order_by(
            "-opens_at", "pk"
        )
    )
    for s in surveys:
        s.rate = analysis.response_rate(s.answered, s.recipients)
    return render(
        request,
        "evaluation/surveys/manage/list.html",
        {
            "running": [s for s in surveys if s.is_open(now)],
            "upcoming": sorted((s for s in surveys if now < s.opens_at), key=lambda s: s.opens_at),
            "closed": [s for s in surveys if s.has_closed(now)],
        },
    )


@login_required
def seminar_surveys(request, slug):
    """A seminar's two surveys; create either from the defaults (POST)."""
    _require_manager(request)
    seminar = get_object_or_404(Seminar, slug=slug)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in Survey.Kind.values:
            messages.error(request, _("Choose the satisfaction or the follow-up survey."))
        else:
            try:
                survey = services.create_survey(seminar=seminar, kind=kind, by=request.user)
            except services.Refused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request,
                    _("Survey created from the default questions. Check them and the dates."),
                )
                return redirect("manage-survey", survey_id=survey.pk)
        return redirect("manage-seminar-surveys", slug=slug)
    surveys = list(analysis.with_response_counts(seminar.surveys.all()))
    for s in surveys:
        s.rate = analysis.response_rate(s.answered, s.recipients)
    have = {s.kind for s in surveys}
    return render(
        request,
        "evaluation/surveys/manage/seminar.html",
        {
            "seminar": seminar,
            "surveys": surveys,
            "missing": [(k, label) for k, label in Survey.Kind.choices if k not in have],
        },
    )


@login_required
def manage_survey(request, survey_id):
    """A survey's settings and its questions."""
    survey = survey_for(request, survey_id)
    with timezone.override(survey.seminar.tz):  # dates are typed in the seminar's time zone
        form = SurveyForm(request.POST or None, instance=survey)
        if request.method == "POST" and form.is_valid():
            services.save_survey(form=form, by=request.user)
            messages.success(request, _("Survey saved."))
            return redirect("manage-survey", survey_id=survey.pk)
        if form.errors:
            survey = Survey.objects.select_related("seminar").get(pk=survey.pk)
        return render(
            request,
            "evaluation/surveys/manage/survey.html",
            {
                "survey": survey,
                "form": form,
                "questions": list(survey.questions.select_related("condition_question")),
                "locked": form.locked,
                "time_zone": survey.seminar.time_zone,
            },
            status=400 if form.errors else 200,
        )


@login_required
def manage_question(request, survey_id, survey_question_id=None):
    survey = survey_for(request, survey_id)
    question = (
        get_object_or_404(survey.questions, pk=survey_question_id) if survey_question_id else None
    )
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        services.save_question(form=form, by=request.user)
        messages.success(request, _("Question saved."))
        return redirect("manage-survey", survey_id=survey.pk)
    return render(
        request,
        "evaluation/surveys/manage/question.html",
        {"survey": survey, "question": question, "form": form, "locked": form.locked},
        status=400 if form.errors else 200,
    )


def _question_for(request, survey_id, survey_question_id) -> SurveyQuestion:
    survey = survey_for(request, survey_id)
    return get_object_or_404(survey.questions.select_related("survey"), pk=survey_question_id)


@login_required
@require_POST
def delete_question(request, survey_id, survey_question_id):
    question = _question_for(request, survey_id, survey_question_id)
    try:
        services.delete_question(question=question, by=request.user)
    except services.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Question deleted."))
    return redirect("manage-survey", survey_id=survey_id)


@login_required
@require_POST
def move_question(request, survey_id, survey_question_id):
    question = _question_for(request, survey_id, survey_question_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Move a question up or down."))
        return redirect("manage-survey", survey_id=survey_id)
    try:
        services.move_question(question=question, up=direction == "up", by=request.user)
    except services.Refused as refused:
        messages.error(request, str(refused))
    return redirect(reverse("manage-survey", args=[survey_id]) + f"#question-{question.pk}")


@login_required
def preview(request, survey_id):
    """The survey as an attendee sees it (nothing can be submitted)."""
    survey = survey_for(request, survey_id)
    questions = list(survey.questions.select_related("condition_question"))
    sessions, speakers = timetable(survey)
    return render(
        request,
        "evaluation/surveys/answer.html",
        {
            "survey": survey,
            "seminar": survey.seminar,
            "rows": form_rows(questions, sessions, speakers),
            "preview": True,
        },
    )
