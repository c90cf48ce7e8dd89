"""The survey mails, written in the person's language (their account's language for emails).

Like the enrolment mails, a message is sent only after the current transaction commits."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

EVENTS = {"invitation", "reminder"}


def send_survey_mail(invitation, event: str) -> None:
    """Subject is the template's first line, body the rest."""
    assert event in EVENTS, event
    user, survey = invitation.user, invitation.survey
    context = {
        "user": user,
        "survey": survey,
        "seminar": survey.seminar,
        "link": settings.SITE_URL + reverse("survey-link", args=[invitation.token]),
        "site_url": settings.SITE_URL,
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = render_to_string(f"evaluation/surveys/email/{event}.txt", context).strip()
    subject, _, body = text.partition("\n")
    transaction.on_commit(
        partial(send_mail, subject.strip(), body.strip() + "\n", None, [user.email])
    )
