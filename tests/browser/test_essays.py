"""A learner writes an essay in a quiz; a trainer grades it in the grading queue; the learner
sees the final result with the trainer's feedback."""

from playwright.sync_api import expect

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.learning.content import load_modules
from crossborder.learning.models import Answer, Attempt, Question

from .helpers import assert_accessible, settle, sign_in
from .test_learning import _answer

ESSAY = (
    "Act: the recruiter recruited the workers abroad and arranged their transport; the "
    "employer received them on the farm.\n\n"
    "Means: they were deceived about their pay. Keeping their passports and deducting travel "
    "and housing from the wages left them no real or acceptable alternative but to submit: "
    "abuse of a position of vulnerability.\n\n"
    "Purpose: the exploitation of their labour.\n\n"
    "Her agreement: she agreed to a different job and pay. Once a means such as deception is "
    "used, the consent of the victim is irrelevant under Article 2."
)


def test_a_learner_writes_an_essay_and_a_trainer_grades_it_in_the_queue(
    live_server, page, screenshots, participant, trainer
):
    load_taxonomy(Tag)
    load_modules()
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.goto(f"{base}/learn/labour-exploitation-and-companies/")
    page.get_by_role("button", name="Start or resume the quiz").click()
    settle(page)  # answers are saved by htmx: it must be listening first
    attempt = Attempt.objects.get(user=participant)
    questions = Question.objects.in_bulk(attempt.question_ids)
    essay = next(q for q in questions.values() if q.kind == "essay")
    for pk in attempt.question_ids:
        if pk != essay.pk:
            _answer(page, questions[pk])
    box = page.get_by_label("Your answer", exact=True).and_(page.locator("textarea"))
    expect(box).to_have_value("Act:\n\nMeans:\n\nPurpose:\n\nThe worker's agreement:\n")
    box.fill("Act: recruitment.")
    count = page.locator(f"#q{essay.pk}-wc")
    expect(count.locator("[data-words]")).to_have_text("2")
    expect(count).to_have_class("word-count note under")
    box.fill(ESSAY)
    expect(count.locator("[data-words]")).to_have_text(str(len(ESSAY.split())))
    box.press("Tab")  # the change event saves it
    expect(page.locator(f"#status-{essay.pk}")).to_contain_text("Saved")
    page.locator(f"#q{essay.pk}").scroll_into_view_if_needed()
    assert_accessible(page)
    page.locator(f"#q{essay.pk}").screenshot(path=screenshots / "essay-answer.png")
    page.get_by_role("button", name="Submit the attempt").click()
    expect(page.get_by_text("Awaiting grading").first).to_be_visible()
    expect(page.locator(".score")).to_contain_text(
        "10 of 10 points graded; 1 essay awaiting a trainer"
    )
    assert_accessible(page)
    page.screenshot(path=screenshots / "essay-awaiting.png", full_page=True)
    assert Answer.objects.get(attempt=attempt, question=essay).response == ESSAY

    page.context.clear_cookies()
    sign_in(page, base, trainer.email)
    expect(page.get_by_text("1 submitted essay is waiting")).to_be_visible()
    page.get_by_role("link", name="Essays to grade").first.click()
    expect(page.locator(".hits-count")).to_contain_text("1 essay awaiting grading")
    assert_accessible(page)
    page.screenshot(path=screenshots / "grading-queue.png", full_page=True)
    page.get_by_role("button", name="Grade").click()
    expect(page.get_by_role("heading", name="Grade an essay")).to_be_visible()
    expect(page.locator(".essay-text")).to_contain_text("Purpose: the exploitation")
    page.get_by_label("Identifies the three constituent elements").fill("3")
    page.get_by_label("Recognises deception").fill("2")
    page.get_by_label("Explains that the worker's consent").fill("1")
    page.get_by_label("Feedback to the learner").fill("Clear and complete. Well argued.")
    page.get_by_role("button", name="Save the grade").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    expect(page.get_by_text("Ensure this value is less than or equal to 2")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / "grading-essay.png", full_page=True)
    page.get_by_label("Identifies the three constituent elements").fill("2")
    page.get_by_role("button", name="Save the grade").click()
    expect(page.get_by_role("status").first).to_contain_text("Grade saved for Ana Horvat")
    expect(page.locator(".hits-count")).to_contain_text("0 essays awaiting grading")

    page.context.clear_cookies()
    sign_in(page, base, participant.email)
    page.goto(f"{base}{attempt.get_absolute_url()}")
    expect(page.locator(".score")).to_contain_text("11 of 11 points (100.0 %)")
    expect(page.get_by_text("Passed. Well done.")).to_be_visible()
    expect(page.get_by_text("Clear and complete. Well argued.")).to_be_visible()
    page.get_by_text("Feedback from the trainer").scroll_into_view_if_needed()
    assert_accessible(page)
    page.screenshot(path=screenshots / "essay-graded.png", full_page=True)
    attempt.refresh_from_db()
    assert attempt.passed and attempt.essays_awaiting == 0
