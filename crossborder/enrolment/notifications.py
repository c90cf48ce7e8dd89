"""Templated, translated emails to applicants (one template per event, in their language).

The message is written at once (with the data as the transaction sees it) but sent only after
the transaction commits: a workflow that rolls back sends nothing, and no mail server is waited
on while a row lock is held. Outside a transaction it is sent straight away.
"""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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
    """Send the email for `event` once the current transaction commits; subject is the
    template's first line, body the rest."""
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
    transaction.on_commit(
        partial(send_mail, subject.strip(), body.strip() + "\n", None, [to or user.email])
    )
