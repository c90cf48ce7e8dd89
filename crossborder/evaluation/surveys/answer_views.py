"""The participant's pages: the surveys open for me, answering one (signed in, or through the
personal link from the invitation), the thank-you page; a trainer's ratings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crossborder import access
from crossborder.evaluation.models import Survey, SurveyInvitation
from crossborder.seminars.models import Speaker

from . import analysis, answering, services


@login_required
def my_surveys(request):
    if not access.can_answer_surveys(request.user):
        raise PermissionDenied
    return render(
        request,
        "evaluation/surveys/my_surveys.html",
        {"surveys": analysis.open_surveys_for(request.user)},
    )


@login_required
def answer(request, survey_id):
    """A signed-in attendee answers from the list of their open surveys."""
    survey = get_object_or_404(Survey.objects.select_related("seminar"), pk=survey_id)
    if not services.attended(request.user, survey.seminar):
        return _refusal(
            request,
            survey,
            _("This survey is for the people who attended the seminar."),
            status=403,
        )
    invitation = SurveyInvitation.objects.filter(survey=survey, user=request.user).first()
    return _answer_page(request, survey, request.user, invitation)


def answer_by_link(request, token):
    """The personal link of an invitation: it works signed out; signed in, only for its owner."""
    invitation = (
        SurveyInvitation.objects.select_related("survey__seminar", "user")
        .filter(token=token)
        .first()
    )
    if invitation is None:
        return _refusal(
            request,
            None,
            _(
                "This survey link is not valid. Use the link in your invitation, or open "
                "“My surveys” after signing in."
            ),
            status=404,
        )
    if not access.can_answer_survey(request.user, invitation):
        return _refusal(
            request,
            invitation.survey,
            _(
                "This link was sent to somebody else. Open the survey from your own invitation "
                "or from “My surveys”."
            ),
            status=403,
        )
    survey = invitation.survey
    if not services.attended(invitation.user, survey.seminar):
        return _refusal(
            request, survey, _("This survey is for the people who attended the seminar."), 403
        )
    return _answer_page(request, survey, invitation.user, invitation)


def thanks(request):
    return render(request, "evaluation/surveys/thanks.html")


def _refusal(request, survey, message, status):
    return render(
        request,
        "evaluation/surveys/refused.html",
        {"survey": survey, "message": message},
        status=status,
    )


def _why_not(survey, invitation, questions) -> str | None:
    """Why this survey cannot be answered now, or None."""
    now = timezone.now()
    if invitation is not None and invitation.answered:
        return _("You have already answered this survey. Thank you!")
    if not questions:
        return _("This survey has no questions yet, so it cannot be answered.")
    if now < survey.opens_at:
        return _("This survey opens on %(date)s.") % {
            "date": date_format(timezone.localtime(survey.opens_at), "DATETIME_FORMAT")
        }
    if survey.has_closed(now):
        return _("This survey closed on %(date)s; answers are no longer accepted.") % {
            "date": date_format(timezone.localtime(survey.closes_at))
        }
    return None


def timetable(survey):
    """The sessions (no breaks) and speakers of the survey's seminar, for the ratings."""
    seminar = survey.seminar
    sessions = list(seminar.sessions.exclude(kind="break").order_by("start", "track", "room"))
    speakers = list(
        Speaker.objects.filter(sessions__seminar=seminar)
        .exclude(sessions__kind="break")
        .distinct()
        .order_by("name")
    )
    return sessions, speakers


def form_rows(questions, sessions, speakers, parsed=None) -> list[dict]:
    """What the template needs for each question, with what the person gave so far."""
    values = parsed.values if parsed else {}
    errors = parsed.errors if parsed else {}
    rows = []
    for number, q in enumerate(questions, start=1):
        rows.append(
            {
                "number": number,
                "question": q,
                "name": f"q{q.pk}",
                "value": values.get(f"q{q.pk}", [] if q.kind == "multiple" else ""),
                "error": errors.get(q.pk),
                "choices": [(str(v), label) for v, label in q.choices()],
                "items": [
                    {"item": item, "value": values.get(item.key, "")}
                    for item in answering.rated_items(q, sessions, speakers)
                ],
                "condition": (
                    {
                        "name": f"q{q.condition_question_id}",
                        "value": str(q.condition_choice),
                        "question": q.condition_question.text_local,
                        "choice": q.condition_question.choice_label(q.condition_choice),
                    }
                    if q.is_conditional
                    else None
                ),
            }
        )
    return rows


def _answer_page(request, survey, user, invitation):
    questions = list(survey.questions.select_related("condition_question"))
    problem = _why_not(survey, invitation, questions)
    if problem:
        return _refusal(request, survey, problem, status=200 if request.method == "GET" else 409)
    sessions, speakers = timetable(survey)
    parsed = None
    status = 200
    if request.method == "POST":
        parsed = answering.parse(questions, request.POST, sessions=sessions, speakers=speakers)
        if parsed.valid:
            try:
                services.submit_response(survey=survey, user=user, parsed=parsed)
            except services.Refused as refused:
                messages.error(request, str(refused))
                status = 409
            else:
                messages.success(request, _("Thank you: your answers have been saved."))
                return redirect("survey-thanks")
        else:
            status = 400
            messages.error(
                request,
                _("Nothing was saved. Please check the questions marked below."),
            )
    return render(
        request,
        "evaluation/surveys/answer.html",
        {
            "survey": survey,
            "seminar": survey.seminar,
            "rows": form_rows(questions, sessions, speakers, parsed),
            "respondent": user,
        },
        status=status,
    )


@login_required
def my_ratings(request):
    """A trainer's feedback: the ratings of the sessions they spoke in, and of themselves."""
    speaker = Speaker.objects.filter(user=request.user).first()
    if speaker is None or not access.can_see_speaker_ratings(request.user, speaker):
        return _refusal(
            request,
            None,
            _(
                "Ratings are shown to speakers of the programme. Your account is not linked to a "
                "speaker; ask the programme team."
            ),
            status=403,
        )
    return render(
        request,
        "evaluation/surveys/my_ratings.html",
        {"speaker": speaker, "ratings": analysis.ratings_for_speaker(speaker)},
    )
