"""Templated, translated emails to applicants (one template per event, in their language)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

EVENTS = {
    "submitted",
    "selected",
    "waitlisted",
    "rejected",
    "confirmed",
    "moved_to_waitlist",
    "declined",
    "withdrawn",
    "offer",
    "offer_expired",
    "nomination_request",
}


def notify(application, event: str, *, to: str | None = None, extra: dict | None = None) -> None:
    """Send the email for `event`; subject is the template's first line, body the rest."""
    assert event in EVENTS, event
    user = application.user
    context = {
        "application": application,
        "user": user,
        "seminar": application.call.seminar,
        "site_url": settings.SITE_URL,
        **(extra or {}),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = render_to_string(f"enrolment/email/{event}.txt", context).strip()
    subject, _, body = text.partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [to or user.email])
