"""Personal data of the evaluation: the person's knowledge tests (their answers are in the
online modules' section, as attempts), the surveys they were asked to answer, and their answers
to named surveys. Answers to an anonymous survey are not linked to anyone, so no export can
find them and nothing needs erasing. Funder reports a member of staff requested."""

import secrets

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import FunderReport, Sitting, SurveyAnswer, SurveyInvitation, SurveyResponse

LABEL = _("Evaluation")


def export(user) -> dict:
    responses = SurveyResponse.objects.filter(respondent=user).select_related("survey")
    responses = responses.prefetch_related(
        Prefetch(
            "answers",
            queryset=SurveyAnswer.objects.select_related("question", "session", "speaker"),
        )
    )
    return {
        "knowledge_tests": [
            {
                "seminar": s.test.seminar.title,
                "phase": s.phase,
                "form": s.form.letter,
                "started_at": s.attempt.started_at,
                "submitted_at": s.attempt.submitted_at,
                "score": s.attempt.score,
                "max_score": s.attempt.max_score,
            }
            for s in Sitting.objects.filter(user=user).select_related(
                "test__seminar", "form", "attempt"
            )
        ],
        "survey_invitations": [
            {
                "survey": i.survey.title,
                "seminar": i.survey.seminar.title,
                "anonymous": i.survey.anonymous,
                "invited_at": i.invited_at,
                "reminded_at": i.reminded_at,
                "answered": i.answered,
            }
            for i in SurveyInvitation.objects.filter(user=user).select_related("survey__seminar")
        ],
        "named_survey_answers": [
            {
                "survey": r.survey.title,
                "submitted_at": r.submitted_at,
                "answers": [
                    {
                        "question": a.question.text,
                        "choice": a.choice,
                        "number": a.number,
                        "text": a.text,
                        "session": a.session.title if a.session else None,
                        "speaker": a.speaker.name if a.speaker else None,
                    }
                    for a in r.answers.all()
                ],
            }
            for r in responses
        ],
        "funder_reports_requested": list(
            FunderReport.objects.filter(requested_by=user).values_list("created_at", flat=True)
        ),
    }


def erase(user) -> None:
    """Sittings (the knowledge gain), invitations (the response rate) and the points and
    ratings of named answers stay; the texts the person wrote in a named survey go, and the
    personal survey links stop working."""
    SurveyAnswer.objects.filter(response__respondent=user).exclude(text="").update(text="")
    for invitation in SurveyInvitation.objects.filter(user=user):
        invitation.token = secrets.token_urlsafe(32)
        invitation.save(update_fields=["token"])
