"""Emails of the directory, in the recipient's language, sent after the transaction commits."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

EVENTS = {"contact_request", "contact_accepted"}


def notify(user, event: str, context: dict) -> None:
    """Send the email for `event` to `user` once the current transaction commits; the subject
    is the template's first line, the body the rest."""
    assert event in EVENTS, event
    context = {"user": user, "site_url": settings.SITE_URL, **context}
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = render_to_string(f"network/email/{event}.txt", context).strip()
    subject, _, body = text.partition("\n")
    transaction.on_commit(
        partial(send_mail, subject.strip(), body.strip() + "\n", None, [user.email])
    )
