"""The survey builder: surveys from the defaults, questions added, edited, reordered and
deleted until the first answer, and the changes refused after it."""

import pytest
from django.utils import timezone

from crossborder.audit.models import AuditEntry
from crossborder.evaluation.models import Survey, SurveyQuestion
from crossborder.evaluation.surveys import services

from .conftest import DURING, LAST_SESSION, full_answers, question

pytestmark = pytest.mark.django_db


def test_it_creates_both_surveys_from_the_defaults_with_their_dates(client_of, manager, seminar):
    c = client_of(manager)
    page = c.get(f"/manage/seminars/{seminar.slug}/surveys/").content.decode()
    assert "Create: Satisfaction survey" in page and "Create: Follow-up survey" in page
    r = c.post(f"/manage/seminars/{seminar.slug}/surveys/", {"kind": "satisfaction"})
    survey = Survey.objects.get(kind="satisfaction")
    assert r["Location"] == f"/manage/surveys/{survey.pk}/"
    assert survey.anonymous
    assert survey.opens_at == LAST_SESSION  # the start of the last session
    assert survey.closes_at - survey.opens_at == timezone.timedelta(days=14)
    kinds = list(survey.questions.values_list("kind", flat=True))
    for kind in ("likert", "single", "multiple", "session_rating", "speaker_rating", "text"):
        assert kind in kinds
    assert survey.questions.filter(condition_question__isnull=False).count() == 1
    assert survey.questions.get(indicator="satisfaction").text_de.startswith("Insgesamt")
    c.post(f"/manage/seminars/{seminar.slug}/surveys/", {"kind": "followup"})
    followup = Survey.objects.get(kind="followup")
    assert not followup.anonymous
    assert timezone.localtime(followup.opens_at, seminar.tz).date().isoformat() == "2027-09-17"
    indicators = set(followup.questions.values_list("indicator", flat=True))
    assert {"contacts", "jit", "referrals", "financial", "colleagues"} <= indicators
    # Twice, or a kind that does not exist: refused, nothing added.
    r = c.post(f"/manage/seminars/{seminar.slug}/surveys/", {"kind": "followup"}, follow=True)
    assert "This seminar already has this survey." in r.content.decode()
    r = c.post(f"/manage/seminars/{seminar.slug}/surveys/", {"kind": "exam"}, follow=True)
    assert "Choose the satisfaction or the follow-up survey." in r.content.decode()
    assert Survey.objects.count() == 2
    assert AuditEntry.objects.filter(action="survey.create").count() == 2


def test_a_seminar_without_a_timetable_gets_no_satisfaction_survey(client_of, manager):
    from tests.factories import make_seminar

    empty = make_seminar("empty", sessions=False)
    r = client_of(manager).post(
        f"/manage/seminars/{empty.slug}/surveys/", {"kind": "satisfaction"}, follow=True
    )
    assert "Add the timetable first" in r.content.decode()
    assert not Survey.objects.exists()


def _question_post(**fields):
    data = {
        "kind": "single",
        "text": "Did you use the interpretation?",
        "text_fr": "",
        "text_de": "",
        "options_en": "Yes\nNo",
        "options_fr": "",
        "options_de": "",
        "indicator": "",
        "condition": "",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not False}


def test_it_adds_edits_reorders_and_deletes_questions_before_any_answer(client_of, manager, survey):
    c = client_of(manager)
    base = f"/manage/surveys/{survey.pk}"
    n = survey.questions.count()
    r = c.post(f"{base}/questions/new/", _question_post(options_fr="Oui\nNon", required="on"))
    assert r.status_code == 302
    new = survey.questions.order_by("-order").first()
    assert new.order == n + 1 and new.required
    assert new.options == [
        {"en": "Yes", "fr": "Oui", "de": ""},
        {"en": "No", "fr": "Non", "de": ""},
    ]
    # Edit: becomes a multiple choice with three choices, conditional on the recommendation.
    recommend = question(survey, "single", dependants__isnull=False)
    r = c.post(
        f"{base}/questions/{new.pk}/",
        _question_post(
            kind="multiple", options_en="Plenary\nWorkshops\nNone", condition=f"{recommend.pk}:2"
        ),
    )
    assert r.status_code == 302
    new.refresh_from_db()
    assert new.kind == "multiple" and len(new.options) == 3
    assert (new.condition_question, new.condition_choice) == (recommend, 2)
    # Move up once: it swaps with the question before it.
    before = list(survey.questions.values_list("pk", flat=True))
    c.post(f"{base}/questions/{new.pk}/move/", {"direction": "up"})
    after = list(survey.questions.values_list("pk", flat=True))
    assert after == [*before[:-2], before[-1], before[-2]]
    # Delete.
    r = c.post(f"{base}/questions/{new.pk}/delete/", follow=True)
    assert "Question deleted." in r.content.decode()
    assert survey.questions.count() == n
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "survey.question.add",
        "survey.question.edit",
        "survey.question.move",
        "survey.question.delete",
    } <= actions


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"options_en": "Only one"}, "Give at least two choices, one a line."),
        ({"options_en": "Yes\nYes"}, "Each choice must be different."),
        ({"options_fr": "Oui"}, "Give as many choices as in English (2)"),
        (
            {"kind": "text", "options_en": "A\nB"},
            "Only single and multiple choice questions have choices.",
        ),
        (
            {"kind": "text", "options_en": "", "indicator": "contacts"},
            "is counted from a question of type Number",
        ),
        ({"text": ""}, "This field is required."),
        ({"kind": "essay"}, "Select a valid choice."),
        ({"condition": "999999:1"}, "Select a valid choice."),
    ],
)
def test_it_refuses_a_question_that_does_not_make_sense(
    client_of, manager, survey, fields, message
):
    n = survey.questions.count()
    r = client_of(manager).post(
        f"/manage/surveys/{survey.pk}/questions/new/", _question_post(**fields)
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert survey.questions.count() == n


def test_a_condition_must_point_to_an_earlier_question(client_of, manager, survey):
    first = survey.questions.first()
    later = question(survey, "single", dependants__isnull=False)
    r = client_of(manager).post(
        f"/manage/surveys/{survey.pk}/questions/{first.pk}/",
        _question_post(kind="likert", options_en="", text=first.text, condition=f"{later.pk}:0"),
    )
    assert r.status_code == 400 and "Select a valid choice." in r.content.decode()
    # And a conditional question cannot move above the question it depends on.
    dependant = later.dependants.get()
    SurveyQuestion.objects.filter(pk=dependant.pk).update(order=later.order + 1)
    r = client_of(manager).post(
        f"/manage/surveys/{survey.pk}/questions/{dependant.pk}/move/",
        {"direction": "up"},
        follow=True,
    )
    assert "must stay after the question it depends on" in r.content.decode()


def test_after_the_first_answer_it_refuses_changes_that_break_answers(
    client, client_of, manager, clock, survey, attendees
):
    clock.set(DURING)
    from crossborder.evaluation.models import SurveyInvitation

    token = SurveyInvitation.objects.create(survey=survey, user=attendees[0]).token
    assert client.post(f"/surveys/link/{token}/", full_answers(survey)).status_code == 302
    c = client_of(manager)
    base = f"/manage/surveys/{survey.pk}"
    page = c.get(f"{base}/").content.decode()
    assert "People have already answered this survey." in page
    single = question(survey, "multiple")
    labels = "\n".join(o["en"] for o in single.options)
    # Deleting: refused with the reason.
    r = c.post(f"{base}/questions/{single.pk}/delete/", follow=True)
    assert "deleting a question would delete their answers" in r.content.decode()
    # Changing the type, the number of choices, requiring it: refused.
    for fields, reason in [
        ({"kind": "single", "options_en": labels}, "changing the type"),
        (
            {"kind": "multiple", "options_en": labels + "\nStudy visits"},
            "changing the number of choices",
        ),
        ({"kind": "multiple", "options_en": labels, "required": "on"}, "making it required"),
    ]:
        r = c.post(f"{base}/questions/{single.pk}/", _question_post(text=single.text, **fields))
        assert r.status_code == 400 and reason in r.content.decode(), reason
    # Anonymity cannot change either.
    form = {
        "title": survey.title,
        "opens_at": "2027-03-17T09:30",
        "closes_at": "2027-03-31T09:30",
        "remind_after_days": "5",
    }
    r = c.post(f"{base}/", form)
    assert r.status_code == 400 and "changing whether it is anonymous" in r.content.decode()
    survey.refresh_from_db()
    assert survey.anonymous
    # Correcting the wording is fine, and a new optional question too.
    r = c.post(
        f"{base}/questions/{single.pk}/",
        _question_post(
            kind="multiple", text="Which formats helped you learn the most?", options_en=labels
        ),
    )
    assert r.status_code == 302
    assert c.post(f"{base}/questions/new/", _question_post(required="on")).status_code == 400
    assert c.post(f"{base}/questions/new/", _question_post()).status_code == 302


def test_the_settings_refuse_impossible_dates_and_opening_without_questions(
    client_of, manager, clock, survey
):
    clock.set(DURING)
    c = client_of(manager)
    form = {
        "title": "How was the seminar?",
        "opens_at": "2027-03-20T10:00",
        "closes_at": "2027-03-19T10:00",
        "remind_after_days": "0",
        "anonymous": "on",
    }
    r = c.post(f"/manage/surveys/{survey.pk}/", form)
    page = r.content.decode()
    assert r.status_code == 400
    assert "The survey must close after it opens." in page and "Remind after 1 to 60 days." in page
    survey.questions.filter(condition_question__isnull=False).delete()
    survey.questions.all().delete()
    form.update(closes_at="2027-04-20T10:00", remind_after_days="5", opens_at="2027-03-18T10:00")
    r = c.post(f"/manage/surveys/{survey.pk}/", form)
    assert "A survey with no questions cannot be opened." in r.content.decode()
    form["opens_at"] = "2027-03-25T10:00"  # later: allowed, there is time to add questions
    assert c.post(f"/manage/surveys/{survey.pk}/", form).status_code == 302
    survey.refresh_from_db()
    assert timezone.localtime(survey.opens_at, survey.seminar.tz).hour == 10  # seminar's zone


def test_the_last_question_of_an_open_survey_cannot_be_deleted(client_of, manager, clock, survey):
    clock.set(DURING)
    survey.questions.filter(condition_question__isnull=False).delete()
    for q in list(survey.questions.all())[1:]:
        q.delete()
    last = survey.questions.get()
    with pytest.raises(services.Refused, match="its only question"):
        services.delete_question(question=last, by=manager)


def test_the_preview_shows_the_form_without_a_send_button(client_of, manager, survey):
    page = client_of(manager).get(f"/manage/surveys/{survey.pk}/preview/").content.decode()
    assert "Preview: this is the survey as the attendees see it." in page
    assert "Send my answers" not in page and "Following the money" in page
