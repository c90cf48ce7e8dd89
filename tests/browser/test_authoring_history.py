"""A trainer corrects a key and restores an older version from the history page; the manager
previews and applies a regrade. Accessible, and readable on a phone."""

from playwright.sync_api import expect

from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.learning import services
from crossborder.learning.models import Attempt
from tests.authoring.helpers import make_module

from .helpers import assert_accessible, page_width, sign_in


def _taken_quiz(participant, module, numeric, value):
    attempt = services.start_attempt(quiz=module.quiz, user=participant)
    services.save_answer(attempt=attempt, question_id=numeric.pk, raw=value, user=participant)
    return services.submit_attempt(attempt=attempt, user=participant)


def test_a_trainer_restores_a_version_and_a_manager_regrades(
    live_server, browser, screenshots, participant, trainer, manager
):
    load_taxonomy(Tag)
    module = make_module(owners=[trainer])
    numeric = module.questions.get(key="numeric")
    attempt = _taken_quiz(participant, module, numeric, "45")
    assert attempt.score == 0.0
    # Someone typed the key wrongly twice; the trainer's history shows three versions.
    for answer, text in ((40, "Within how many days? (draft)"), (45, "Within how many days?")):
        numeric.data = {"answer": answer, "tolerance": 0}
        numeric.text = text
        numeric._history_user = trainer
        numeric.save()
    base = live_server.url

    author = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(author, base, trainer.email)
    author.goto(f"{base}/author/history/question/{numeric.pk}/")
    expect(author.get_by_role("heading", level=1)).to_contain_text("History")
    assert_accessible(author)
    author.screenshot(path=screenshots / "authoring-history.png", full_page=True)
    author.get_by_role("link", name="Show changes").first.click()
    expect(author.get_by_role("heading", name="Changes since version")).to_be_visible()
    assert_accessible(author)
    author.screenshot(path=screenshots / "authoring-version-diff.png", full_page=True)

    manager_page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(manager_page, base, manager.email, totp=True)
    manager_page.goto(f"{base}/author/questions/{numeric.pk}/regrade/")
    expect(manager_page.get_by_role("table")).to_contain_text("fail → pass")
    assert_accessible(manager_page)
    manager_page.screenshot(path=screenshots / "authoring-regrade-phone.png", full_page=True)
    width = page_width(manager_page)
    assert width <= 390 + 1  # no sideways scrolling of the page on a phone
    manager_page.get_by_role("button", name="Regrade 1 attempt").click()
    expect(manager_page.get_by_text("1 attempt regraded")).to_be_visible()
    assert Attempt.objects.get(pk=attempt.pk).score == 1.0
    assert AuditEntry.objects.filter(action="question.regrade", actor=manager).count() == 1
