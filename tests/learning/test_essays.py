"""Essays: a learner writes one, the attempt waits for a trainer, who grades it in the queue."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from crossborder.audit.models import AuditEntry
from crossborder.learning.content import load_modules
from crossborder.learning.models import Answer, Attempt, Module, Question
from tests.factories import make_user, right_answer_post, start_quiz

pytestmark = pytest.mark.django_db

MODULE = "labour-exploitation-and-companies"
ESSAY = (
    "Act: recruitment and transport of the workers.\n"
    "Means: deception about pay and abuse of vulnerability <b>(passports kept)</b>.\n"
    "Purpose: labour exploitation. Her consent is irrelevant once a means was used. " + "x " * 80
)


@pytest.fixture
def module(db):
    load_modules()
    return Module.objects.select_related("quiz").get(slug=MODULE)


def _essay(attempt) -> Question:
    return Question.objects.get(pk__in=attempt.question_ids, kind="essay")


def _submitted_essay(client, module, *, right=10, text=ESSAY) -> tuple[Attempt, Question]:
    """A learner answers `right` questions right and writes the essay, then submits."""
    attempt = start_quiz(client, module)
    essay = _essay(attempt)
    others = [pk for pk in attempt.question_ids if pk != essay.pk]
    questions = Question.objects.in_bulk(others)
    for pk in others[:right]:
        client.post(f"/attempts/{attempt.pk}/answers/{pk}/", right_answer_post(questions[pk]))
    r = client.post(f"/attempts/{attempt.pk}/answers/{essay.pk}/", {"response": text})
    assert r.status_code == 302
    client.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    return attempt, essay


def test_it_shows_the_essay_box_with_its_template_and_word_limits(client_of, participant, module):
    c = client_of(participant)
    about = c.get(f"/learn/{MODULE}/").content.decode()
    assert "11 questions" in about and "Including 1 essay, graded by a trainer" in about
    attempt = start_quiz(c, module)
    essay = _essay(attempt)
    assert len(attempt.question_ids) == module.quiz.draw_count + 1  # the fixed essay and 10
    page = c.get(attempt.get_absolute_url()).content.decode()
    assert f'<label for="q{essay.pk}-e">Your answer</label>' in page
    assert f'<textarea name="response" id="q{essay.pk}-e"' in page
    assert 'maxlength="10000"' in page and 'data-min-words="80"' in page
    assert "Act:\n\nMeans:" in page  # the response template, prefilled
    assert "between 80 and 400 asked" in page
    assert "crossborder/quiz.js" in page  # the live word count


def test_it_saves_an_essay_as_plain_text_and_enforces_the_limits(client_of, participant, module):
    c = client_of(participant)
    attempt = start_quiz(c, module)
    essay = _essay(attempt)
    url = f"/attempts/{attempt.pk}/answers/{essay.pk}/"
    htmx = {"HX-Request": "true"}
    # Too short: saved (a draft is never lost), with a note on what is asked.
    r = c.post(url, {"response": "Act: recruitment.\r\nMeans: deception."}, headers=htmx)
    assert r.status_code == 200
    assert "Saved at" in r.content.decode()
    assert "has 4 words; at least 80 are asked for" in r.content.decode()
    assert Answer.objects.get(attempt=attempt).response == "Act: recruitment.\nMeans: deception."
    # Too many words or characters: refused with the limit in the message; the draft stays.
    r = c.post(url, {"response": "word " * 401}, headers=htmx)
    assert r.status_code == 400 and "401 words; at most 400 are allowed" in r.content.decode()
    r = c.post(url, {"response": "a" * 10_001}, headers=htmx)
    assert r.status_code == 400 and "at most 10000 are allowed" in r.content.decode()
    assert Answer.objects.get(attempt=attempt).response == "Act: recruitment.\nMeans: deception."
    # Markup is stored as typed and shown escaped.
    c.post(url, {"response": ESSAY})
    page = c.get(attempt.get_absolute_url()).content.decode()
    assert "&lt;b&gt;(passports kept)&lt;/b&gt;" in page and "<b>(passports" not in page


def test_the_api_takes_an_essay_and_reports_it_awaiting(client_of, participant, module):
    c = client_of(participant)
    r = c.post("/api/v1/attempts", {"module": MODULE}, content_type="application/json")
    assert r.status_code == 201
    body = r.json()
    essay = next(q for q in body["questions"] if q["kind"] == "essay")
    assert essay["response_template"].startswith("Act:") and essay["max_words"] == 400
    url = f"/api/v1/attempts/{body['id']}/answers/{essay['id']}"
    r = c.put(url, {"response": ["not", "text"]}, content_type="application/json")
    assert r.status_code == 422
    r = c.put(url, {"response": "Too short."}, content_type="application/json")
    assert r.status_code == 200 and "at least 80" in r.json()["note"]
    c.put(url, {"response": ESSAY}, content_type="application/json")
    r = c.post(f"/api/v1/attempts/{body['id']}/submit")
    assert r.json()["essays_awaiting"] == 1 and r.json()["passed"] is False


def test_a_trainer_grades_an_essay_and_the_learner_sees_score_pass_and_feedback(
    client_of, client, participant, trainer, module, django_capture_on_commit_callbacks
):
    learner = client_of(participant)
    attempt, essay = _submitted_essay(learner, module, right=8)
    # Submitted: 8 of the 10 automatically graded points, the essay waiting; not yet passed.
    assert (attempt.score, attempt.essays_awaiting, attempt.passed) == (8.0, 1, False)
    page = learner.get(attempt.get_absolute_url()).content.decode()
    assert "Awaiting grading" in page
    assert "8 of 10 points graded; 1 essay awaiting a trainer" in page
    assert "This score is provisional" in page
    assert "awaiting grading" in learner.get(f"/learn/{MODULE}/").content.decode()
    assert not learner.get(f"/learn/{MODULE}/").context["progress"]["passed"]
    # The trainer finds it in the queue and grades it with the rubric.
    client.logout()
    staff = client_of(trainer)
    assert "1 submitted essay is waiting" in staff.get("/dashboard/").content.decode()
    queue = staff.get("/grading/")
    answer = Answer.objects.get(attempt=attempt, question=essay)
    assert list(queue.context["page"]) == [answer]
    assert "Ana Horvat" in queue.content.decode()
    url = f"/learn/{MODULE}/essays/{answer.pk}/"
    form = staff.get(url)
    body = form.content.decode()
    assert "Identifies the three constituent elements" in body
    assert "Information for graders" in body and "<strong>Act</strong>" in body
    assert "&lt;b&gt;(passports kept)&lt;/b&gt;" in body  # the learner's text, escaped
    assert AuditEntry.objects.filter(action="view.essay", actor=trainer).exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        r = staff.post(url, {"c0": "2", "c1": "1.5", "c2": "1", "feedback": "Good <i>work</i>."})
    assert r.status_code == 302 and r["Location"] == f"/grading/?module={MODULE}"
    assert len(callbacks) == 1 and len(mail.outbox) == 1
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.score == 0.9 and answer.rubric_scores == [2, 1.5, 1]
    assert answer.graded_by == trainer and answer.graded_at is not None
    assert (attempt.score, attempt.essays_awaiting, attempt.passed) == (8.9, 0, True)
    entry = AuditEntry.objects.get(action="essay.grade")
    assert entry.actor == trainer and entry.details["passed"] is True
    message = mail.outbox[0]
    assert message.to == ["participant@example.org"]
    assert "graded" in message.subject and "Good <i>work</i>." in message.body
    assert "You passed" in message.body
    assert list(staff.get("/grading/").context["page"]) == []
    # The learner sees the final result, the points per criterion and the feedback.
    client.logout()
    learner = client_of(participant)
    page = learner.get(attempt.get_absolute_url()).content.decode()
    assert "8.90 of 11 points (80.9 %)" in page and "Passed. Well done." in page
    assert "Feedback from the trainer" in page and "Good &lt;i&gt;work&lt;/i&gt;." in page
    assert "1.5 / 2" in page
    assert learner.get(f"/learn/{MODULE}/").context["progress"]["passed"]


def test_regrading_is_allowed_audited_and_can_change_the_result(
    client_of, client, participant, trainer, manager, module, django_capture_on_commit_callbacks
):
    attempt, _essay_q = _submitted_essay(client_of(participant), module, right=7)
    answer = Answer.objects.get(attempt=attempt, question__kind="essay")
    url = f"/learn/{MODULE}/essays/{answer.pk}/"
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client_of(trainer).post(url, {"c0": "2", "c1": "2", "c2": "1", "feedback": "Full."})
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (8.0, True)  # 8 of 11: 72.7 %
    client.logout()
    page = client_of(manager).get("/grading/?status=graded")
    assert list(page.context["page"]) == [answer]
    assert "Already graded" in client_of(manager).get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client_of(manager).post(url, {"c0": "1", "c1": "0", "c2": "0", "feedback": "Less."})
    assert r.status_code == 302
    attempt.refresh_from_db()
    answer.refresh_from_db()
    assert (answer.score, answer.graded_by, answer.feedback) == (0.2, manager, "Less.")
    assert (attempt.score, attempt.passed) == (7.2, False)
    regrade = AuditEntry.objects.get(action="essay.regrade")
    assert regrade.details["previous"] == {"score": 1.0, "by": trainer.pk}
    assert len(mail.outbox) == 2 and "Not passed yet" in mail.outbox[1].body


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"c0": "3", "c1": "1", "c2": "1"}, "less than or equal to 2"),
        ({"c0": "-1", "c1": "1", "c2": "1"}, "greater than or equal to 0"),
        ({"c0": "two", "c1": "1", "c2": "1"}, "Enter a number."),
        ({"c0": "nan", "c1": "1", "c2": "1"}, "Enter a number."),
        ({"c0": "1", "c1": "1"}, "This field is required."),
        ({"c0": "1", "c1": "1", "c2": "1", "feedback": "x" * 5001}, "at most 5000 characters"),
    ],
)
def test_it_refuses_bad_scores_and_changes_nothing(
    client_of, client, participant, trainer, module, post, message
):
    attempt, _essay_q = _submitted_essay(client_of(participant), module)
    answer = Answer.objects.get(attempt=attempt, question__kind="essay")
    client.logout()
    r = client_of(trainer).post(f"/learn/{MODULE}/essays/{answer.pk}/", post)
    assert r.status_code == 400 and message in r.content.decode()
    assert "Nothing was saved" in r.content.decode()
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.score is None and answer.graded_at is None and attempt.essays_awaiting == 1
    assert not AuditEntry.objects.filter(action__startswith="essay.").exists()
    assert mail.outbox == []


def test_one_mark_is_given_when_the_essay_has_no_rubric(
    client_of, client, participant, trainer, module, django_capture_on_commit_callbacks
):
    essay = Question.objects.get(module=module, kind="essay")
    essay.data = {**essay.data, "rubric": []}
    essay.save()
    attempt, _essay_q = _submitted_essay(client_of(participant), module)
    answer = Answer.objects.get(attempt=attempt, question=essay)
    url = f"/learn/{MODULE}/essays/{answer.pk}/"
    client.logout()
    staff = client_of(trainer)
    assert "Mark (0 to 1 point)" in staff.get(url).content.decode()
    assert staff.post(url, {"mark": "1.5"}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url, {"mark": "0.75", "feedback": "Clear."}).status_code == 302
    answer.refresh_from_db()
    assert (answer.score, answer.rubric_scores) == (0.75, [0.75])


def test_a_rolled_back_grading_sends_no_mail_and_stores_nothing(
    client_of, participant, trainer, module, django_capture_on_commit_callbacks, monkeypatch
):
    from crossborder.learning import essays

    attempt, _essay_q = _submitted_essay(client_of(participant), module)
    answer = essays.answer_for_grading(
        Answer.objects.get(attempt=attempt, question__kind="essay").pk
    )

    def broken_audit(**kwargs):
        raise RuntimeError("the audit trail is down")

    monkeypatch.setattr(essays, "record", broken_audit)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        essays.grade_essay(answer=answer, scores=[2, 2, 1], feedback="Fine.", by=trainer)
    assert callbacks == [] and mail.outbox == []
    answer.refresh_from_db()
    assert answer.score is None and answer.graded_by is None


def test_only_graders_of_the_module_may_grade(
    client_of, client, participant, trainer, funder, module
):
    attempt, _essay_q = _submitted_essay(client_of(participant), module)
    answer = Answer.objects.get(attempt=attempt, question__kind="essay")
    url = f"/learn/{MODULE}/essays/{answer.pk}/"
    post = {"c0": "2", "c1": "2", "c2": "1"}
    for person in (participant, funder):
        client.logout()
        c = client_of(person)
        assert c.get("/grading/").status_code == 403
        assert c.get(url).status_code == 403
        assert c.post(url, post).status_code == 403
    client.logout()
    assert client.get("/grading/").status_code == 302  # to sign in
    staff = client_of(trainer)
    # Another module's URL, an answer that is not an essay, an unknown answer: not found.
    assert (
        staff.post(f"/learn/thb-law-and-2024-reform/essays/{answer.pk}/", post).status_code == 404
    )
    other = Answer.objects.filter(attempt=attempt).exclude(question__kind="essay").first()
    assert staff.post(f"/learn/{MODULE}/essays/{other.pk}/", post).status_code == 404
    assert staff.get(f"/learn/{MODULE}/essays/999999/").status_code == 404
    # A restricted module's essays are not for a trainer who may not open it.
    Module.objects.filter(pk=module.pk).update(level="restricted")
    assert staff.get(url).status_code == 403
    assert staff.get("/grading/").context["page"].paginator.count == 0
    answer.refresh_from_db()
    assert answer.score is None and mail.outbox == []


def test_an_essay_of_an_open_attempt_is_not_in_the_queue_and_cannot_be_graded(
    client_of, client, participant, trainer, module
):
    c = client_of(participant)
    attempt = start_quiz(c, module)
    essay = _essay(attempt)
    c.post(f"/attempts/{attempt.pk}/answers/{essay.pk}/", {"response": ESSAY})
    answer = Answer.objects.get(attempt=attempt)
    client.logout()
    staff = client_of(trainer)
    assert staff.get("/grading/").context["page"].paginator.count == 0
    assert staff.get(f"/learn/{MODULE}/essays/{answer.pk}/").status_code == 404


def test_a_blank_essay_scores_zero_and_needs_no_trainer(client_of, participant, module):
    c = client_of(participant)
    attempt = start_quiz(c, module)
    essay = _essay(attempt)
    c.post(f"/attempts/{attempt.pk}/answers/{essay.pk}/", {"response": "   "})
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert attempt.essays_awaiting == 0 and attempt.submitted_at is not None
    assert Answer.objects.get(attempt=attempt).score == 0


def _learners_with_essays(module, start, n):
    essay = Question.objects.get(module=module, kind="essay")
    others = list(module.questions.exclude(kind="essay")[:2])
    for i in range(start, start + n):
        user = make_user(f"learner{i}@example.org", last_name=f"Learner {i:02d}")
        attempt = Attempt.objects.create(
            quiz=module.quiz,
            user=user,
            number=1,
            question_ids=[essay.pk, *(q.pk for q in others)],
            deadline=timezone.now() + timedelta(minutes=30),
            submitted_at=timezone.now() - timedelta(minutes=i),
            score=1,
            max_score=3,
            essays_awaiting=1,
        )
        Answer.objects.create(attempt=attempt, question=essay, response=ESSAY)
        for q in others:
            Answer.objects.create(attempt=attempt, question=q, response=0, score=0.5)


def test_the_queue_lists_oldest_first_filters_by_module_and_its_queries_do_not_grow(
    client_of, trainer, module, django_assert_max_num_queries
):
    staff = client_of(trainer)
    _learners_with_essays(module, 0, 3)
    with django_assert_max_num_queries(20) as captured:
        page = staff.get("/grading/")
    assert page.context["page"].paginator.count == 3
    baseline = len(captured)
    _learners_with_essays(module, 3, 6)
    with django_assert_max_num_queries(baseline):
        page = staff.get(f"/grading/?module={MODULE}")
    rows = list(page.context["page"])
    assert len(rows) == 9
    submitted = [a.attempt.submitted_at for a in rows]
    assert submitted == sorted(submitted)  # the oldest first
    assert [m.slug for m in page.context["modules"]] == [MODULE]  # the modules with essays
    assert "Learner 08" in page.content.decode()
