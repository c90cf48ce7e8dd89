"""Background work of surveys, run by the task worker (`manage.py db_worker`).

`dispatch_surveys` is recurring (see crossborder/scheduling/recurring.py): it decides who is
invited or reminded and enqueues one mail task per person."""

from django.tasks import task

from crossborder.evaluation.models import SurveyInvitation


@task
def dispatch_surveys() -> dict:
    """Create missing surveys, invite the attendees of open surveys, remind once."""
    from .services import dispatch

    return dispatch()


def _invitation(pk: int):
    return SurveyInvitation.objects.select_related("user", "survey__seminar").filter(pk=pk).first()


@task
def send_survey_invitation(invitation_id: int) -> bool:
    """Mail one person their invitation with their personal link (in their language)."""
    from .emails import send_survey_mail

    invitation = _invitation(invitation_id)
    if invitation is None or invitation.answered or not invitation.survey.is_open():
        return False
    send_survey_mail(invitation, "invitation")
    return True


@task
def send_survey_reminder(invitation_id: int) -> bool:
    """Mail one reminder to a person who has not answered yet, while the survey is open."""
    from .emails import send_survey_mail

    invitation = _invitation(invitation_id)
    if invitation is None or invitation.answered or not invitation.survey.is_open():
        return False
    send_survey_mail(invitation, "reminder")
    return True
