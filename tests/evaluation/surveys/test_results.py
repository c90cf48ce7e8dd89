"""The results page and the functions other parts call: figures checked by hand, weak
sessions first, the non-respondents of named surveys only, and query counts that do not grow
with the number of answers."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossborder.evaluation.models import SurveyInvitation
from crossborder.evaluation.surveys import analysis
from tests.factories import make_applicant

from .conftest import DURING, full_answers, question

pytestmark = pytest.mark.django_db


def _answer(client, survey, user, **overrides):
    client = Client()  # the personal link, signed out
    token = SurveyInvitation.objects.get_or_create(survey=survey, user=user)[0].token
    r = client.post(f"/surveys/link/{token}/", full_answers(survey, **overrides))
    assert r.status_code == 302, r.content.decode()[:3000]


@pytest.fixture
def answered(client, clock, survey, attendees):
    """Three of five attendees answer; overall satisfaction 5, 4 and 2."""
    clock.set(DURING)
    overall = question(survey, indicator="satisfaction")
    first = survey.seminar.sessions.exclude(kind="break").order_by("start", "track")[0]
    for user, score, rating in zip(attendees[:3], ["5", "4", "2"], ["5", "4", "1"], strict=True):
        _answer(
            client,
            survey,
            user,
            **{
                f"q{overall.pk}": score,
                f"q{question(survey, 'session_rating').pk}-s{first.pk}": rating,
            },
        )
    return survey


def test_the_results_agree_with_a_hand_count(client_of, manager, answered):
    data = analysis.survey_results(answered)
    overall = next(r for r in data["questions"] if r.question.indicator == "satisfaction")
    assert overall.respondents == 3
    assert overall.counts == {5: 1, 4: 1, 2: 1}
    assert overall.mean == pytest.approx(11 / 3)
    # Sessions: the first rated 5, 4, 1 (mean 3.33, weak); the second 2, 2, 2 (mean 2, weaker).
    sessions = data["sessions"]
    assert [(s.n, round(s.mean, 2)) for s in sessions] == [(3, 2.0), (3, 3.33)]
    assert all(s.weak for s in sessions)
    assert sessions[1].distribution()[0] == (1, 1, pytest.approx(1 / 3))
    formats = next(r for r in data["questions"] if r.question.kind == "multiple")
    assert formats.counts == {0: 3, 2: 3}
    texts = next(
        r for r in data["questions"] if r.question.kind == "text" and not r.question.is_conditional
    )
    assert texts.texts == ["The case study on evidence was the most useful part."] * 3
    page = client_of(manager).get(f"/manage/surveys/{answered.pk}/results/").content.decode()
    assert "60 %" in page and "answered, of 5 people who attended" in page
    assert "This survey is anonymous: who has not answered is not shown." in page
    assert "2.00" in page and "3.33" in page and "weak" in page


def test_satisfaction_summary_for_the_dashboard(answered, seminar):
    summary = analysis.satisfaction_summary([seminar.pk])
    assert summary["overall"] == {
        "mean": 3.67,
        "n": 3,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1},
    }
    assert (summary["recipients"], summary["responses"]) == (5, 3)
    assert summary["response_rate"] == pytest.approx(0.6)
    assert [s["mean"] for s in summary["sessions"]] == [2.0, 3.33]
    assert summary["sessions"][0]["seminar"] == seminar.title
    assert {s["label"] for s in summary["speakers"]} == set()  # nobody rated a speaker
    assert analysis.satisfaction_summary([])["overall"]["n"] == 0


def test_followup_outcomes_agree_with_a_hand_count(
    client_of, clock, followup, attendees, manager, client
):
    clock.set(followup.opens_at + timezone.timedelta(days=2))
    q = {
        k: question(followup, indicator=k)
        for k in ("contacts", "jit", "referrals", "financial", "colleagues")
    }
    trained = q["colleagues"].condition_question
    answers = [
        {
            "contacts": "3",
            "jit": "0",
            "referrals": "1",
            "financial": "0",
            "trained": "0",
            "colleagues": "12",
        },
        {
            "contacts": "0",
            "jit": "1",
            "referrals": "0",
            "financial": "2",
            "trained": "0",
            "colleagues": "5",
        },
        {"contacts": "1", "jit": "2", "referrals": "0", "financial": "0", "trained": "1"},
    ]
    for user, given in zip(attendees, answers, strict=False):
        fields = {f"q{q[k].pk}": v for k, v in given.items() if k in q}
        fields[f"q{trained.pk}"] = given["trained"]
        _answer(client, followup, user, **fields)
    result = analysis.followup_outcomes([followup.seminar_id])
    assert (result["responses"], result["recipients"]) == (3, 5)
    o = result["outcomes"]
    assert (o["contacts"]["reporting"], o["contacts"]["total"]) == (2, 4)
    assert (o["jit"]["reporting"], o["jit"]["total"]) == (2, None)
    assert o["jit"]["share"] == pytest.approx(2 / 3)
    assert (o["referrals"]["reporting"], o["referrals"]["total"]) == (1, 1)
    assert (o["financial"]["reporting"], o["financial"]["total"]) == (1, 2)
    assert (o["colleagues"]["reporting"], o["colleagues"]["total"]) == (2, 17)
    # The named survey's page lists who has not answered, and records that list as viewed.
    page = client_of(manager).get(f"/manage/surveys/{followup.pk}/results/").content.decode()
    assert "2 people have not answered" in page
    assert attendees[3].email in page and attendees[4].email in page
    assert attendees[0].email not in page
    assert "Colleagues trained" in page and "17" in page
    from crossborder.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="view.survey_non_respondents").exists()


def test_running_surveys_and_open_surveys_for_a_person(client, answered, attendees, participant):
    running = analysis.running_surveys()
    assert [(r["survey"], r["answered"], r["recipients"]) for r in running] == [(answered, 3, 5)]
    assert running[0]["response_rate"] == pytest.approx(0.6)
    assert analysis.open_surveys_for(attendees[3]) == [answered]
    assert analysis.open_surveys_for(attendees[0]) == []  # answered
    assert analysis.open_surveys_for(participant) == []  # did not attend
    assert analysis.non_respondents(answered) == []  # anonymous: never a list


def test_a_trainer_sees_the_ratings_of_their_sessions(client_of, answered, trainer, participant):
    from crossborder.seminars.models import Speaker

    judge = Speaker.objects.get(slug=f"{answered.seminar.slug}-judge")
    assert client_of(trainer).get("/surveys/my-ratings/").status_code == 403
    judge.user = trainer
    judge.save(update_fields=["user"])
    ratings = analysis.ratings_for_speaker(judge)
    assert [(r.label, r.n) for r in ratings["sessions"]][:1] == [("Act, means, purpose", 3)]
    page = client_of(trainer).get("/surveys/my-ratings/").content.decode()
    assert "Act, means, purpose" in page and "3.33" in page
    assert client_of(participant).get("/surveys/my-ratings/").status_code == 403


def _queries(client, url):
    """Queries of one GET, after a first one (sign-in checks of a new session are done once)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_the_results_page_needs_the_same_queries_however_many_answers(
    client, client_of, manager, clock, followup, attendees
):
    clock.set(followup.opens_at + timezone.timedelta(days=2))
    c = client_of(manager)
    url = f"/manage/surveys/{followup.pk}/results/"
    _answer(client, followup, attendees[0])
    few = _queries(c, url)
    call = attendees[0].applications.get().call
    for i in range(20, 32):
        user = make_applicant(call, i, status="attended").user
        _answer(client, followup, user)
    c = client_of(manager)
    assert _queries(c, url) == few
    assert few <= 20


def test_the_survey_lists_need_the_same_queries_however_many_surveys(
    client_of, manager, survey, followup
):
    c = client_of(manager)
    list_queries = _queries(c, "/manage/surveys/")
    seminar_queries = _queries(c, f"/manage/seminars/{survey.seminar.slug}/surveys/")
    from crossborder.evaluation.surveys import services
    from tests.factories import make_seminar

    for n in range(3):
        other = make_seminar(f"other-{n}", status="held")
        services.create_survey(seminar=other, kind="satisfaction", by=manager)
    assert _queries(c, "/manage/surveys/") == list_queries
    assert _queries(c, f"/manage/seminars/{survey.seminar.slug}/surveys/") == seminar_queries


def test_speaker_ratings_are_stored_per_speaker_and_summed_up(clock, survey, attendees, seminar):
    from crossborder.seminars.models import Speaker

    clock.set(DURING)
    rating = question(survey, "speaker_rating")
    judge = Speaker.objects.get(slug=f"{seminar.slug}-judge")
    analyst = Speaker.objects.get(slug=f"{seminar.slug}-fiu")
    for user, (j, a) in zip(attendees, [("5", "3"), ("4", ""), ("5", "2")], strict=False):
        _answer(
            None,
            survey,
            user,
            **{f"q{rating.pk}-p{judge.pk}": j, f"q{rating.pk}-p{analyst.pk}": a},
        )
    speakers = analysis.satisfaction_summary([seminar.pk])["speakers"]
    assert [(s["label"], s["n"], s["mean"]) for s in speakers] == [
        ("Tomas Novak", 2, 2.5),
        ("Eva Lindqvist", 3, 4.67),
    ]
    own = analysis.ratings_for_speaker(judge)["speaker"]
    assert [(r.seminar, r.n) for r in own] == [(seminar.title, 3)]


def test_the_answer_page_needs_the_same_queries_however_long_the_timetable(
    client_of, clock, survey, attendees, seminar
):
    from crossborder.seminars.models import Session

    clock.set(DURING)
    c = client_of(attendees[0])
    url = f"/surveys/{survey.pk}/"
    before = _queries(c, url)
    first = seminar.sessions.exclude(kind="break").first()
    for n in range(6):
        extra = Session.objects.create(
            seminar=seminar,
            title=f"Extra workshop {n}",
            kind="workshop",
            start=first.start,
            end=first.end,
            room=f"Room {n}",
        )
        extra.speakers.set(first.speakers.all())
    assert _queries(c, url) == before
    assert before <= 12


def test_the_seminar_evaluation_shows_the_satisfaction_and_the_api_gives_it(
    client_of, manager, answered, seminar
):
    page = client_of(manager).get(f"/manage/seminars/{seminar.slug}/evaluation/").content.decode()
    assert "3.7" in page and "3 / 5" in page and "60 %" in page  # mean, answered, rate
    assert "The sessions rated lowest" in page
    assert f"/manage/surveys/{answered.pk}/results/" in page
    assert "No follow-up survey of this seminar has answers yet" in page
    body = client_of(manager).get(f"/api/v1/seminars/{seminar.slug}/evaluation").json()
    assert body["satisfaction"]["overall"]["mean"] == 3.67
    assert body["satisfaction"]["responses"] == 3
    assert [s["mean"] for s in body["satisfaction"]["sessions"]] == [2.0, 3.33]
    assert body["follow_up"] is None


def test_the_indicator_set_carries_the_satisfaction_for_staff_and_withholds_it_for_the_funder(
    client_of, manager, funder, answered, seminar
):
    staff = client_of(manager).get("/api/v1/reports/indicators").json()
    section = next(s for s in staff["sections"] if s["key"] == "satisfaction")
    stats = {s["key"]: s["value"] for s in section["stats"]}
    assert stats["satisfaction"] == 3.67 and stats["responses"] == 3
    funders = client_of(funder).get("/api/v1/reports/indicators").json()
    section = next(s for s in funders["sections"] if s["key"] == "satisfaction")
    stats = {s["key"]: s["value"] for s in section["stats"]}
    assert stats["responses"] == "< 5" and stats["satisfaction"] is None  # 3 people
