"""Taking a module: lessons, an attempt saved answer by answer, server-side grading."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossborder.accounts.models import Vetting
from crossborder.learning.content import load_modules
from crossborder.learning.grading import BadResponse, clean_response, grade
from crossborder.learning.models import Answer, Attempt, LessonView, Module, Question
from tests.factories import right_answer_post, start_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def modules():
    load_modules()
    return Module.objects.all()


def _q(kind, **data):
    return Question(kind=kind, data=data)


def test_it_grades_each_type_with_stated_partial_credit():
    options = [{"correct": True}, {"correct": True}, {"correct": False}]
    assert grade(_q("single", options=options), 0) == 1
    assert grade(_q("single", options=options), 2) == 0
    assert grade(_q("multiple", options=options), [0, 1]) == 1
    assert grade(_q("multiple", options=options), [0]) == 0.5
    assert grade(_q("multiple", options=options), [0, 2]) == 0
    assert grade(_q("true_false", answer=False), False) == 1
    pairs = [
        {"left": "a", "right": "1"},
        {"left": "b", "right": "2"},
        {"left": "c", "right": "3"},
        {"left": "d", "right": "4"},
    ]
    assert grade(_q("matching", pairs=pairs), [0, 1, 3, 2]) == 0.5
    assert grade(_q("ordering", items=["a", "b", "c", "d"]), [0, 1, 2, 3]) == 1
    assert grade(_q("ordering", items=["a", "b", "c", "d"]), [1, 0, 2, 3]) == 0.5
    assert grade(_q("short", accepted=["JIT", "joint investigation team"]), "  jit ".strip()) == 1
    assert grade(_q("numeric", answer=30, tolerance=0), 30.0) == 1
    assert grade(_q("numeric", answer=2.7, tolerance=0.1), 2.75) == 1


@pytest.mark.parametrize(
    ("kind", "data", "raw"),
    [
        ("single", {"options": [{}, {}]}, "5"),
        ("single", {"options": [{}, {}]}, "x"),
        ("multiple", {"options": [{}, {}]}, "0"),
        ("ordering", {"items": ["a", "b"]}, ["0", "0"]),
        ("short", {"accepted": ["a"]}, "x" * 501),
        ("numeric", {"answer": 1, "tolerance": 0}, "one"),
        ("true_false", {"answer": True}, "maybe"),
    ],
)
def test_it_refuses_malformed_responses(kind, data, raw):
    with pytest.raises(BadResponse):
        clean_response(_q(kind, **data), raw)


def test_it_loads_the_curriculum_idempotently(modules):
    counts = (Module.objects.count(), Question.objects.count())
    assert counts[0] == 12 and counts[1] >= 240
    load_modules()
    assert (Module.objects.count(), Question.objects.count()) == counts


def test_it_hides_restricted_modules_and_asks_visitors_to_sign_in(
    client, client_of, participant, modules
):
    restricted = Module.objects.filter(level="restricted").first()
    registered = Module.objects.filter(level="registered").first()
    public = Module.objects.filter(level="public").first()
    assert client.get(public.get_absolute_url()).status_code == 200
    r = client.get(registered.get_absolute_url())
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert client.get(restricted.get_absolute_url()).status_code == 404
    assert restricted.title not in client.get("/learn/").content.decode()
    c = client_of(participant)
    assert c.get(restricted.get_absolute_url()).status_code == 404
    participant.profile.vetting = Vetting.VERIFIED
    participant.profile.save()
    assert c.get(restricted.get_absolute_url()).status_code == 200


def test_it_takes_a_module_from_lesson_to_passed_quiz(client_of, participant, modules):
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    c = client_of(participant)
    for lesson in module.lessons.all():
        assert c.get(lesson.get_absolute_url()).status_code == 200
    assert LessonView.objects.filter(user=participant).count() == module.lessons.count()
    attempt = start_quiz(c, module)
    assert len(attempt.question_ids) == 10
    questions = Question.objects.in_bulk(attempt.question_ids)
    for pk in attempt.question_ids[:9]:  # nine right, one left out: 90 %
        r = c.post(
            f"/attempts/{attempt.pk}/answers/{pk}/",
            right_answer_post(questions[pk], short_in_capitals=True),
            headers={"HX-Request": "true"},
        )
        assert r.status_code == 200 and "Saved at" in r.content.decode()
    # Reloading the attempt shows what was saved; starting again resumes the same attempt.
    page = c.get(attempt.get_absolute_url()).content.decode()
    assert page.count("✓ Saved") == 9
    assert start_quiz(c, module).pk == attempt.pk
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.passed) == (9.0, 10.0, True)
    body = c.get(attempt.get_absolute_url()).content.decode()
    assert "9 of 10 points (90.0 %)" in body
    # Submitting twice or answering afterwards changes nothing.
    c.post(f"/attempts/{attempt.pk}/submit/")
    last = attempt.question_ids[9]
    r = c.post(
        f"/attempts/{attempt.pk}/answers/{last}/",
        right_answer_post(questions[last], short_in_capitals=True),
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 400 and "closed" in r.content.decode()
    attempt.refresh_from_db()
    assert (
        attempt.score == 9.0
        and not Answer.objects.filter(attempt=attempt, question_id=last).exists()
    )


def test_it_enforces_the_time_limit_on_the_server(client_of, participant, modules):
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    c = client_of(participant)
    attempt = start_quiz(c, module)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    q = Question.objects.get(pk=attempt.question_ids[0])
    r = c.post(
        f"/attempts/{attempt.pk}/answers/{q.pk}/",
        right_answer_post(q, short_in_capitals=True),
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 400
    assert not Answer.objects.filter(attempt=attempt).exists()


def test_it_refuses_answers_outside_the_attempt_and_other_peoples_attempts(
    client_of, participant, trainer, modules
):
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    attempt = start_quiz(client_of(participant), module)
    outsider = Question.objects.exclude(pk__in=attempt.question_ids).first()
    c = client_of(participant)
    r = c.post(
        f"/attempts/{attempt.pk}/answers/{outsider.pk}/",
        {"response": "0"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 400 and "not part of your attempt" in r.content.decode()
    q = Question.objects.get(pk=attempt.question_ids[0])
    other = client_of(trainer)
    assert (
        other.post(
            f"/attempts/{attempt.pk}/answers/{q.pk}/", right_answer_post(q, short_in_capitals=True)
        ).status_code
        == 404
    )
    assert other.get(attempt.get_absolute_url()).status_code == 404
    assert not Answer.objects.exists()


def test_it_limits_attempts_and_requires_prerequisites(client_of, participant, modules):
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    c = client_of(participant)
    for _ in range(3):
        attempt = start_quiz(c, module)
        c.post(f"/attempts/{attempt.pk}/submit/")
    r = c.post(f"/learn/{module.slug}/quiz/", follow=True)
    assert "You have used all 3 attempts at this quiz." in r.content.decode()
    dependent = Module.objects.get(slug="identification-referral-non-punishment")
    r = c.post(f"/learn/{dependent.slug}/quiz/", follow=True)
    assert "Complete THB law" in r.content.decode() or "Complete " in r.content.decode()
    assert not Attempt.objects.filter(quiz__module=dependent).exists()


def test_it_reports_progress_and_item_statistics_to_staff(
    client_of, participant, trainer, manager, modules
):
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    for person, right in ((participant, 10), (trainer, 3)):
        c = client_of(person)
        attempt = start_quiz(c, module)
        questions = Question.objects.in_bulk(attempt.question_ids)
        for pk in attempt.question_ids[:right]:
            c.post(
                f"/attempts/{attempt.pk}/answers/{pk}/",
                right_answer_post(questions[pk], short_in_capitals=True),
            )
        c.post(f"/attempts/{attempt.pk}/submit/")
    assert client_of(participant).get(f"/learn/{module.slug}/report/").status_code == 403
    r = client_of(manager).get(f"/learn/{module.slug}/report/")
    assert r.status_code == 200
    rows = {row["user"].email: row for row in r.context["rows"]}
    assert rows["participant@example.org"]["passed"] and not rows["trainer@example.org"]["passed"]
    items = r.context["items"]
    assert items and all(0 <= i["facility"] <= 1 for i in items)
    assert any(i["discrimination"] > 0 for i in items)
    xlsx = client_of(manager).get(f"/learn/{module.slug}/report/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def _more_modules(n, start, user):
    """n further modules of two lessons each, the first lesson read by `user`."""
    for i in range(start, start + n):
        module = Module.objects.create(
            slug=f"extra-{i}", order=100 + i, title=f"Extra {i}", level="public"
        )
        first = module.lessons.create(order=1, slug="one", title="One", body="Text.")
        module.lessons.create(order=2, slug="two", title="Two", body="Text.")
        LessonView.objects.create(user=user, lesson=first)


def test_the_module_list_uses_the_same_number_of_queries_however_many_modules(
    client_of, participant, modules, django_assert_max_num_queries
):
    client = client_of(participant)
    _more_modules(3, 0, participant)
    with django_assert_max_num_queries(20) as captured:
        page = client.get("/learn/")
    assert page.status_code == 200 and "Extra 2" in page.content.decode()
    baseline = len(captured)
    _more_modules(9, 3, participant)
    with django_assert_max_num_queries(baseline):
        page = client.get("/learn/")
    assert "Extra 11" in page.content.decode()
    # Progress is still each module's own: one of two lessons read is a third of the way.
    row = page.content.decode().split("Extra 11", 1)[1][:1500]
    assert "33" in row


def test_the_module_report_uses_the_same_number_of_queries_however_many_learners(
    client_of, manager, modules, django_assert_max_num_queries
):
    from tests.factories import make_user

    module = Module.objects.get(slug="thb-law-and-2024-reform")
    lesson = module.lessons.first()
    questions = list(module.questions.all()[:3])

    def learners(start, n):
        for i in range(start, start + n):
            user = make_user(f"learner{i}@example.org", last_name=f"Learner {i:02d}")
            LessonView.objects.create(user=user, lesson=lesson)
            attempt = Attempt.objects.create(
                quiz=module.quiz,
                user=user,
                number=1,
                question_ids=[q.pk for q in questions],
                deadline=timezone.now() + timedelta(minutes=30),
                submitted_at=timezone.now(),
                score=2,
                max_score=3,
            )
            for q in questions:
                Answer.objects.create(attempt=attempt, question=q, response=0, score=i % 2)

    learners(0, 2)
    staff = client_of(manager)
    with django_assert_max_num_queries(30) as captured:
        assert staff.get(f"/learn/{module.slug}/report/").status_code == 200
    learners(2, 8)
    with django_assert_max_num_queries(len(captured)):
        page = staff.get(f"/learn/{module.slug}/report/")
    assert len(page.context["rows"]) == 10


def test_it_shows_a_timed_out_attempt_as_expired_and_grades_it_only_on_a_write(
    client_of, participant, modules
):
    module = Module.objects.get(slug="thb-law-and-2024-reform")
    c = client_of(participant)
    attempt = start_quiz(c, module)
    q = Question.objects.get(pk=attempt.question_ids[0])
    c.post(f"/attempts/{attempt.pk}/answers/{q.pk}/", right_answer_post(q, short_in_capitals=True))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    for _ in range(2):  # viewing it, even twice, grades nothing
        page = c.get(f"/attempts/{attempt.pk}/").content.decode()
        assert "Time is up." in page and "can no longer be changed" in page
        assert "<fieldset disabled" in page
        attempt.refresh_from_db()
        assert attempt.submitted_at is None and attempt.score is None
    r = c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    assert r.status_code == 302 and attempt.submitted_at is not None and attempt.score == 1.0


def test_the_recurring_task_grades_attempts_whose_time_ran_out(client_of, participant, modules):
    from crossborder.learning.tasks import submit_expired_attempts

    module = Module.objects.get(slug="thb-law-and-2024-reform")
    attempt = start_quiz(client_of(participant), module)
    assert submit_expired_attempts.call() == 0  # still running: left alone
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert submit_expired_attempts.call() == 1
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.score == 0


def test_the_funder_observer_reads_modules_but_takes_no_quiz(client_of, funder, modules):
    c = client_of(funder)
    page = c.get("/learn/thb-law-and-2024-reform/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "the quizzes are for the practitioners" in html
    assert "Start or resume the quiz" not in html
    assert c.post("/learn/thb-law-and-2024-reform/quiz/").status_code == 404
    api = c.post(
        "/api/v1/attempts", {"module": "thb-law-and-2024-reform"}, content_type="application/json"
    )
    assert api.status_code == 404
    assert not Attempt.objects.filter(user=funder).exists()
