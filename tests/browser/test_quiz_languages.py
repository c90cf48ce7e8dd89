"""A public module's quiz taken in French and in German (issue 18, item 12): the learner picks
the language in the footer, reads the lesson and every question in it (no "English only" label),
and passes. The French attempt is half answered, then resumed and submitted in English: the
grade does not depend on the language."""

import re

import pytest
from playwright.sync_api import expect

from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.learning.content import load_modules
from crossborder.learning.models import Attempt, Module, Question

from .helpers import assert_accessible, settle, sign_in
from .test_learning import _answer

MODULE = "thb-law-and-2024-reform"  # public
WORDS = {
    "fr": {
        "english_only": "Anglais uniquement",
        "start": "Commencer ou reprendre le quiz",
        "submit": "Envoyer la tentative",
        "passed": "Réussi. Félicitations !",
        "saved": "Enregistré",
    },
    "de": {
        "english_only": "Nur auf Englisch",
        "start": "Quiz starten oder fortsetzen",
        "submit": "Versuch einreichen",
        "passed": "Bestanden. Herzlichen Glückwunsch!",
        "saved": "Gespeichert",
    },
}


def _choose_language(page, code):
    page.locator("#language-select").select_option(code)
    page.locator(".language-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_public_quiz_is_taken_in_french_and_german(
    language, live_server, page, screenshots, participant
):
    load_taxonomy(Tag)
    load_modules()
    words = WORDS[language]
    module = Module.objects.get(slug=MODULE)
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    _choose_language(page, language)

    page.goto(f"{base}{module.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text(getattr(module, f"title_{language}"))
    page.locator("ol.lessons a").first.click()
    lesson = module.lessons.order_by("order").first()
    expect(page.locator("h1")).to_have_text(getattr(lesson, f"title_{language}"))
    expect(page.get_by_text(words["english_only"])).to_have_count(0)
    page.screenshot(path=screenshots / f"lesson-{language}.png", full_page=True)

    page.goto(f"{base}{module.get_absolute_url()}")
    page.get_by_role("button", name=words["start"]).click()
    settle(page)
    attempt = Attempt.objects.get(user=participant)
    questions = Question.objects.in_bulk(attempt.question_ids)
    for pk in attempt.question_ids:  # every question drawn reads in the chosen language
        text = re.sub(r"[*_`\[\]]", "", questions[pk].translations[language]["text"])
        expect(page.locator(f"#qt{pk}")).to_contain_text(" ".join(text.split())[:30])
    expect(page.get_by_text(words["english_only"])).to_have_count(0)
    assert_accessible(page)

    half = len(attempt.question_ids) // 2
    for pk in attempt.question_ids[:half]:
        _answer(page, questions[pk], words["saved"])
    page.screenshot(path=screenshots / f"quiz-{language}.png", full_page=True)
    if language == "fr":  # resumed in English: the saved answers stay and count
        _choose_language(page, "en")
        expect(page.locator(".save-status", has_text="Saved")).to_have_count(half)
        submit, passed, saved = "Submit the attempt", "Passed. Well done.", "Saved"
    else:
        submit, passed, saved = words["submit"], words["passed"], words["saved"]
    for pk in attempt.question_ids[half:]:
        _answer(page, questions[pk], saved)
    page.get_by_role("button", name=submit).click()
    expect(page.get_by_text(passed)).to_be_visible()
    page.screenshot(path=screenshots / f"quiz-result-{language}.png", full_page=True)
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score == attempt.max_score
