"""Building the parallel forms, fixing their items, and taking the tests in their windows."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from crossborder.audit.models import AuditEntry
from crossborder.evaluation.knowledge import services
from crossborder.evaluation.knowledge.services import build_knowledge_test
from crossborder.evaluation.models import (
    FormItem,
    KnowledgeForm,
    KnowledgeTest,
    Letter,
    Phase,
    Sitting,
    form_order,
)
from crossborder.learning.models import Attempt, Question
from tests.factories import make_user

from .conftest import seat, seminar_in

pytestmark = pytest.mark.django_db


def _items(test, letter):
    return list(
        FormItem.objects.filter(form__test=test, form__letter=letter).select_related(
            "question", "element"
        )
    )


def test_it_draws_two_balanced_parallel_forms_from_the_covered_cells(upcoming):
    a, b = _items(upcoming, Letter.A), _items(upcoming, Letter.B)
    # The sessions cover A×{S,L}, B×{L}, C×{S,O}: four items of each element in each form.
    assert (
        Counter(i.element.code for i in a)
        == Counter(i.element.code for i in b)
        == {"A": 4, "B": 4, "C": 4}
    )
    assert not {i.question_id for i in a} & {i.question_id for i in b}
    covered = {"A": {"S", "L"}, "B": {"L"}, "C": {"S", "O"}}
    for item in a + b:
        codes = {t.code for t in item.question.tags.all()}
        assert item.element.code in codes and codes & covered[item.element.code]
        assert item.question.kind not in Question.NOT_AUTO_GRADED
        assert item.question.module.level != "restricted"
        assert "this module" not in item.question.text.lower()
    for form in KnowledgeForm.objects.filter(test=upcoming).select_related("quiz"):
        quiz = form.quiz
        assert quiz.module is None and quiz.draw_count == 0 and quiz.attempts_allowed == 1
        assert set(quiz.questions.values_list("pk", flat=True)) == {
            i.question_id for i in _items(upcoming, form.letter)
        }


def test_it_counterbalances_the_forms_deterministically_per_person(upcoming):
    orders = [form_order(upcoming.pk, user_id) for user_id in range(1, 201)]
    assert orders == [form_order(upcoming.pk, user_id) for user_id in range(1, 201)]
    assert set(orders) == {(Letter.A, Letter.B), (Letter.B, Letter.A)}
    assert 70 <= sum(1 for o in orders if o[0] == Letter.A) <= 130


def test_it_refuses_a_test_with_no_items_and_stores_nothing(banks, manager, client_of):
    seminar = seminar_in(10, slug="untagged")
    for session in seminar.sessions.all():
        session.tags.clear()
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/knowledge-test/build/",
        {"items_per_element": 4, "post_open_days": 14, "time_limit_minutes": 20},
        follow=True,
    )
    assert "No test was made" in r.content.decode()
    assert not KnowledgeTest.objects.exists()


def test_the_manager_builds_the_test_and_sees_both_forms(banks, manager, client_of):
    seminar = seminar_in(30)
    client = client_of(manager)
    page = client.get(f"/manage/seminars/{seminar.slug}/knowledge-test/").content.decode()
    assert "Draw the two forms" in page
    r = client.post(
        f"/manage/seminars/{seminar.slug}/knowledge-test/build/",
        {"items_per_element": 3, "post_open_days": 10, "time_limit_minutes": 25},
        follow=True,
    )
    page = r.content.decode()
    assert "Form A: 9 questions" in page and "Form B: 9 questions" in page
    test = KnowledgeTest.objects.get(seminar=seminar)
    assert (test.items_per_element, test.post_open_days, test.time_limit_minutes) == (3, 10, 25)
    assert set(
        KnowledgeForm.objects.filter(test=test).values_list("quiz__time_limit_minutes", flat=True)
    ) == {25}
    assert AuditEntry.objects.filter(action="knowledge.build").count() == 1


def test_bad_numbers_build_nothing(banks, manager, client_of):
    seminar = seminar_in(30)
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/knowledge-test/build/",
        {"items_per_element": 0, "post_open_days": "x", "time_limit_minutes": 20},
        follow=True,
    )
    assert "Not built" in r.content.decode()
    assert not KnowledgeTest.objects.exists()


def test_the_manager_replaces_an_item_with_another_of_its_element(upcoming, manager, client_of):
    item = _items(upcoming, Letter.A)[0]
    from crossborder.evaluation.knowledge.drawing import replacements

    new = replacements(upcoming, item.element)[0]
    r = client_of(manager).post(
        f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/replace/",
        {"item": item.pk, "question": new.pk},
        follow=True,
    )
    assert "replaced" in r.content.decode()
    item.refresh_from_db()
    assert item.question_id == new.pk
    quiz = KnowledgeForm.objects.get(test=upcoming, letter=Letter.A).quiz
    assert new.pk in set(quiz.questions.values_list("pk", flat=True))


def test_it_refuses_a_replacement_that_breaks_the_balance_or_repeats_an_item(
    upcoming, manager, client_of
):
    a = _items(upcoming, Letter.A)
    b = _items(upcoming, Letter.B)
    client = client_of(manager)
    url = f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/replace/"
    other_element = next(i for i in a if i.element_id != a[0].element_id)
    for question in (b[0].question_id, other_element.question_id, 999999):
        r = client.post(url, {"item": a[0].pk, "question": question}, follow=True)
        assert "cannot replace the item" in r.content.decode()
    r = client.post(url, {"item": 999999, "question": b[0].question_id}, follow=True)
    assert "Not changed" in r.content.decode()
    assert [i.question_id for i in _items(upcoming, Letter.A)] == [i.question_id for i in a]


def test_it_refuses_to_change_the_forms_once_the_pre_test_is_open(upcoming, manager, client_of):
    seat(upcoming, 1)  # a confirmed seat: the pre-test is open to that person
    item = _items(upcoming, Letter.A)[0]
    client = client_of(manager)
    before = list(FormItem.objects.values_list("pk", "question_id"))
    r = client.post(
        f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/replace/",
        {"item": item.pk, "question": 1},
        follow=True,
    )
    assert (
        "The items can no longer be changed. The pre-test is open: 1 participant holds a confirmed seat"
        in r.content.decode()
    )
    r = client.post(
        f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/redraw/",
        {"items_per_element": 4},
        follow=True,
    )
    assert "can no longer be changed" in r.content.decode()
    assert list(FormItem.objects.values_list("pk", "question_id")) == before
    page = client.get(f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/").content.decode()
    assert "The items are fixed." in page and "Replace with" not in page


def test_a_redraw_gives_other_items_in_the_same_balance(upcoming, manager, client_of):
    before = {i.question_id for i in _items(upcoming, Letter.A)}
    r = client_of(manager).post(
        f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/redraw/",
        {"items_per_element": 2},
        follow=True,
    )
    assert "drawn again" in r.content.decode()
    after = _items(upcoming, Letter.A)
    assert Counter(i.element.code for i in after) == {"A": 2, "B": 2, "C": 2}
    assert {i.question_id for i in after} != before


def test_only_programme_staff_manage_the_test(upcoming, participant, trainer, funder, client_of):
    for user in (participant, trainer, funder):
        client = client_of(user)
        assert (
            client.get(f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/").status_code
            == 403
        )
        assert (
            client.post(
                f"/manage/seminars/{upcoming.seminar.slug}/knowledge-test/redraw/",
                {"items_per_element": 2},
            ).status_code
            == 403
        )


# --- taking the tests -------------------------------------------------------------------------


def _start(client, test, phase):
    return client.post(
        f"/seminars/{test.seminar.slug}/knowledge-test/start/", {"phase": phase}, follow=True
    )


def test_a_confirmed_participant_takes_the_pre_test_once_in_the_quiz_engine(
    upcoming, participant, client_of
):
    seat(upcoming, 0, user=participant)
    client = client_of(participant)
    page = client.get(f"/seminars/{upcoming.seminar.slug}/knowledge-test/").content.decode()
    assert "Start the pre-test" in page
    r = _start(client, upcoming, "pre")
    attempt = Attempt.objects.get(user=participant)
    assert r.redirect_chain[-1][0] == f"/attempts/{attempt.pk}/"
    sitting = Sitting.objects.get(user=participant)
    assert (
        sitting.phase == Phase.PRE
        and sitting.form.letter == form_order(upcoming.pk, participant.pk)[0]
    )
    assert len(attempt.question_ids) == 12 and attempt.quiz.knowledge_form == sitting.form
    page = r.content.decode()
    assert "Knowledge test: Investigating trafficking across borders" in page
    # the same attempt page of the quiz engine: answers saved one by one, then submitted
    question = Question.objects.get(pk=attempt.question_ids[0])
    from tests.factories import right_answer_post

    assert (
        client.post(
            f"/attempts/{attempt.pk}/answers/{question.pk}/", right_answer_post(question)
        ).status_code
        == 302
    )
    r = client.post(f"/attempts/{attempt.pk}/submit/", follow=True)
    page = r.content.decode()
    assert "1 of 12 points" in page and "has no pass mark" in page and "pass mark is" not in page
    assert "Back to your knowledge tests" in page
    # a second attempt at the pre-test is refused; nothing new is stored
    r = _start(client, upcoming, "pre")
    assert "You have already taken the pre-test." in r.content.decode()
    assert Attempt.objects.filter(user=participant).count() == 1
    page = client.get(f"/seminars/{upcoming.seminar.slug}/knowledge-test/").content.decode()
    assert "Your score: 8.3 %." in page


def test_resuming_an_open_pre_test_returns_the_same_attempt(upcoming, participant, client_of):
    seat(upcoming, 0, user=participant)
    client = client_of(participant)
    _start(client, upcoming, "pre")
    _start(client, upcoming, "pre")
    assert Attempt.objects.filter(user=participant).count() == 1
    assert (
        "Continue the test"
        in client.get(f"/seminars/{upcoming.seminar.slug}/knowledge-test/").content.decode()
    )


@pytest.mark.parametrize("status", ["submitted", "selected", "waitlisted", "declined", "withdrawn"])
def test_the_pre_test_is_only_for_confirmed_seats(upcoming, participant, client_of, status):
    seat(upcoming, 0, user=participant, status=status)
    r = _start(client_of(participant), upcoming, "pre")
    assert "The pre-test is for participants whose seat is confirmed." in r.content.decode()
    assert not Attempt.objects.exists() and not Sitting.objects.exists()


def test_nobody_starts_a_test_without_an_application_or_of_an_unknown_phase(
    upcoming, participant, client_of
):
    client = client_of(participant)
    assert "whose seat is confirmed" in _start(client, upcoming, "pre").content.decode()
    seat(upcoming, 0, user=participant)
    assert "There is no such test." in _start(client, upcoming, "during").content.decode()
    assert client.get(f"/seminars/{upcoming.seminar.slug}/knowledge-test/start/").status_code == 405
    assert not Attempt.objects.exists()


def test_the_post_test_before_it_opens_is_refused_with_its_opening_time(
    upcoming, participant, client_of
):
    seat(upcoming, 0, user=participant)
    r = _start(client_of(participant), upcoming, "post")
    assert "The post-test opens at the start of the last session" in r.content.decode()
    assert not Attempt.objects.exists()


def _held(banks, manager, days_ago_end, post_open_days=14):
    seminar = seminar_in(-days_ago_end - 1, slug=f"held{days_ago_end}")
    from tests.factories import make_call

    make_call(
        seminar,
        opens_at=timezone.now() - timedelta(days=90),
        closes_at=timezone.now() - timedelta(days=40),
    )
    test, _notes = build_knowledge_test(seminar=seminar, by=manager, post_open_days=post_open_days)
    return test


def test_the_post_test_opens_at_the_last_session_and_the_pre_test_is_then_closed(
    banks, manager, participant, client_of
):
    test = _held(banks, manager, days_ago_end=1)
    seat(test, 0, user=participant, status="attended")
    client = client_of(participant)
    r = _start(client, test, "pre")
    assert "The pre-test closed when the seminar started." in r.content.decode()
    r = _start(client, test, "post")
    sitting = Sitting.objects.get(user=participant)
    assert (
        sitting.phase == Phase.POST
        and sitting.form.letter == form_order(test.pk, participant.pk)[1]
    )
    assert r.redirect_chain[-1][0] == sitting.attempt.get_absolute_url()


def test_the_post_test_after_n_days_is_closed(banks, manager, participant, client_of):
    test = _held(banks, manager, days_ago_end=5, post_open_days=3)
    seat(test, 0, user=participant, status="attended")
    r = _start(client_of(participant), test, "post")
    assert "The post-test closed on" in r.content.decode()
    assert not Attempt.objects.exists()


def test_a_no_show_takes_no_post_test(banks, manager, participant, client_of):
    test = _held(banks, manager, days_ago_end=1)
    seat(test, 0, user=participant, status="no_show")
    assert (
        "for the seminar&#x27;s participants"
        in _start(client_of(participant), test, "post").content.decode()
    )


def test_the_post_test_uses_the_other_form_than_the_pre_test(banks, manager, participant):
    test = _held(banks, manager, days_ago_end=1)
    seat(test, 0, user=participant, status="attended")
    from crossborder.evaluation.knowledge.services import start_sitting

    first, second = form_order(test.pk, participant.pk)
    # the pre-test was taken on the *second* form (as if the order had been the other way)
    from .conftest import sit

    pre_form = KnowledgeForm.objects.get(test=test, letter=second)
    from crossborder.learning.services import start_attempt

    attempt = start_attempt(quiz=pre_form.quiz, user=participant)
    Sitting.objects.create(
        test=test, user=participant, phase=Phase.PRE, form=pre_form, attempt=attempt
    )
    post = start_sitting(test=test, phase=Phase.POST, user=participant)
    assert post.quiz.knowledge_form.letter == first
    assert sit  # the helper is shared with the analysis tests


def test_another_persons_attempt_is_not_found(upcoming, participant, client_of):
    other = make_user("other@example.org", profile={"profession": "judge"})
    seat(upcoming, 0, user=other)
    client = client_of(other)
    _start(client, upcoming, "pre")
    attempt = Attempt.objects.get(user=other)
    client = client_of(participant)
    assert client.get(f"/attempts/{attempt.pk}/").status_code == 404
    question = attempt.question_ids[0]
    assert (
        client.post(f"/attempts/{attempt.pk}/answers/{question}/", {"response": "0"}).status_code
        == 404
    )
    assert client.post(f"/attempts/{attempt.pk}/submit/").status_code == 404
    assert not attempt.answers.exists()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_a_test_whose_items_were_removed_cannot_be_started(upcoming, participant, client_of):
    seat(upcoming, 0, user=participant)
    FormItem.objects.all().delete()
    r = _start(client_of(participant), upcoming, "pre")
    assert "This test has no questions yet." in r.content.decode()
    assert not Attempt.objects.exists()


def test_the_seminar_and_applications_pages_say_when_a_test_is_due(
    upcoming, participant, client_of
):
    seat(upcoming, 0, user=participant)
    client = client_of(participant)
    due = services.tests_due(participant)
    assert [(d.test, d.phase) for d in due] == [(upcoming, Phase.PRE)]
    assert due[0].closes_at == upcoming.windows().pre_closes
    assert due[0].url == f"/seminars/{upcoming.seminar.slug}/knowledge-test/"
    for url in (f"/seminars/{upcoming.seminar.slug}/", "/applications/"):
        assert "Pre-test due by" in client.get(url).content.decode()
    _start(client, upcoming, "pre")
    attempt = Attempt.objects.get(user=participant)
    assert [d.resume for d in services.tests_due(participant)] == [True]
    client.post(f"/attempts/{attempt.pk}/submit/")
    assert services.tests_due(participant) == []
    assert "due by" not in client.get("/applications/").content.decode()


def test_tests_due_costs_two_queries_however_many_seminars(
    banks, manager, participant, django_assert_num_queries
):
    for i in range(3):
        seminar = seminar_in(10 + i, slug=f"s{i}")
        from tests.factories import make_call

        make_call(seminar)
        test, _notes = build_knowledge_test(seminar=seminar, by=manager)
        seat(test, 0, user=participant)
    with django_assert_num_queries(2):
        assert len(services.tests_due(participant)) == 3


def test_the_attempts_api_saves_and_submits_a_knowledge_test_like_a_quiz(
    upcoming, participant, client_of
):
    seat(upcoming, 0, user=participant)
    client = client_of(participant)
    _start(client, upcoming, "pre")
    attempt = Attempt.objects.get(user=participant)
    question = Question.objects.get(pk=attempt.question_ids[0])
    from crossborder.demo.learning import _right

    r = client.put(
        f"/api/v1/attempts/{attempt.pk}/answers/{question.pk}",
        {"response": _right(question)},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    body = client.post(f"/api/v1/attempts/{attempt.pk}/submit").json()
    assert body["module"] is None and body["id"] == attempt.pk
    assert body["submitted_at"] is not None and body["score"] == 1
    # starting a module quiz through the API cannot reach a knowledge-test form
    r = client.post("/api/v1/attempts", {"module": ""}, content_type="application/json")
    assert r.status_code == 404
