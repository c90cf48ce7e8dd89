"""A trainer imports a Moodle 4.x question bank through the page, reads the preview and
confirms; a learner then meets an image question and a select-missing-words question."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from crossborder.learning.models import Attempt, Module, Quiz

from .helpers import assert_accessible, settle, sign_in

FIXTURE = Path(__file__).parent.parent / "learning" / "fixtures" / "moodle4_thb_bank.xml"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_trainer_imports_a_moodle_bank_and_a_learner_answers_it(
    live_server, page, screenshots, manager, participant, browser
):
    module = Module.objects.create(slug="thb-legal", title="THB legal framework", level="public")
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, manager.email, totp=True)
    page.goto(f"{base}/learn/{module.slug}/import/")
    page.get_by_label("Moodle XML or GIFT file").set_input_files(str(FIXTURE))
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("table.import-preview")
    expect(preview).to_contain_text("Définition de la traite — Art. 2 (l’acte)")
    expect(preview).to_contain_text("Default for THB/Element A/Legal framework")
    expect(preview).to_contain_text("Hidden from learners")
    expect(preview).to_contain_text("Question type “calculatedsimple” is not supported.")
    expect(preview.locator("tr.row-error")).to_have_count(1)
    assert_accessible(page)
    page.screenshot(path=screenshots / "question-import-preview.png", full_page=True)
    page.get_by_role("button", name="Add 11 questions").click()
    expect(page.get_by_text("11 questions added to the bank.")).to_be_visible()
    assert module.questions.count() == 11

    quiz = Quiz.objects.create(module=module, draw_count=50, pass_mark=50)
    quiz.questions.add(module.questions.get(kind="description"))
    learner = browser.new_page(viewport={"width": 1280, "height": 900})
    learner.set_default_timeout(10_000)
    sign_in(learner, base, participant.email)
    learner.goto(f"{base}/learn/{module.slug}/")
    learner.get_by_role("button", name="Start or resume the quiz").click()
    settle(learner)  # answers are saved by htmx: it must be listening first
    attempt = Attempt.objects.get(user=participant)
    image_question = module.questions.get(idnumber="THB-A-001")
    image = learner.locator(f"#q{image_question.pk} img")
    expect(image).to_have_attribute("alt", "Europol chart of the three elements")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 12  # the stored PNG
    learner.locator(f"#q{image_question.pk} input[value='0']").check()
    expect(learner.locator(f"#status-{image_question.pk}")).to_contain_text("Saved")
    gaps = module.questions.get(idnumber="THB-A-008")
    form = learner.locator(f"#q{gaps.pk}")
    for n, word in enumerate(["act", "means", "purpose"]):
        form.get_by_label(f"Gap {n + 1}").select_option(label=word)
    expect(learner.locator(f"#status-{gaps.pk}")).to_contain_text("Saved")
    assert_accessible(learner)
    form.scroll_into_view_if_needed()
    learner.screenshot(path=screenshots / "question-import-attempt.png", full_page=True)
    learner.get_by_role("button", name="Submit the attempt").click()
    expect(learner.locator(".score")).to_contain_text("of 9 points")
    expect(learner.locator(".gap.right")).to_have_count(3 + 0)
    learner.screenshot(path=screenshots / "question-import-result.png", full_page=True)
    scores = {a.question.idnumber: a.score for a in attempt.answers.select_related("question")}
    assert scores == {"THB-A-001": 1.0, "THB-A-008": 1.0}
