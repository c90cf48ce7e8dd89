"""Invitations and reminders: which mails go out when, in which language, as background
tasks enqueued by the recurring job, after the commit."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from crossborder.evaluation.models import Survey, SurveyInvitation
from crossborder.evaluation.surveys import services
from crossborder.evaluation.surveys.tasks import dispatch_surveys

from .conftest import DURING, LAST_SESSION, full_answers

pytestmark = pytest.mark.django_db
DAY = timezone.timedelta(days=1)


def _run(django_capture_on_commit_callbacks):
    """The recurring job, as the worker runs it; the tests' task backend runs each mail task
    at once when it is enqueued after the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return dispatch_surveys.call()


def test_it_invites_the_attendees_when_the_survey_opens_in_their_language(
    clock, survey, attendees, django_capture_on_commit_callbacks
):
    clock.set(LAST_SESSION - timezone.timedelta(minutes=1))
    assert _run(django_capture_on_commit_callbacks)["invited"] == 0 and mail.outbox == []
    clock.set(LAST_SESSION + timezone.timedelta(minutes=1))
    counts = _run(django_capture_on_commit_callbacks)
    assert counts["invited"] == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in attendees)
    by_person = {m.to[0]: m for m in mail.outbox}
    english, french, german = (by_person[attendees[i].email] for i in (0, 1, 2))
    assert (
        english.subject
        == "How was “Investigating trafficking across borders”? Your feedback, please"
    )
    # French: the seminar's French title and French text; German: German text (no German title).
    assert french.subject.startswith("Comment s’est passé « Enquêter sur la traite")
    assert "Votre lien personnel" in french.body
    assert "Ihr persönlicher Link" in german.body
    link = re.search(r"http://\S+/surveys/link/(\S+)/", english.body).group(1)
    assert SurveyInvitation.objects.get(token=link).user == attendees[0]
    # The no-show is not invited; a second run sends nothing more.
    mail.outbox.clear()
    assert _run(django_capture_on_commit_callbacks)["invited"] == 0 and mail.outbox == []


def test_it_reminds_once_those_who_have_not_answered(
    client, clock, survey, attendees, django_capture_on_commit_callbacks
):
    clock.set(LAST_SESSION + timezone.timedelta(minutes=1))
    _run(django_capture_on_commit_callbacks)
    token = SurveyInvitation.objects.get(user=attendees[0]).token
    clock.set(DURING)
    assert client.post(f"/surveys/link/{token}/", full_answers(survey)).status_code == 302
    mail.outbox.clear()
    clock.set(LAST_SESSION + 4 * DAY)
    assert _run(django_capture_on_commit_callbacks)["reminded"] == 0
    clock.set(LAST_SESSION + 5 * DAY + timezone.timedelta(minutes=2))
    assert _run(django_capture_on_commit_callbacks)["reminded"] == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in attendees[1:])
    assert all(
        "Reminder" in m.subject or "Rappel" in m.subject or "Erinnerung" in m.subject
        for m in mail.outbox
    )
    mail.outbox.clear()
    clock.set(LAST_SESSION + 9 * DAY)
    assert _run(django_capture_on_commit_callbacks)["reminded"] == 0 and mail.outbox == []
    # After the close: no invitation, no reminder, even for someone new.
    clock.set(survey.closes_at + DAY)
    counts = _run(django_capture_on_commit_callbacks)
    assert (counts["invited"], counts["reminded"]) == (0, 0) and mail.outbox == []


def test_the_follow_up_is_sent_six_months_after_the_seminar(
    clock, seminar, attendees, manager, django_capture_on_commit_callbacks
):
    clock.set(LAST_SESSION - 30 * DAY)
    seminar.status = "applications_closed"
    seminar.save(update_fields=["status"])
    # The recurring job gives the seminar its two surveys, ready to edit; nothing is sent yet.
    assert _run(django_capture_on_commit_callbacks)["surveys"] == 2
    followup = Survey.objects.get(kind="followup")
    assert (
        timezone.localtime(followup.opens_at, seminar.tz).isoformat() == "2027-09-17T09:00:00+02:00"
    )
    assert mail.outbox == []
    clock.set(followup.opens_at - timezone.timedelta(minutes=1))
    mail.outbox.clear()
    _run(django_capture_on_commit_callbacks)
    assert [m for m in mail.outbox if "Six months" in m.subject] == []
    clock.set(followup.opens_at + timezone.timedelta(minutes=1))
    _run(django_capture_on_commit_callbacks)
    six = [
        m
        for m in mail.outbox
        if "Six months after" in m.subject
        or "Six mois après" in m.subject
        or "Sechs Monate nach" in m.subject
    ]
    assert len(six) == 5
    assert "Your answers are kept with your name" in next(
        m.body for m in six if m.to[0] == attendees[0].email
    )


def test_a_survey_without_questions_sends_no_invitation(
    clock, survey, attendees, django_capture_on_commit_callbacks
):
    survey.questions.filter(condition_question__isnull=False).delete()
    survey.questions.all().delete()
    clock.set(DURING)
    assert _run(django_capture_on_commit_callbacks)["invited"] == 0
    assert mail.outbox == [] and not SurveyInvitation.objects.exists()


def test_no_mail_leaves_before_the_commit(
    clock, survey, attendees, django_capture_on_commit_callbacks
):
    clock.set(DURING)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.dispatch()
    assert mail.outbox == [] and len(callbacks) == 5
    assert SurveyInvitation.objects.filter(invited_at__isnull=False).count() == 5


def test_the_scheduler_knows_the_survey_job():
    from crossborder.scheduling.recurring import RECURRING

    assert "crossborder.evaluation.surveys.tasks.dispatch_surveys" in [r.task for r in RECURRING]
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "dispatch_surveys" in out.getvalue()
