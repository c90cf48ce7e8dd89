"""Issue 20's acceptance test, through the real pages only: a trainer writes a module (a lesson
with an uploaded image, a single-choice and a numerical question tried in the preview) and
publishes it; a participant takes the quiz; the trainer corrects the numerical key; the
participant's submitted attempt keeps its score until a manager previews and applies a regrade;
then the participant sees the new score and the administrator's audit log shows the regrade."""

import io

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.learning.models import Attempt, Module, Question

from .helpers import assert_accessible, settle, sign_in

DESKTOP = {"width": 1400, "height": 1000}
MODULE = "Following the money in THB cases"
MC_NAME = "Confiscation of proceeds"
NUM_NAME = "Due diligence threshold"
MAMLD_URL = "https://eur-lex.europa.eu/eli/dir/2015/849/oj"
THB_URL = "https://eur-lex.europa.eu/eli/dir/2011/36/oj"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _money_flow_png(path):
    """A small diagram: exploitation → cash → money mule accounts → abroad."""
    picture = Image.new("RGB", (480, 140), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    for n, label in enumerate(["Exploitation", "Cash", "Mule accounts", "Abroad"]):
        x = 10 + n * 120
        draw.rectangle((x, 45, x + 100, 95), outline=(30, 58, 138), width=3)
        draw.text((x + 8, 63), label, fill=(30, 58, 138))
        if n:
            draw.line((x - 20, 70, x, 70), fill=(185, 28, 28), width=3)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())


def _new_page(browser):
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.set_default_timeout(10_000)
    return page


def _write_module(author, base, screenshots, tmp_path):
    author.get_by_role("link", name="Authoring", exact=True).click()
    author.get_by_role("button", name="New module").click()
    author.get_by_label("Title (English)").fill(MODULE)
    author.get_by_label("Summary (English)").fill(
        "Trafficking is a business run for profit. How financial investigators trace the "
        "proceeds, and why confiscating them disrupts the business model."
    )
    author.get_by_label("Audience").select_option("registered")
    author.get_by_label("Financial or compliance officer").check()
    author.get_by_label("Law-enforcement officer").check()
    author.get_by_label("B · Financial").check()
    author.get_by_label("Questions drawn at random from the bank").fill("2")
    author.get_by_role("button", name="Create the module as a draft").click()
    expect(author.locator(".messages")).to_contain_text("Module created as a draft")

    author.get_by_role("button", name="Add a lesson").click()
    settle(author)
    author.get_by_label("Title (English)").fill("Tracing the proceeds")
    body = author.get_by_label("Text (English)")
    body.fill(
        "## Follow the money\n\n"
        "Victims' earnings are collected in **cash**, placed in the accounts of money mules "
        "and moved abroad. Ask for the bank records early: they show the business model."
    )
    preview = author.locator("#preview")
    expect(preview.locator("h2")).to_have_text("Follow the money")  # live, before saving
    picture = tmp_path / "money-flow.png"
    _money_flow_png(picture)
    author.get_by_label("Image", exact=True).set_input_files(str(picture))
    author.get_by_label("What the image shows").fill("How the money of exploitation moves")
    author.get_by_role("button", name="Upload and add the image").click()
    expect(author.locator(".messages")).to_contain_text("The image is added")
    image = preview.get_by_role("img", name="How the money of exploitation moves")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 480  # served from the storage
    author.screenshot(path=screenshots / "e2e-1-lesson-editor.png", full_page=True)
    author.get_by_role("button", name="Save lesson").click()
    expect(author.locator(".messages")).to_contain_text("Lesson saved.")


def _write_single_choice(author, screenshots):
    author.get_by_role("link", name=MODULE).click()
    author.get_by_role("link", name="Question bank").click()
    author.get_by_role("button", name="New question").click()
    author.get_by_role("button", name="Single choice").click()
    settle(author)
    author.get_by_label("Name").fill(MC_NAME)
    author.get_by_label("Question text").fill(
        "Which article of Directive 2011/36/EU requires Member States to let their "
        "authorities seize and confiscate the proceeds of trafficking?"
    )
    for n, (text, grade) in enumerate(
        [("Article 7", "100"), ("Article 11", "0"), ("Article 18", "0")], 1
    ):
        author.get_by_label(f"Choice {n}", exact=True).fill(text)
        author.get_by_label(f"Grade (%) {n}", exact=True).fill(grade)
    author.get_by_label("Feedback for this choice 2", exact=True).fill(
        "Article 11 is about assistance and support for victims."
    )
    author.get_by_label("Source").fill(THB_URL)
    preview = author.locator("#preview")
    expect(preview.locator("cite")).to_have_text(THB_URL)  # the last field typed
    preview.get_by_label("Article 7").check()
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 1 / 1")
    preview.get_by_label("Article 11").check()
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 0 / 1")
    expect(preview).to_contain_text("Article 11 is about assistance and support for victims.")
    author.screenshot(path=screenshots / "e2e-2-try-single-choice.png", full_page=True)
    author.get_by_role("button", name="Save", exact=True).click()
    expect(author.get_by_text(f"Question “{MC_NAME}” saved.")).to_be_visible()


def _write_numeric(author, screenshots):
    author.get_by_role("link", name="Question bank").click()
    author.get_by_role("button", name="New question").click()
    author.get_by_role("button", name="Numeric").click()
    settle(author)
    author.get_by_label("Name").fill(NUM_NAME)
    author.get_by_label("Question text").fill(
        "Under Directive (EU) 2015/849, from how many euros must a bank apply customer due "
        "diligence to an occasional transaction?"
    )
    # The trainer misses a zero: the key says 1 500 where the directive says 15 000.
    author.get_by_label("Answer 1", exact=True).fill("1500")
    author.get_by_label("Tolerance (±) 1", exact=True).fill("0")
    author.get_by_label("Answer 2", exact=True).fill("*")
    author.get_by_label("Grade (%) 2", exact=True).fill("0")
    author.get_by_label("Feedback for this answer 2", exact=True).fill("See Article 11(b)(i).")
    author.get_by_label("Source").fill(MAMLD_URL)
    preview = author.locator("#preview")
    expect(preview.locator("cite")).to_have_text(MAMLD_URL)
    preview.get_by_label("Your answer").fill("1500")
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 1 / 1")
    preview.get_by_label("Your answer").fill("200")
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 0 / 1")
    expect(preview).to_contain_text("See Article 11(b)(i).")
    author.screenshot(path=screenshots / "e2e-3-try-numeric.png", full_page=True)
    author.get_by_role("button", name="Save", exact=True).click()
    expect(author.get_by_text(f"Question “{NUM_NAME}” saved.")).to_be_visible()


def _publish(author):
    author.get_by_role("link", name="Authoring", exact=True).click()
    author.get_by_role("link", name=MODULE).click()
    author.get_by_role("button", name="Publish").click()
    expect(author.locator(".messages")).to_contain_text("The module is published")
    expect(author.locator(".status-bar .badge")).to_have_text("Published")


def test_a_key_correction_reaches_a_submitted_attempt_only_through_the_managers_regrade(
    live_server, browser, screenshots, tmp_path, trainer, participant, manager, admin_user
):
    load_taxonomy(Tag)
    base = live_server.url

    # 1–3. The trainer writes the module, its lesson and two questions, and publishes it.
    author = _new_page(browser)
    sign_in(author, base, trainer.email)
    _write_module(author, base, screenshots, tmp_path)
    _write_single_choice(author, screenshots)
    _write_numeric(author, screenshots)
    _publish(author)
    module = Module.objects.get(title=MODULE)
    assert module.quiz.draw_count == 2 and module.questions.count() == 2
    numeric = Question.objects.get(name=NUM_NAME)
    single = Question.objects.get(name=MC_NAME)

    # 4. A participant takes the quiz: the numerical answer is right by the directive, wrong
    # by the key as typed; the single choice is right.
    learner = _new_page(browser)
    sign_in(learner, base, participant.email)
    learner.get_by_role("link", name="Online modules", exact=True).click()
    learner.get_by_role("link", name=MODULE).click()
    expect(learner.get_by_role("link", name="Tracing the proceeds")).to_be_visible()
    learner.get_by_role("button", name="Start or resume the quiz").click()
    settle(learner)  # answers are saved by htmx: it must be listening first
    mc = learner.locator(f"#q{single.pk}")
    mc.get_by_label("Article 7").check()
    expect(mc.locator(".save-status")).to_contain_text("Saved")
    num = learner.locator(f"#q{numeric.pk}")
    num.get_by_label("Your answer").fill("15000")
    num.get_by_label("Your answer").press("Tab")  # the change event saves it
    expect(num.locator(".save-status")).to_contain_text("Saved")
    learner.get_by_role("button", name="Submit the attempt").click()
    expect(learner.locator(".score")).to_contain_text("1 of 2 points (50.0 %)")
    expect(learner.get_by_text("Not passed yet: the pass mark is 70 %.")).to_be_visible()
    result_url = learner.url
    assert_accessible(learner)
    learner.screenshot(path=screenshots / "e2e-4-result-before.png", full_page=True)

    # 5. The trainer corrects the key in the question editor.
    author.get_by_role("link", name="Question bank").click()
    author.get_by_role("link", name=NUM_NAME).click()
    author.get_by_label("Answer 1", exact=True).fill("15000")
    author.get_by_role("button", name="Save", exact=True).click()
    expect(author.get_by_text(f"Question “{NUM_NAME}” saved.")).to_be_visible()
    expect(author.locator(".messages")).to_contain_text(
        "1 submitted attempt keeps the earlier version of this question and its score"
    )
    expect(author.get_by_role("link", name="Regrade past attempts")).to_have_count(0)  # staff
    author.screenshot(path=screenshots / "e2e-4b-key-corrected.png", full_page=True)
    numeric.refresh_from_db()
    assert numeric.data["answers"][0]["answer"] == 15000

    # 6. The submitted attempt keeps its questions as drawn, and its score.
    learner.goto(result_url)
    expect(learner.locator(".score")).to_contain_text("1 of 2 points (50.0 %)")
    expect(learner.locator(f"section[aria-labelledby=r{numeric.pk}]")).to_contain_text(
        "Your answer: 15000 · Right answer: 1500"
    )
    attempt = Attempt.objects.get(user=participant)
    assert attempt.score == 1.0 and not attempt.passed

    # 7. A manager previews the regrade (who changes, old → new) and applies it.
    staff = _new_page(browser)
    sign_in(staff, base, manager.email, totp=True)
    staff.get_by_role("link", name="Authoring", exact=True).click()
    staff.get_by_role("link", name=MODULE).click()
    staff.get_by_role("link", name="Question bank").click()
    staff.get_by_role("link", name=NUM_NAME).click()
    staff.get_by_role("link", name="Regrade past attempts").click()
    row = staff.get_by_role("row", name="Ana Horvat")
    expect(row).to_contain_text("1 / 2 (50.0 %)")
    expect(row.get_by_role("cell").nth(3)).to_have_text("2 / 2 (100.0 %)")
    expect(row).to_contain_text("fail → pass")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "e2e-5-regrade-preview.png", full_page=True)
    staff.get_by_role("button", name="Regrade 1 attempt").click()
    expect(staff.locator(".messages")).to_contain_text("1 attempt regraded with version")

    # 8. The participant now sees the new score; the audit log has the regrade.
    learner.goto(result_url)
    expect(learner.locator(".score")).to_contain_text("2 of 2 points (100.0 %)")
    expect(learner.get_by_text("Passed. Well done.")).to_be_visible()
    expect(learner.locator(f"section[aria-labelledby=r{numeric.pk}]")).to_contain_text(
        "Right answer: 15000"
    )
    learner.screenshot(path=screenshots / "e2e-6-result-after.png", full_page=True)

    admin = _new_page(browser)
    sign_in(admin, base, admin_user.email, totp=True)
    admin.get_by_role("link", name="Open the audit log").click()
    entry = admin.get_by_role("row").filter(has_text="question.regrade")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(manager.email)
    expect(entry).to_contain_text("due-diligence-threshold")
    expect(entry).to_contain_text(f"{participant.email}: 1 → 2")  # whose score moved
    assert_accessible(admin)
    admin.screenshot(path=screenshots / "e2e-7-audit-log.png", full_page=True)
    assert AuditEntry.objects.filter(action="question.regrade", actor=manager).count() == 1
