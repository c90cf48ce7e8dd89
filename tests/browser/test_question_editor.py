"""A trainer writes a multiple-response and a numerical question in the bank editor, watches
the live preview, tries both answers in it (graded by the real code), and saves them."""

from playwright.sync_api import expect

from crossborder.learning.models import Module, Question, Quiz
from crossborder.library.models import Entry

from .helpers import assert_accessible, settle, sign_in


def test_a_trainer_writes_and_tries_two_questions_in_the_bank_editor(
    live_server, page, screenshots, trainer
):
    module = Module.objects.create(
        slug="supply-chains", title="THB in supply chains", level="public", status="draft"
    )
    module.owners.add(trainer)
    Quiz.objects.create(module=module)
    Entry.objects.create(
        slug="directive-2011-36",
        kind="instrument",
        title="Directive 2011/36/EU",
        summary="The anti-trafficking directive.",
        body="Text.",
        access="public",
    )
    base = live_server.url
    page.set_viewport_size({"width": 1400, "height": 1000})
    sign_in(page, base, trainer.email)
    page.goto(f"{base}/author/modules/{module.slug}/questions/")
    expect(page.get_by_text("The bank is empty. Add the first question.")).to_be_visible()
    page.get_by_role("button", name="New question").click()
    page.get_by_role("button", name="Multiple response").click()
    settle(page)

    # A multiple-response question: the preview follows the typing (htmx).
    page.get_by_label("Name").fill("Acts of trafficking")
    page.get_by_label("Question text").fill("Which of these are **acts** under Article 2?")
    for n, (text, grade) in enumerate(
        [("Recruitment", "50"), ("Harbouring", "50"), ("Holding a visa", "-100")], 1
    ):
        page.get_by_label(f"Choice {n}", exact=True).fill(text)
        page.get_by_label(f"Grade (%) {n}", exact=True).fill(grade)
    page.get_by_label("Feedback for this choice 3", exact=True).fill("A visa is not an act.")
    page.get_by_label("Category (optional)", exact=True).fill("Element A/Definition")
    page.get_by_label("Source").fill("directive-2011-36")
    preview = page.locator("#preview")
    expect(preview.locator("cite")).to_have_text("Directive 2011/36/EU")  # the last field typed
    expect(preview.get_by_label("Holding a visa")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("acts")
    preview.get_by_label("Recruitment").check()
    preview.get_by_label("Harbouring").check()
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 1 / 1")
    preview.get_by_label("Holding a visa").check()
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 0 / 1")
    expect(preview).to_contain_text("A visa is not an act.")
    assert not Question.objects.exists()  # trying saves nothing
    assert_accessible(page)
    page.screenshot(path=screenshots / "question-editor-multiple.png", full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Question “Acts of trafficking” saved.")).to_be_visible()
    multiple = Question.objects.get(kind="multiple")
    assert [o["fraction"] for o in multiple.data["options"]] == [0.5, 0.5, -1.0]

    # A numerical question with a tolerance; a wrong answer gets its feedback.
    page.goto(f"{base}/author/modules/{module.slug}/questions/new/?kind=numeric")
    page.get_by_label("Name").fill("Maximum penalty")
    page.get_by_label("Question text").fill(
        "What is the minimum maximum penalty (in years) for the aggravated offence?"
    )
    page.get_by_label("Answer 1", exact=True).fill("10")
    page.get_by_label("Tolerance (±) 1", exact=True).fill("0")
    page.get_by_label("Answer 2", exact=True).fill("*")
    page.get_by_label("Grade (%) 2", exact=True).fill("0")
    page.get_by_label("Feedback for this answer 2", exact=True).fill("See Article 4(2).")
    page.get_by_label("Source").fill("directive-2011-36")
    expect(preview.locator("cite")).to_have_text("Directive 2011/36/EU")
    answer = preview.get_by_label("Your answer")
    answer.fill("10")
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 1 / 1")
    preview.get_by_label("Your answer").fill("5")
    preview.get_by_role("button", name="Try it").click()
    expect(preview.locator(".try-score")).to_contain_text("Points: 0 / 1")
    expect(preview).to_contain_text("See Article 4(2).")
    expect(preview).to_contain_text("Right answer: 10")
    assert_accessible(page)
    page.screenshot(path=screenshots / "question-editor-numeric.png", full_page=True)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Question “Maximum penalty” saved.")).to_be_visible()
    numeric = Question.objects.get(kind="numeric")
    assert numeric.history.get().history_user == trainer

    page.goto(f"{base}/author/modules/{module.slug}/questions/")
    bank = page.locator("form.bank")
    expect(bank.get_by_role("link", name="Acts of trafficking")).to_be_visible()
    expect(bank.get_by_role("link", name="Maximum penalty")).to_be_visible()
    expect(bank.locator("h2")).to_have_count(3)  # top, Element A, Definition
    assert_accessible(page)
    page.screenshot(path=screenshots / "question-bank.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "question-bank-phone.png", full_page=True)
