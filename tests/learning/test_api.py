import pytest

from crossborder.learning.content import load_modules
from crossborder.learning.models import Answer, Module, Question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def modules():
    load_modules()


def test_it_lists_only_the_modules_the_caller_may_open(client, client_of, participant):
    anonymous = {m["slug"] for m in client.get("/api/v1/modules").json()}
    signed_in = {m["slug"] for m in client_of(participant).get("/api/v1/modules").json()}
    assert anonymous == set(Module.objects.filter(level="public").values_list("slug", flat=True))
    assert signed_in == set(
        Module.objects.exclude(level="restricted").values_list("slug", flat=True)
    )
    restricted = Module.objects.filter(level="restricted").first().slug
    assert client_of(participant).get(f"/api/v1/modules/{restricted}").status_code == 404
    detail = client.get("/api/v1/modules/thb-law-and-2024-reform").json()
    assert len(detail["lessons"]) >= 3 and detail["sources"]


def test_it_runs_an_attempt_through_the_api(client_of, participant):
    c = client_of(participant)
    r = c.post(
        "/api/v1/attempts", {"module": "thb-law-and-2024-reform"}, content_type="application/json"
    )
    assert r.status_code == 201
    attempt = r.json()
    first = Question.objects.get(pk=attempt["questions"][0]["id"])
    if first.kind == "single":
        good = next(i for i, o in enumerate(first.data["options"]) if o["correct"])
    else:
        good = None
    url = f"/api/v1/attempts/{attempt['id']}/answers/{first.pk}"
    if good is not None:
        r = c.put(url, {"response": good}, content_type="application/json")
        assert r.status_code == 200
    # Malformed, oversize or foreign answers: a clear 4xx and nothing stored.
    before = Answer.objects.count()
    other = Question.objects.exclude(pk__in=[q["id"] for q in attempt["questions"]]).first()
    assert (
        c.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{other.pk}",
            {"response": 0},
            content_type="application/json",
        ).status_code
        == 409
    )
    short = next((q for q in attempt["questions"] if q["kind"] == "short"), None)
    if short:
        r = c.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{short['id']}",
            {"response": "x" * 501},
            content_type="application/json",
        )
        assert r.status_code == 422
    assert c.put(url, "not json", content_type="application/json").status_code in (400, 422)
    assert Answer.objects.count() == before
    r = c.post(f"/api/v1/attempts/{attempt['id']}/submit")
    assert r.status_code == 200 and r.json()["submitted_at"]


def test_it_hides_other_peoples_attempts(client_of, participant, trainer):
    r = client_of(participant).post(
        "/api/v1/attempts", {"module": "thb-law-and-2024-reform"}, content_type="application/json"
    )
    attempt = r.json()
    q = attempt["questions"][0]["id"]
    other = client_of(trainer)
    assert (
        other.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{q}",
            {"response": 0},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert other.post(f"/api/v1/attempts/{attempt['id']}/submit").status_code == 404


def test_it_shows_a_question_added_after_the_quiz_bank_was_cached(participant):
    from datetime import timedelta

    from django.utils import timezone

    from crossborder.learning import services
    from crossborder.learning.models import Attempt

    module = Module.objects.get(slug="thb-law-and-2024-reform")
    services.question_bank(module.quiz.pk)  # cached now
    new = Question.objects.create(
        module=module,
        key="added-later",
        kind="true_false",
        text="Added later?",
        data={"answer": True},
        explanation="Yes.",
        source="Test",
    )
    attempt = Attempt.objects.create(
        quiz=module.quiz,
        user=participant,
        number=1,
        question_ids=[new.pk],
        deadline=timezone.now() + timedelta(minutes=30),
    )
    assert services.attempt_questions(attempt) == [
        {"id": new.pk, "kind": "true_false", "text": "Added later?", "choices": []}
    ]


def test_it_scores_each_answer_when_saved_and_submit_adds_them_up(client_of, participant):
    from crossborder.learning import personal_data
    from crossborder.learning.grading import answer_score

    c = client_of(participant)
    attempt = c.post(
        "/api/v1/attempts", {"module": "thb-law-and-2024-reform"}, content_type="application/json"
    ).json()
    tf = [q for q in attempt["questions"] if q["kind"] in ("true_false", "single")][:3]
    assert len(tf) == 3
    for q in tf:
        url = f"/api/v1/attempts/{attempt['id']}/answers/{q['id']}"
        response = True if q["kind"] == "true_false" else 0
        reply = c.put(url, {"response": response}, content_type="application/json")
        assert reply.status_code == 200 and "score" not in reply.json()
    saved = list(Answer.objects.filter(attempt_id=attempt["id"]).select_related("question"))
    for answer in saved:
        assert answer.score == answer_score(answer.question, answer.response)
    # Before submission nobody sees the scores, not even the learner's own data export.
    exported = personal_data.export(participant)["attempts"][0]["answers"]
    assert [a["score"] for a in exported] == [None, None, None]
    # A score stored wrong (say, an answer written by an import) is put right on submit.
    wrong = saved[0]
    Answer.objects.filter(pk=wrong.pk).update(score=0.5)
    result = c.post(f"/api/v1/attempts/{attempt['id']}/submit").json()
    wrong.refresh_from_db()
    assert wrong.score == answer_score(wrong.question, wrong.response)
    assert result["score"] == round(sum(a.score for a in saved), 3)
    assert result["max_score"] == len(attempt["questions"])
    exported = personal_data.export(participant)["attempts"][0]["answers"]
    assert sorted(a["score"] for a in exported) == sorted(a.score for a in saved)
