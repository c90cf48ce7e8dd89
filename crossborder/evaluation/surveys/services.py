"""The workflows of surveys: creating a seminar's surveys from the defaults, editing them, the
answers, and deciding who is invited or reminded when.

An answer is stored in two parts that nothing links: the person's invitation is marked
`answered` (for the response rate and the reminders), and the answers go into a response
that, in an anonymous survey, holds neither the person nor a time. No audit entry is written
for an anonymous answer: it would name the person and the moment.
"""

import secrets
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from crossborder.audit.models import record
from crossborder.enrolment.models import Application
from crossborder.evaluation.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from crossborder.seminars.models import Seminar

from . import defaults


class Refused(Exception):
    """A change or an answer that is not possible; the message says why, for the person."""


def recipients(seminar):
    """The people a seminar's surveys are for: those who attended it."""
    from crossborder.accounts.models import User

    return User.objects.filter(
        applications__call__seminar=seminar,
        applications__status=Application.Status.ATTENDED,
        is_active=True,
    )


def attended(user, seminar) -> bool:
    return Application.objects.filter(
        call__seminar=seminar, user=user, status=Application.Status.ATTENDED
    ).exists()


# --- creating and editing -----------------------------------------------------------------------


@transaction.atomic
def create_survey(*, seminar, kind: str, by) -> Survey:
    """The seminar's satisfaction or follow-up survey, from the default questions."""
    if Survey.objects.filter(seminar=seminar, kind=kind).exists():
        raise Refused(_("This seminar already has this survey."))
    dates = defaults.default_dates(seminar, kind)
    if dates is None:
        raise Refused(
            _("Add the timetable first: the satisfaction survey opens at the last session.")
        )
    template = defaults.TEMPLATES[kind]
    survey = Survey.objects.create(
        seminar=seminar,
        kind=kind,
        anonymous=template["anonymous"],
        opens_at=dates[0],
        closes_at=dates[1],
        remind_after_days=defaults.REMIND_AFTER_DAYS,
        **_languages(template["title"], "title"),
        **_languages(template["intro"], "intro"),
    )
    keys = {}
    for order, item in enumerate(template["questions"], start=1):
        condition = item.get("condition")
        question = SurveyQuestion.objects.create(
            survey=survey,
            order=order,
            kind=item["kind"],
            required=item["required"],
            indicator=item.get("indicator", ""),
            options=item.get("options", []),
            condition_question=keys[condition[0]] if condition else None,
            condition_choice=condition[1] if condition else None,
            **_languages(item["text"], "text"),
        )
        if "key" in item:
            keys[item["key"]] = question
    record(actor=by, action="survey.create", obj=survey, details={"kind": kind})
    return survey


def _languages(values: dict, name: str) -> dict:
    return {name: values["en"], f"{name}_fr": values.get("fr", ""), f"{name}_de": values["de"]}


def ensure_surveys() -> int:
    """Give every seminar about to be held, or held, its two surveys (the recurring job calls
    this, so the manager finds them ready to edit). Seminars without sessions are skipped."""
    created = 0
    seminars = Seminar.objects.filter(
        status__in=[Seminar.Status.APPLICATIONS_CLOSED, Seminar.Status.HELD],
        sessions__isnull=False,
    ).distinct()
    have = set(Survey.objects.values_list("seminar_id", "kind"))
    for seminar in seminars:
        for kind in Survey.Kind.values:
            if (seminar.pk, kind) not in have:
                try:
                    create_survey(seminar=seminar, kind=kind, by=None)
                except Refused:  # only breaks on the timetable: the manager creates it later
                    continue
                created += 1
    return created


@transaction.atomic
def save_survey(*, form, by) -> Survey:
    survey = form.save()
    record(actor=by, action="survey.edit", obj=survey, details={"fields": form.changed_data})
    return survey


@transaction.atomic
def save_question(*, form, by) -> SurveyQuestion:
    creating = form.instance.pk is None
    question = form.save(commit=False)
    if creating:
        last = question.survey.questions.aggregate(m=Max("order"))["m"] or 0
        question.order = last + 1
    question.save()
    record(
        actor=by,
        action="survey.question.add" if creating else "survey.question.edit",
        obj=question.survey,
        details={"question": question.pk, "fields": form.changed_data},
    )
    return question


@transaction.atomic
def delete_question(*, question, by) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    if survey.has_responses:
        raise Refused(
            _(
                "People have already answered this survey: deleting a question would delete "
                "their answers. Edit its wording instead, or make it optional."
            )
        )
    if question.dependants.exists():
        raise Refused(
            _(
                "Another question is shown only after this one. Change or delete that question "
                "first."
            )
        )
    if survey.is_open() and survey.questions.count() == 1:
        raise Refused(
            _(
                "The survey is open and this is its only question: a survey with no questions "
                "cannot be answered."
            )
        )
    record(
        actor=by,
        action="survey.question.delete",
        obj=survey,
        details={"question": question.pk, "text": question.text},
    )
    question.delete()


@transaction.atomic
def move_question(*, question, up: bool, by) -> None:
    """Swap a question with the one before or after it; a conditional question stays after
    the question it depends on."""
    questions = list(Survey.objects.select_for_update().get(pk=question.survey_id).questions.all())
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(questions):
        raise Refused(
            _("This question is already at the %(end)s.") % {"end": _("top") if up else _("bottom")}
        )
    first, second = sorted([index, other])
    if questions[second].condition_question_id == questions[first].pk:
        raise Refused(_("A conditional question must stay after the question it depends on."))
    questions[first], questions[second] = questions[second], questions[first]
    for order, q in enumerate(questions, start=1):
        if q.order != order:
            q.order = order
            q.save(update_fields=["order"])
    record(
        actor=by,
        action="survey.question.move",
        obj=question.survey,
        details={"question": question.pk, "direction": "up" if up else "down"},
    )


# --- answering ----------------------------------------------------------------------------------


@transaction.atomic
def submit_response(*, survey, user, parsed) -> SurveyResponse:
    """Store a person's checked answers (see answering.parse), once, while the survey is open."""
    now = timezone.now()
    if not survey.is_open(now):
        raise Refused(
            _("This survey closed on %(date)s; answers are no longer accepted.")
            % {"date": date_format(timezone.localtime(survey.closes_at))}
            if survey.has_closed(now)
            else _("This survey opens on %(date)s.")
            % {"date": date_format(timezone.localtime(survey.opens_at), "DATETIME_FORMAT")}
        )
    if not parsed.answers:
        raise Refused(_("Please answer at least one question."))
    invitation = SurveyInvitation.objects.filter(survey=survey, user=user).first()
    if invitation is None:
        # Everyone's invitation at once (in the order of the people, not of the answers): an
        # invitation created at the moment of answering would date the anonymous response.
        _add_invitations(survey)
        invitation = SurveyInvitation.objects.filter(survey=survey, user=user).first()
    if invitation is None:  # not an attendee (the views check this first)
        raise Refused(_("This survey is for the people who attended the seminar."))
    # One conditional update: of two submissions at once, only one finds it unanswered.
    claimed = SurveyInvitation.objects.filter(pk=invitation.pk, answered=False).update(
        answered=True
    )
    if not claimed:
        raise Refused(_("You have already answered this survey. Thank you!"))
    response = SurveyResponse.objects.create(
        survey=survey,
        respondent=None if survey.anonymous else user,
        submitted_at=None if survey.anonymous else now,
    )
    for answer in parsed.answers:
        answer.response = response
    SurveyAnswer.objects.bulk_create(parsed.answers)
    if not survey.anonymous:
        record(actor=user, action="survey.answer", obj=survey)
    return response


# --- invitations and reminders ------------------------------------------------------------------


def dispatch(now=None) -> dict:
    """Invite the attendees of every open survey that has questions, and remind once those who
    have not answered `remind_after_days` after their invitation. Each mail is its own
    background task, enqueued after the commit that claims it (so no one is mailed twice)."""
    from .tasks import send_survey_invitation, send_survey_reminder

    now = now or timezone.now()
    counts = {"surveys": ensure_surveys(), "invited": 0, "reminded": 0}
    surveys = (
        Survey.objects.open(now)
        .filter(questions__isnull=False)
        .distinct()
        .select_related("seminar")
    )
    for survey in surveys:
        with transaction.atomic():
            _add_invitations(survey)
            for pk in survey.invitations.filter(
                invited_at__isnull=True, answered=False
            ).values_list("pk", flat=True):
                if _claim(pk, "invited_at", now):
                    transaction.on_commit(partial(send_survey_invitation.enqueue, pk))
                    counts["invited"] += 1
            due = survey.invitations.filter(
                answered=False,
                reminded_at__isnull=True,
                invited_at__lte=now - timedelta(days=survey.remind_after_days),
            )
            for pk in due.values_list("pk", flat=True):
                if _claim(pk, "reminded_at", now):
                    transaction.on_commit(partial(send_survey_reminder.enqueue, pk))
                    counts["reminded"] += 1
    return counts


def _add_invitations(survey) -> None:
    have = set(survey.invitations.values_list("user_id", flat=True))
    new = [
        SurveyInvitation(survey=survey, user_id=pk, token=secrets.token_urlsafe(32))
        for pk in recipients(survey.seminar).order_by("pk").values_list("pk", flat=True)
        if pk not in have
    ]
    SurveyInvitation.objects.bulk_create(new, ignore_conflicts=True)


def _claim(pk: int, field: str, now) -> bool:
    """Mark one invitation's mail as sent unless another run already did."""
    return bool(
        SurveyInvitation.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: now})
    )
