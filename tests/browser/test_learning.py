"""A learner takes a module from the first lesson to a passed quiz, reloading mid-attempt."""

from playwright.sync_api import expect

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.learning.content import load_modules
from crossborder.learning.models import Attempt, Question

from .helpers import assert_accessible, settle, sign_in


def _answer(page, q, saved="Saved", wait=True):
    form = page.locator(f"#q{q.pk}")
    data = q.data
    if q.kind == "single":
        right = next(i for i, o in enumerate(data["options"]) if o["correct"])
        form.locator(f"input[value='{right}']").check()
    elif q.kind == "multiple":
        for i, o in enumerate(data["options"]):
            if o["correct"]:
                form.locator(f"input[value='{i}']").check()
    elif q.kind == "true_false":
        form.locator(f"input[value='{'true' if data['answer'] else 'false'}']").check()
    elif q.kind == "matching":
        for i in range(len(data["pairs"])):
            form.locator(f"#q{q.pk}-m{i}").select_option(str(i))
    elif q.kind == "ordering":
        for i in range(len(data["items"])):
            form.locator(f"#q{q.pk}-o{i}").select_option(str(i))
    else:
        box = form.locator("input[name=response]")
        box.fill(str(data["accepted"][0] if q.kind == "short" else data["answer"]))
        box.press("Tab")  # the change event saves it
    if wait:
        expect(form.locator(".save-status")).to_contain_text(saved)


def test_it_takes_a_module_to_a_passed_quiz_and_survives_a_reload(
    live_server, page, screenshots, participant
):
    load_taxonomy(Tag)
    load_modules()
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.get_by_role("link", name="Online modules", exact=True).click()
    assert_accessible(page)
    page.screenshot(path=screenshots / "modules.png", full_page=True)
    page.get_by_role("link", name="THB law and the 2024 reform").click()
    page.locator("ol.lessons a").first.click()
    assert_accessible(page)
    page.screenshot(path=screenshots / "lesson.png", full_page=True)
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").click()
    page.get_by_role("link", name="Back to the module and its quiz").click()
    page.get_by_role("button", name="Start or resume the quiz").click()
    settle(page)  # answers are saved by htmx: it must be listening before the first click
    attempt = Attempt.objects.get(user=participant)
    questions = Question.objects.in_bulk(attempt.question_ids)
    for pk in attempt.question_ids[:5]:
        _answer(page, questions[pk])
    page.reload()
    expect(page.locator(".save-status", has_text="Saved")).to_have_count(5)
    for pk in attempt.question_ids[5:]:
        _answer(page, questions[pk])
    assert_accessible(page)
    page.screenshot(path=screenshots / "quiz.png", full_page=True)
    page.get_by_role("button", name="Submit the attempt").click()
    expect(page.locator(".score")).to_contain_text("10 of 10 points (100.0 %)")
    expect(page.get_by_text("Passed. Well done.")).to_be_visible()
    page.screenshot(path=screenshots / "quiz-result.png", full_page=True)
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score == 10


def test_it_shows_a_timed_out_attempt_as_expired_until_it_is_submitted(
    live_server, page, screenshots, participant
):
    from datetime import timedelta

    from django.utils import timezone

    load_taxonomy(Tag)
    load_modules()
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.goto(f"{base}/learn/thb-law-and-2024-reform/")
    page.get_by_role("button", name="Start or resume the quiz").click()
    settle(page)  # answers are saved by htmx: it must be listening before the first click
    attempt = Attempt.objects.get(user=participant)
    _answer(page, Question.objects.get(pk=attempt.question_ids[0]))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    page.reload()
    expect(page.get_by_role("status").first).to_contain_text("Time is up.")
    expect(page.locator(f"#q{attempt.question_ids[1]} input").first).to_be_disabled()
    assert_accessible(page)
    page.screenshot(path=screenshots / "quiz-expired.png", full_page=True)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None  # viewing graded nothing
    page.get_by_role("button", name="See the result").click()
    expect(page.locator(".score")).to_contain_text("of 10 points")
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.score > 0  # the saved answer counts


def test_submitting_waits_for_the_answers_still_being_saved(
    live_server, page, participant, monkeypatch
):
    """Ticking the last boxes and pressing "Submit" at once must not lose those answers."""
    import time

    from crossborder.learning import services

    load_taxonomy(Tag)
    load_modules()
    save = services.save_answer

    def slow_save(**kwargs):
        time.sleep(0.4)  # a busy server: the saves are still on their way when Submit is pressed
        return save(**kwargs)

    monkeypatch.setattr(services, "save_answer", slow_save)
    base = live_server.url
    sign_in(page, base, participant.email)
    page.goto(f"{base}/learn/thb-law-and-2024-reform/")
    page.get_by_role("button", name="Start or resume the quiz").click()
    settle(page)
    attempt = Attempt.objects.get(user=participant)
    questions = Question.objects.in_bulk(attempt.question_ids)
    for pk in attempt.question_ids:
        _answer(page, questions[pk], wait=False)
    page.get_by_role("button", name="Submit the attempt").click()
    expect(page.locator(".score")).to_contain_text("10 of 10 points (100.0 %)")
    attempt.refresh_from_db()
    assert attempt.answers.count() == 10 and attempt.score == 10
