"""Answering a survey: through the personal link or signed in, and every way it is refused
with a clear message and nothing stored."""

import pytest
from django.utils import timezone

from crossborder.evaluation.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from crossborder.evaluation.surveys import services
from tests.factories import make_user

from .conftest import DURING, LAST_SESSION, full_answers, question

pytestmark = pytest.mark.django_db


def _stored():
    return (
        SurveyResponse.objects.count(),
        SurveyAnswer.objects.count(),
        SurveyInvitation.objects.filter(answered=True).count(),
    )


def _link(survey, user):
    invitation, _created = SurveyInvitation.objects.get_or_create(survey=survey, user=user)
    return f"/surveys/link/{invitation.token}/"


def test_it_stores_an_anonymous_answer_that_no_one_can_link_to_the_person(
    client, clock, survey, attendees
):
    clock.set(DURING)
    url = _link(survey, attendees[0])
    page = client.get(url).content.decode()
    assert "This survey is anonymous" in page
    assert "Act, means, purpose" in page and "Eva Lindqvist" in page
    r = client.post(url, full_answers(survey))
    assert r.status_code == 302 and r["Location"] == "/surveys/thanks/"
    response = SurveyResponse.objects.get()
    # The answers are stored; the response names nobody and carries no time.
    assert response.respondent_id is None and response.submitted_at is None
    assert response.answers.count() > 8
    assert SurveyInvitation.objects.get(user=attendees[0]).answered
    # Nothing in the answer tables refers to a person: no column points at the users table.
    for model in (SurveyResponse, SurveyAnswer):
        people = [
            f.name
            for f in model._meta.get_fields()
            if f.is_relation
            and f.related_model is not None
            and f.related_model._meta.label == "accounts.User"
        ]
        assert people in ([], ["respondent"])
    assert SurveyResponse.objects.filter(respondent__isnull=False).count() == 0
    from crossborder.audit.models import AuditEntry

    assert not AuditEntry.objects.filter(action="survey.answer").exists()


def test_answering_before_the_invitations_creates_everyones_at_once(
    client_of, clock, survey, attendees
):
    """An invitation made at the moment of answering would date the anonymous response: the
    first answer before the invitations went out creates all of them, in the people's order."""
    clock.set(DURING)
    assert not SurveyInvitation.objects.exists()
    assert (
        client_of(attendees[3]).post(f"/surveys/{survey.pk}/", full_answers(survey)).status_code
        == 302
    )
    invitations = list(SurveyInvitation.objects.order_by("pk").values_list("user_id", "answered"))
    assert [u for u, _a in invitations] == sorted(p.pk for p in attendees)
    assert [a for _u, a in invitations] == [False, False, False, True, False]


def test_it_keeps_the_name_in_a_named_survey(client_of, clock, followup, attendees):
    clock.set(followup.opens_at + timezone.timedelta(days=1))
    c = client_of(attendees[3])
    r = c.post(f"/surveys/{followup.pk}/", full_answers(followup))
    assert r.status_code == 302
    response = SurveyResponse.objects.get()
    assert response.respondent == attendees[
        3
    ] and response.submitted_at == followup.opens_at + timezone.timedelta(days=1)


def test_it_refuses_a_second_answer(client, clock, survey, attendees):
    clock.set(DURING)
    url = _link(survey, attendees[0])
    client.post(url, full_answers(survey))
    before = _stored()
    r = client.post(url, full_answers(survey))
    assert r.status_code == 409
    assert "You have already answered this survey." in r.content.decode()
    assert _stored() == before
    assert "You have already answered this survey." in client.get(url).content.decode()


def test_it_refuses_answers_before_the_survey_opens_and_after_it_closes(
    client, clock, survey, attendees
):
    url = _link(survey, attendees[0])
    clock.set(LAST_SESSION - timezone.timedelta(hours=1))
    r = client.post(url, full_answers(survey))
    assert r.status_code == 409 and "This survey opens on" in r.content.decode()
    clock.set(survey.closes_at)
    r = client.post(url, full_answers(survey))
    assert r.status_code == 409
    assert "This survey closed on" in r.content.decode()
    assert "answers are no longer accepted" in client.get(url).content.decode()
    assert _stored() == (0, 0, 0)


def test_it_refuses_a_link_with_a_tampered_token(client, clock, survey, attendees):
    clock.set(DURING)
    r = client.post("/surveys/link/not-a-real-token/", full_answers(survey))
    assert r.status_code == 404
    assert "This survey link is not valid." in r.content.decode()
    assert _stored() == (0, 0, 0)


def test_it_refuses_someone_elses_link_when_signed_in(client_of, clock, survey, attendees):
    clock.set(DURING)
    url = _link(survey, attendees[0])
    c = client_of(attendees[1])
    r = c.post(url, full_answers(survey))
    assert r.status_code == 403
    assert "This link was sent to somebody else." in r.content.decode()
    assert _stored() == (0, 0, 0)


def test_it_refuses_people_who_did_not_attend(client_of, clock, survey, participant):
    clock.set(DURING)
    r = client_of(participant).post(f"/surveys/{survey.pk}/", full_answers(survey))
    assert r.status_code == 403
    assert "for the people who attended the seminar" in r.content.decode()
    no_show = SurveyInvitation.objects.create(survey=survey, user=make_user("noshow@example.org"))
    r = client_of(no_show.user).get(f"/surveys/link/{no_show.token}/")
    assert r.status_code == 403
    assert _stored() == (0, 0, 0)


def test_a_survey_without_questions_cannot_be_answered(client, clock, survey, attendees):
    clock.set(DURING)
    survey.questions.filter(condition_question__isnull=False).delete()
    survey.questions.all().delete()
    url = _link(survey, attendees[0])
    assert "This survey has no questions yet" in client.get(url).content.decode()
    r = client.post(url, {"q1": "4"})
    assert r.status_code == 409 and _stored() == (0, 0, 0)


def test_it_asks_for_a_required_answer_and_stores_nothing(client, clock, survey, attendees):
    clock.set(DURING)
    overall = question(survey, indicator="satisfaction")
    data = full_answers(survey)
    del data[f"q{overall.pk}"]
    r = client.post(_link(survey, attendees[0]), data)
    page = r.content.decode()
    assert r.status_code == 400
    assert "Nothing was saved." in page and "Please answer this question." in page
    assert 'value="2" checked' in page  # what the person gave is kept on the page
    assert _stored() == (0, 0, 0)


@pytest.mark.parametrize(
    "tamper, message",
    [
        (
            lambda s, d: d.update({f"q{question(s, 'likert').pk}": "6"}),
            "Choose one of the answers offered.",
        ),
        (
            lambda s, d: d.update({f"q{question(s, 'single').pk}": "7"}),
            "Choose one of the answers offered.",
        ),
        (
            lambda s, d: d.update({f"q{question(s, 'single').pk}": "yes"}),
            "Choose one of the answers offered.",
        ),
        (
            lambda s, d: d.update({f"q{question(s, 'multiple').pk}": ["1", "9"]}),
            "Choose only among the choices offered.",
        ),
        (
            lambda s, d: d.update({f"q{question(s, 'session_rating').pk}-s999999": "5"}),
            "Rate only the sessions and speakers of this seminar.",
        ),
        (
            lambda s, d: d.update({next(k for k in d if "-s" in k): "0"}),
            "A rating goes from 1 to 5.",
        ),
    ],
)
def test_it_refuses_a_choice_that_is_not_offered(client, clock, survey, attendees, tamper, message):
    clock.set(DURING)
    data = full_answers(survey)
    tamper(survey, data)
    r = client.post(_link(survey, attendees[0]), data)
    assert r.status_code == 400 and message in r.content.decode()
    assert _stored() == (0, 0, 0)


def test_it_refuses_an_answer_to_a_conditional_question_that_does_not_apply(
    client, clock, survey, attendees
):
    clock.set(DURING)
    recommend = question(survey, "single", dependants__isnull=False)
    why_not = recommend.dependants.get()
    data = full_answers(survey, **{f"q{recommend.pk}": "0", f"q{why_not.pk}": "Too long."})
    r = client.post(_link(survey, attendees[0]), data)
    page = r.content.decode()
    assert r.status_code == 400
    assert "This question applies only if you answered “No” to “Would you recommend" in page
    assert _stored() == (0, 0, 0)
    # With "No" it applies, and is stored.
    data[f"q{recommend.pk}"] = "1"
    assert client.post(_link(survey, attendees[0]), data).status_code == 302
    assert SurveyAnswer.objects.filter(question=why_not, text="Too long.").exists()


def test_a_required_conditional_question_is_required_only_when_it_applies(
    client_of, clock, followup, attendees
):
    clock.set(followup.opens_at + timezone.timedelta(days=1))
    trained = question(followup, "single", dependants__isnull=False)
    colleagues = trained.dependants.get()
    c = client_of(attendees[0])
    data = full_answers(followup, **{f"q{trained.pk}": "0"})
    r = c.post(f"/surveys/{followup.pk}/", data)
    assert r.status_code == 400 and "Please answer this question." in r.content.decode()
    data[f"q{colleagues.pk}"] = "twelve"
    r = c.post(f"/surveys/{followup.pk}/", data)
    assert "Enter a whole number, 0 or more" in r.content.decode()
    data[f"q{colleagues.pk}"] = "-3"
    assert (
        "Enter a whole number, 0 or more"
        in c.post(f"/surveys/{followup.pk}/", data).content.decode()
    )
    data[f"q{colleagues.pk}"] = "1000001"
    assert "Enter a number up to" in c.post(f"/surveys/{followup.pk}/", data).content.decode()
    assert _stored() == (0, 0, 0)
    data[f"q{colleagues.pk}"] = "12"
    assert c.post(f"/surveys/{followup.pk}/", data).status_code == 302
    assert SurveyAnswer.objects.get(question=colleagues).number == 12


def test_my_surveys_lists_what_is_open_for_me_until_i_answer(client_of, clock, survey, attendees):
    clock.set(DURING)
    c = client_of(attendees[4])
    page = c.get("/surveys/").content.decode()
    assert f'href="/surveys/{survey.pk}/"' in page
    c.post(f"/surveys/{survey.pk}/", full_answers(survey))
    assert f'href="/surveys/{survey.pk}/"' not in c.get("/surveys/").content.decode()


def test_two_submissions_at_once_store_one_response(clock, survey, attendees):
    """The invitation is claimed by one conditional update: the second finds it answered."""
    clock.set(DURING)
    from crossborder.evaluation.surveys import answering

    questions = list(survey.questions.all())
    from django.http import QueryDict

    from crossborder.evaluation.surveys.answer_views import timetable

    sessions, speakers = timetable(survey)
    data = QueryDict(mutable=True)
    for k, v in full_answers(survey).items():
        data.setlist(k, v if isinstance(v, list) else [v])
    parsed = answering.parse(questions, data, sessions=sessions, speakers=speakers)
    assert parsed.valid, parsed.errors
    services.submit_response(survey=survey, user=attendees[0], parsed=parsed)
    parsed = answering.parse(questions, data, sessions=sessions, speakers=speakers)
    with pytest.raises(services.Refused):
        services.submit_response(survey=survey, user=attendees[0], parsed=parsed)
    assert SurveyResponse.objects.count() == 1
