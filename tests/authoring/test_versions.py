"""An attempt keeps the version of each question it was drawn with: editing a question never
changes a submitted attempt's questions, answers or score, nor grades an open one differently."""

import pytest
from django.core.cache import cache

from crossborder.learning.models import Answer, Attempt, Question
from tests.factories import start_quiz

from .helpers import make_module

pytestmark = pytest.mark.django_db


def _answer(c, attempt, question, value):
    r = c.post(
        f"/attempts/{attempt.pk}/answers/{question.pk}/",
        {"response": value},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200, r.content
    return r


def _correct_key(question, *, text=None, right=0):
    """A trainer's correction: another option is right (and maybe new wording)."""
    options = question.data["options"]
    question.data = {"options": [{**o, "correct": i == right} for i, o in enumerate(options)][:2]}
    if text:
        question.text = text
    question.save()


def test_every_question_has_a_version_and_the_attempt_records_it(client_of, participant):
    module = make_module()
    attempt = start_quiz(client_of(participant), module)
    versions = {
        str(q.pk): q.history.latest("history_id").history_id for q in module.questions.all()
    }
    assert attempt.question_versions == versions
    assert len(versions) == 2


def test_an_edit_after_submission_changes_nothing_in_the_submitted_attempt(client_of, participant):
    module = make_module()
    question = module.questions.get(key="duration")
    c = client_of(participant)
    attempt = start_quiz(c, module)
    _answer(c, attempt, question, "1")  # "Two years": right
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score) == (1.0, 2.0)
    before = c.get(attempt.get_absolute_url()).content.decode()
    assert "How long may a JIT agreement first run?" in before

    _correct_key(question, text="For how long is a JIT agreement first signed?", right=0)

    after = c.get(attempt.get_absolute_url()).content.decode()
    assert "How long may a JIT agreement first run?" in after
    assert "For how long is a JIT agreement first signed?" not in after
    assert "Ten years" in after  # the third option of the version answered is still shown
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.passed) == (1.0, 2.0, True)
    answer = Answer.objects.get(attempt=attempt, question=question)
    assert (answer.response, answer.score) == (1, 1.0)


def test_an_attempt_started_before_an_edit_is_graded_with_its_version(client_of, participant):
    module = make_module()
    question = module.questions.get(key="duration")
    c = client_of(participant)
    attempt = start_quiz(c, module)
    # The correction lands while the learner is answering: the third option no longer exists
    # and the second is no longer right, but the learner answers the version they were shown.
    _correct_key(question, text="Corrected wording", right=0)
    page = c.get(attempt.get_absolute_url()).content.decode()
    assert "How long may a JIT agreement first run?" in page and "Corrected wording" not in page
    _answer(c, attempt, question, "2")  # accepted: the version drawn has three options
    _answer(c, attempt, question, "1")
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert attempt.score == 1.0
    # A new attempt draws the corrected version.
    module.quiz.attempts_allowed = 5
    module.quiz.save()
    second = start_quiz(c, module)
    assert second.pk != attempt.pk
    assert second.question_versions[str(question.pk)] > attempt.question_versions[str(question.pk)]
    assert "Corrected wording" in c.get(second.get_absolute_url()).content.decode()


def test_saving_an_answer_costs_no_extra_query_when_the_question_changed(
    client_of, participant, django_assert_max_num_queries
):
    module = make_module()
    question = module.questions.get(key="duration")
    c = client_of(participant)
    attempt = start_quiz(c, module)
    _answer(c, attempt, question, "0")  # the bank is cached now
    with django_assert_max_num_queries(20) as captured:
        _answer(c, attempt, question, "1")
    baseline = len(captured)
    _correct_key(question, right=0)
    _answer(c, attempt, question, "2")  # reads (and caches) the version the attempt holds
    with django_assert_max_num_queries(baseline):
        _answer(c, attempt, question, "1")
    assert Answer.objects.get(attempt=attempt, question=question).response == 1


def test_a_restore_or_edit_drops_the_cached_bank(client_of, participant):
    module = make_module()
    from crossborder.learning.services import question_bank

    bank = question_bank(module.quiz.pk)
    question = module.questions.get(key="numeric")
    assert bank["questions"][question.pk]["data"]["answer"] == 30
    question.data = {"answer": 31, "tolerance": 0}
    question.save()
    assert question_bank(module.quiz.pk)["questions"][question.pk]["data"]["answer"] == 31
    cache.clear()


def test_the_api_saves_answers_against_the_attempts_version(client_of, participant):
    module = make_module()
    question = module.questions.get(key="duration")
    c = client_of(participant)
    attempt = start_quiz(c, module)
    _correct_key(question, right=0)
    r = c.put(
        f"/api/v1/attempts/{attempt.pk}/answers/{question.pk}",
        {"response": 2},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    r = c.post(f"/api/v1/attempts/{attempt.pk}/submit")
    assert r.status_code == 200
    assert Attempt.objects.get(pk=attempt.pk).score == 0.0  # "Ten years" was wrong then
    assert Question.objects.get(pk=question.pk).data["options"][0]["correct"] is True


def test_an_essay_is_graded_with_the_rubric_of_the_version_answered(
    client_of, participant, trainer
):
    rubric = [{"criterion": "Names the three elements", "points": 2}]
    module = make_module(
        questions=[
            (
                "essay",
                "essay",
                "Explain the act, means and purpose in this case.",
                {"rubric": rubric, "grader_info": "", "response_template": ""},
            )
        ]
    )
    question = module.questions.get()
    c = client_of(participant)
    attempt = start_quiz(c, module)
    _answer(c, attempt, question, "Recruitment, deception, labour exploitation.")
    c.post(f"/attempts/{attempt.pk}/submit/")
    question.data = {
        "rubric": [*rubric, {"criterion": "Cites the Directive", "points": 3}],
        "grader_info": "",
        "response_template": "",
    }
    question.text = "A new essay prompt"
    question.save()
    answer = Answer.objects.get(attempt=attempt, question=question)
    t = client_of(trainer)
    url = f"/learn/{module.slug}/essays/{answer.pk}/"
    page = t.get(url).content.decode()
    assert "Names the three elements" in page and "Cites the Directive" not in page
    assert "Explain the act, means and purpose" in page and "A new essay prompt" not in page
    r = t.post(url, {"c0": "2", "feedback": "Good."})
    assert r.status_code == 302, r.content.decode()[:2000]
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.score == 1.0 and attempt.score == 1.0 and attempt.passed
