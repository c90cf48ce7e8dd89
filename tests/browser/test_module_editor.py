"""A trainer creates a module, writes a lesson with an image while the live preview follows,
is told why the module cannot be published yet, and publishes it once it has questions."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.learning.models import Lesson, Module
from tests.authoring.module_helpers import make_question

from .helpers import assert_accessible, settle, sign_in


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_trainer_writes_a_module_with_an_illustrated_lesson_and_publishes_it(
    live_server, page, screenshots, trainer, participant, tmp_path
):
    load_taxonomy(Tag)
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, trainer.email)
    page.get_by_role("link", name="Authoring", exact=True).click()
    expect(page.get_by_role("heading", name="Authoring")).to_be_visible()
    page.get_by_role("button", name="New module").click()
    page.get_by_label("Title (English)").fill("Recruitment fraud online")
    page.get_by_label("Title (French)").fill("La fraude au recrutement en ligne")
    page.get_by_label("Summary (English)").fill(
        "Fake job offers on social media and how to trace them."
    )
    page.get_by_label("Audience").select_option("public")
    page.get_by_label("Labour inspector").check()
    page.get_by_label("Questions drawn at random from the bank").fill("2")
    assert_accessible(page)
    page.get_by_role("button", name="Create the module as a draft").click()
    expect(page.locator(".messages")).to_contain_text("Module created as a draft")
    expect(page.locator(".status-bar .badge")).to_have_text("Draft")
    module = Module.objects.get(slug="recruitment-fraud-online")
    assert list(module.owners.all()) == [trainer]

    page.get_by_role("button", name="Add a lesson").click()
    settle(page)
    page.get_by_label("Title (English)").fill("Spotting a fake job offer")
    page.get_by_label("Text (English)").fill(
        "## Warning signs\n\nA **fee** to apply, wages far above the market, no contract."
    )
    preview = page.locator("#preview")
    expect(preview.locator("h2")).to_have_text("Warning signs")  # live, before saving
    expect(preview.locator("strong")).to_have_text("fee")

    picture = tmp_path / "advert.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), (30, 58, 138)).save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    page.get_by_label("Image", exact=True).set_input_files(str(picture))
    page.get_by_label("What the image shows").fill("A fake job advert")
    page.get_by_role("button", name="Upload and add the image").click()
    expect(page.locator(".messages")).to_contain_text("The image is added")
    image = preview.get_by_role("img", name="A fake job advert")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 320  # really served from the storage
    expect(page.get_by_label("Text (English)")).to_have_value(
        re.compile(r"!\[A fake job advert\]\(/media/lessons/recruitment-fraud-online/")
    )
    # the preview follows further typing after the upload too
    settle(page)
    page.get_by_label("Text (English)").press("Control+End")
    page.get_by_label("Text (English)").type("\n\nCheck the company register.")
    expect(preview).to_contain_text("Check the company register.")
    assert_accessible(page)
    page.screenshot(path=screenshots / "author-lesson.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "author-lesson-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Save lesson").click()
    expect(page.locator(".messages")).to_contain_text("Lesson saved.")
    lesson = Lesson.objects.get(module=module)
    assert "![A fake job advert](/media/lessons/" in lesson.body

    page.get_by_role("link", name="Recruitment fraud online").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text(
        "the quiz draws 2 questions but the bank has only 0 visible questions"
    )
    expect(page.locator(".status-bar .badge")).to_have_text("Draft")

    make_question(module, 1)
    make_question(module, 2, kind="true_false")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("The module is published")
    expect(page.locator(".status-bar .badge")).to_have_text("Published")
    assert_accessible(page)
    page.screenshot(path=screenshots / "author-module.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "author-module-phone.png", full_page=True)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}{lesson.get_absolute_url()}")  # as learners will see it
    expect(page.get_by_role("img", name="A fake job advert")).to_be_visible()
    page.get_by_role("link", name="Authoring", exact=True).click()
    row = page.locator("tr", has_text="Recruitment fraud online")
    expect(row.locator(".badge")).to_have_text("Published")
    page.screenshot(path=screenshots / "author-home.png", full_page=True)


def test_a_manager_corrects_a_library_entry_with_its_preview(
    live_server, page, screenshots, manager
):
    from crossborder.library.models import Entry
    from tests.library.conftest import make_entry

    load_taxonomy(Tag)
    entry = make_entry("eu-strategy-2021-2025", title="EU Strategy on Combatting THB 2021-2025")
    entry.details = {"publisher": "European Commission", "date": "2021-04-14"}
    entry.reviewed = entry.created.date()
    entry.save()
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, manager.email, totp=True)
    page.get_by_role("link", name="Authoring", exact=True).click()
    page.get_by_role("button", name="Edit the library").click()
    page.get_by_role("link", name="EU Strategy on Combatting THB 2021-2025").click()
    settle(page)
    body = page.get_by_label("Text (English)")
    body.fill("## Four priorities\n\n" + "Reduce the demand that fosters trafficking. " * 12)
    expect(page.locator("#preview h2")).to_have_text("Four priorities")
    page.get_by_label("Details of its kind (YAML)").fill("publisher: European Commission\n")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator("#id_details_error")).to_contain_text("Missing date")
    assert_accessible(page)
    page.screenshot(path=screenshots / "author-library-entry.png", full_page=True)
    page.get_by_label("Details of its kind (YAML)").fill(
        "publisher: European Commission\ndate: '2021-04-14'\n"
    )
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".messages")).to_contain_text("Library entry saved.")
    entry = Entry.objects.get()
    assert entry.body.startswith("## Four priorities") and entry.edited_at is not None
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "author-library-entry-phone.png", full_page=True)
