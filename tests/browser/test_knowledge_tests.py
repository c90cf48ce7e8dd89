"""A participant takes the pre-test of a seminar; a manager reads the seminar's evaluation."""

import scipy.stats  # noqa: F401 (imported once here: the first evaluation page would pay ~2 s)
from playwright.sync_api import expect

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.evaluation.models import Phase
from crossborder.learning.models import Attempt, Question

from .helpers import assert_accessible, settle, sign_in
from .test_learning import _answer


def test_a_participant_takes_the_pre_test_and_a_manager_reads_the_evaluation(
    live_server, page, screenshots, participant, manager
):
    load_taxonomy(Tag)
    from crossborder.evaluation.knowledge.services import build_knowledge_test
    from crossborder.learning.content import load_modules
    from tests.evaluation.knowledge.conftest import seat, seminar_in, sit
    from tests.factories import make_call

    load_modules()
    upcoming = seminar_in(12, slug="vienna-upcoming")
    make_call(upcoming)
    test, _notes = build_knowledge_test(seminar=upcoming, by=manager)
    seat(test, 0, user=participant)
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.goto(f"{base}/applications/")
    page.get_by_role("link", name="Pre-test due by").click()
    assert_accessible(page)
    page.screenshot(path=screenshots / "knowledge-test-page.png", full_page=True)
    page.get_by_role("button", name="Start the pre-test").click()
    settle(page)
    attempt = Attempt.objects.get(user=participant)
    questions = Question.objects.in_bulk(attempt.question_ids)
    for pk in attempt.question_ids[:4]:
        _answer(page, questions[pk])
    expect(page.get_by_role("heading", level=1)).to_contain_text("Knowledge test:")
    assert_accessible(page)
    page.screenshot(path=screenshots / "knowledge-pre-test.png", full_page=True)
    page.get_by_role("button", name="Submit the attempt").click()
    expect(page.locator(".score")).to_contain_text("4 of 12 points")
    page.screenshot(path=screenshots / "knowledge-pre-test-result.png", full_page=True)

    # a held seminar with paired scores, for the manager
    held = seminar_in(-4, slug="lisbon-held")
    make_call(held)
    done, _notes = build_knowledge_test(seminar=held, by=manager)
    for n, (profession, pre, post) in enumerate(
        [
            ("judge", 0.25, 0.75),
            ("judge", 0.4, 0.7),
            ("judge", 0.5, 0.8),
            ("judge", 0.3, 0.6),
            ("prosecutor", 0.5, 0.9),
            ("prosecutor", 0.6, 0.6),
            ("law_enforcement", 0.6, 0.75),
            ("law_enforcement", 0.5, None),
            ("civil_society", None, 0.7),
        ],
        10,
    ):
        application = seat(done, n, status="attended", profession=profession)
        if pre is not None:
            sit(done, application.user, Phase.PRE, pre)
        if post is not None:
            sit(done, application.user, Phase.POST, post)
    page.context.clear_cookies()
    sign_in(page, base, manager.email, totp=True)
    page.goto(f"{base}/manage/seminars/{held.slug}/")
    page.get_by_role("link", name="Evaluation").first.click()
    expect(page.locator(".knowledge-headline")).to_contain_text("for 7 paired participants")
    page.get_by_text("paired participants, by name").click()
    assert_accessible(page)
    page.screenshot(path=screenshots / "knowledge-evaluation.png", full_page=True)
    page.goto(f"{base}/manage/seminars/{upcoming.slug}/knowledge-test/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "knowledge-manage.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/manage/seminars/{held.slug}/evaluation/")
    page.screenshot(path=screenshots / "knowledge-evaluation-phone.png", full_page=True)
