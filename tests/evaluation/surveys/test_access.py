"""Who may do what with surveys: the decisions in crossborder/access.py, and the pages."""

import pytest
from django.contrib.auth.models import AnonymousUser

from crossborder import access
from crossborder.evaluation.models import SurveyInvitation

pytestmark = pytest.mark.django_db
ROLES = ["participant", "trainer", "manager", "funder", "admin_user"]


def test_only_programme_staff_see_non_respondents_and_only_of_named_surveys(
    request, survey, followup
):
    users = [request.getfixturevalue(name) for name in ROLES]
    assert [access.can_see_non_respondents(u, followup) for u in users] == [
        False,
        False,
        True,
        False,
        True,
    ]
    assert [access.can_see_non_respondents(u, survey) for u in users] == [False] * 5


def test_a_personal_link_answers_only_for_its_person(survey, attendees, participant):
    invitation = SurveyInvitation.objects.create(survey=survey, user=attendees[0])
    assert access.can_answer_survey(AnonymousUser(), invitation)  # the link is the credential
    assert access.can_answer_survey(attendees[0], invitation)
    assert not access.can_answer_survey(attendees[1], invitation)
    assert not access.can_answer_survey(participant, invitation)


def test_speaker_ratings_are_for_the_speaker_and_programme_staff(request, seminar, trainer):
    from crossborder.seminars.models import Speaker

    judge = Speaker.objects.get(slug=f"{seminar.slug}-judge")
    users = [request.getfixturevalue(name) for name in ROLES]
    assert [access.can_see_speaker_ratings(u, judge) for u in users] == [
        False,
        False,
        True,
        False,
        True,
    ]
    judge.user = trainer
    assert [access.can_see_speaker_ratings(u, judge) for u in users] == [
        False,
        True,
        True,
        False,
        True,
    ]
    assert not access.can_see_speaker_ratings(AnonymousUser(), judge)


@pytest.mark.parametrize(
    "role, status",
    [
        ("participant", 403),
        ("trainer", 403),
        ("funder", 403),
        ("manager", 200),
        ("admin_user", 200),
    ],
)
def test_the_builder_and_results_are_for_programme_staff(request, client_of, survey, role, status):
    c = client_of(request.getfixturevalue(role))
    for url in (
        "/manage/surveys/",
        f"/manage/seminars/{survey.seminar.slug}/surveys/",
        f"/manage/surveys/{survey.pk}/",
        f"/manage/surveys/{survey.pk}/preview/",
        f"/manage/surveys/{survey.pk}/results/",
        f"/manage/surveys/{survey.pk}/questions/new/",
    ):
        assert c.get(url).status_code == status, url
    if status == 403:
        n = survey.questions.count()
        q = survey.questions.first()
        assert c.post(f"/manage/surveys/{survey.pk}/questions/{q.pk}/delete/").status_code == 403
        assert (
            c.post(
                f"/manage/seminars/{survey.seminar.slug}/surveys/", {"kind": "followup"}
            ).status_code
            == 403
        )
        assert survey.questions.count() == n


def test_visitors_are_sent_to_sign_in(client, survey):
    for url in (
        "/surveys/",
        f"/surveys/{survey.pk}/",
        "/manage/surveys/",
        f"/manage/surveys/{survey.pk}/results/",
    ):
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"], url
