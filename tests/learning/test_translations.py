"""Questions in French and German: loaded from questions.fr.yaml / questions.de.yaml beside the
English bank, shown in the learner's language with "English only" where a translation is
missing, graded the same whatever the language (an attempt started in French is resumed in
English), and exported to Moodle in the chosen language."""

from pathlib import Path

import pytest

from crossborder.learning.content import ContentFileError, load_modules
from crossborder.learning.models import Attempt, Module, Question
from crossborder.learning.translations import in_language
from tests.factories import right_answer_post, start_quiz

pytestmark = pytest.mark.django_db

MODULE = """\
slug: jit-basics
title: {en: "Joint investigation teams: the basics", fr: "Les équipes communes d'enquête", de: "Gemeinsame Ermittlungsgruppen"}
summary: {en: "What a JIT is.", fr: "Ce qu'est une ECE.", de: "Was eine GEG ist."}
objectives: ["After this module you can say when a JIT helps."]
level: public
professions: [prosecutor]
elements: [A]
forms: [S]
lessons: [01-what-a-jit-is.md, 02-setting-one-up.md]
quiz: {draw_count: 4, pass_mark: 70}
sources: ["Council Framework Decision 2002/465/JHA"]
"""

QUESTIONS = """\
- id: q01
  type: single
  scenario: true
  text: "A prosecutor in Lyon and police in Bucharest investigate the same network. What do they set up to gather evidence together?"
  options:
    - {text: "A joint investigation team", correct: true, feedback: "Right: a JIT lets both collect evidence under one agreement."}
    - {text: "A European Arrest Warrant", correct: false, feedback: "No: an EAW surrenders a person; it gathers no evidence."}
    - {text: "A Europol liaison officer", correct: false, feedback: "No: liaison officers exchange information, not evidence."}
  explanation: "A JIT is set up by agreement for a defined purpose and period."
  source: "Council Framework Decision 2002/465/JHA"
- id: q02
  type: short
  text: "What is the usual English abbreviation of a joint investigation team?"
  accepted: ["JIT", "joint investigation team"]
  explanation: "JIT."
  source: "Council Framework Decision 2002/465/JHA"
- id: q03
  type: true_false
  text: "A JIT needs a written agreement."
  answer: true
  feedback: {true: "Right.", false: "No: the agreement is written."}
  explanation: "The agreement sets purpose, period and members."
  source: "Council Framework Decision 2002/465/JHA"
- id: q04
  type: ordering
  text: "Put the steps in order."
  items: ["Identify the link", "Consult Eurojust", "Sign the agreement"]
  explanation: "First the link, then Eurojust, then the signatures."
  source: "Council Framework Decision 2002/465/JHA"
"""

# As a translator writes it: typographic apostrophes, French spacing, and q03 not yet done.
QUESTIONS_FR = """\
- id: q01
  text: "Une procureure à Lyon et la police de Bucarest enquêtent sur le même réseau. Que mettent-elles en place pour recueillir ensemble des preuves ?"
  options:
    - {text: "Une équipe commune d’enquête", feedback: "Exact : une ECE permet de recueillir des preuves dans le cadre d’un seul accord."}
    - {text: "Un mandat d’arrêt européen", feedback: "Non : le MAE sert à la remise d’une personne, pas à la collecte de preuves."}
    - {text: "Un officier de liaison d’Europol", feedback: "Non : les officiers de liaison échangent des informations, pas des preuves."}
  explanation: "Une ECE est créée par accord, pour un objectif et une durée déterminés."
- id: q02
  text: "Quelle est l’abréviation française d’une équipe commune d’enquête ?"
  accepted: ["ECE", "équipe commune d'enquête"]
  explanation: "ECE."
- id: q04
  text: "Remettez les étapes dans l’ordre."
  items: ["Établir le lien", "Consulter Eurojust", "Signer l’accord"]
  explanation: "D’abord le lien, puis Eurojust, puis les signatures."
"""

QUESTIONS_DE = """\
- id: q01
  text: "Eine Staatsanwältin in Lyon und die Polizei in Bukarest ermitteln gegen dasselbe Netzwerk. Was richten sie ein, um gemeinsam Beweise zu erheben?"
  options:
    - {text: "Eine gemeinsame Ermittlungsgruppe", feedback: "Richtig: Eine GEG erhebt Beweise auf der Grundlage einer Vereinbarung."}
    - {text: "Einen Europäischen Haftbefehl", feedback: "Nein: Der EuHb dient der Übergabe einer Person, nicht der Beweiserhebung."}
    - {text: "Einen Europol-Verbindungsbeamten", feedback: "Nein: Verbindungsbeamte tauschen Informationen aus, keine Beweise."}
  explanation: "Eine GEG wird durch Vereinbarung für einen bestimmten Zweck und Zeitraum gebildet."
"""


def write_module(root: Path, fr: str = QUESTIONS_FR, de: str = QUESTIONS_DE) -> Path:
    folder = root / "modules" / "01-jit-basics"
    folder.mkdir(parents=True)
    (folder / "module.yaml").write_text(MODULE, encoding="utf-8")
    (folder / "questions.yaml").write_text(QUESTIONS, encoding="utf-8")
    (folder / "01-what-a-jit-is.md").write_text("# What a JIT is\n\nA team.\n", encoding="utf-8")
    (folder / "01-what-a-jit-is.fr.md").write_text("# Qu'est-ce qu'une ECE\n\nUne équipe.\n")
    (folder / "02-setting-one-up.md").write_text("# Setting one up\n\nAn agreement.\n")
    if fr:
        (folder / "questions.fr.yaml").write_text(fr, encoding="utf-8")
    if de:
        (folder / "questions.de.yaml").write_text(de, encoding="utf-8")
    return root / "modules"


@pytest.fixture
def module(tmp_path):
    load_modules(write_module(tmp_path))
    return Module.objects.get(slug="jit-basics")


def question(module, key) -> Question:
    return module.questions.get(key=key)


def test_translations_are_loaded_beside_the_english_bank(module):
    q01 = question(module, "q01")
    assert q01.text.startswith("A prosecutor in Lyon")
    fr = in_language(q01, "fr")
    assert fr.text.startswith("Une procureure à Lyon") and not fr.english_only
    assert fr.data["options"][0]["text"] == "Une équipe commune d’enquête"
    # What decides the grade stays the English question's.
    assert [o["correct"] for o in fr.data["options"]] == [True, False, False]
    assert in_language(q01, "de").data["options"][1]["text"] == "Einen Europäischen Haftbefehl"
    # q03 has no French wording: shown in English, marked as such.
    q03 = in_language(question(module, "q03"), "fr")
    assert q03.text == "A JIT needs a written agreement." and q03.english_only
    assert in_language(question(module, "q02"), "de").english_only


def test_a_short_answer_accepts_the_answers_of_every_language(module):
    accepted = question(module, "q02").data["accepted"]
    assert accepted == ["JIT", "joint investigation team", "ECE", "équipe commune d'enquête"]


def test_the_accepted_answers_shown_are_those_of_the_readers_language(module):
    from crossborder.learning.templatetags.learning import right_answers

    q02 = question(module, "q02")
    assert right_answers(in_language(q02, "fr")) == ["ECE", "équipe commune d'enquête"]
    assert right_answers(in_language(q02, "en")) == ["JIT", "joint investigation team"]
    # German has no wording of q02: the English answers, as the English text is shown
    assert right_answers(in_language(q02, "de")) == ["JIT", "joint investigation team"]


def test_reloading_the_same_files_changes_nothing(module, tmp_path):
    versions = question(module, "q01").history.count()
    load_modules(tmp_path / "modules")
    assert question(module, "q01").history.count() == versions


@pytest.mark.parametrize(
    ("french", "message"),
    [
        (
            '- id: q01\n  text: "Une question"\n  options: [{text: "Une"}, {text: "Deux"}]\n',
            "01-jit-basics/questions.fr.yaml, question q01: 'options' has 2 entries in the "
            "translation and 3 in English",
        ),
        (
            '- id: q01\n  text: ""\n',
            "01-jit-basics/questions.fr.yaml, question q01: the translation has no text",
        ),
        (
            '- id: q09\n  text: "Une question perdue"\n',
            "01-jit-basics/questions.fr.yaml translates questions that questions.yaml does not "
            "have: q09",
        ),
    ],
)
def test_a_translation_that_does_not_match_is_refused_and_nothing_is_stored(
    tmp_path, french, message
):
    folder = write_module(tmp_path, fr=french, de="")
    with pytest.raises(ContentFileError) as error:
        load_modules(folder)
    assert str(error.value) == message
    assert not Module.objects.filter(slug="jit-basics").exists()


def test_an_attempt_started_in_french_is_resumed_and_graded_in_english(
    client_of, participant, module
):
    c = client_of(participant)
    c.cookies["django_language"] = "fr"
    attempt = start_quiz(c, module)
    page = c.get(attempt.get_absolute_url()).content.decode()
    assert "Une procureure à Lyon" in page and "Une équipe commune d’enquête" in page
    assert "Établir le lien" in page
    assert page.count("English only") == 0 and page.count("Anglais uniquement") == 1
    questions = Question.objects.in_bulk(attempt.question_ids)
    first_two = [pk for pk in attempt.question_ids if questions[pk].key in ("q01", "q02")]
    for pk in first_two:
        post = right_answer_post(questions[pk])
        if questions[pk].key == "q02":
            post = {"response": "ECE"}  # the French answer
        r = c.post(f"/attempts/{attempt.pk}/answers/{pk}/", post, headers={"HX-Request": "1"})
        assert r.status_code == 200
    c.cookies["django_language"] = "en"
    page = c.get(attempt.get_absolute_url()).content.decode()
    assert "A prosecutor in Lyon" in page and page.count("✓ Saved") == 2
    for pk in attempt.question_ids:
        if pk not in first_two:
            c.post(f"/attempts/{attempt.pk}/answers/{pk}/", right_answer_post(questions[pk]))
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert (attempt.score, attempt.max_score) == (4.0, 4.0)


def test_a_lesson_without_a_translation_says_it_is_in_english_only(client_of, participant, module):
    c = client_of(participant)
    c.cookies["django_language"] = "fr"
    first, second = module.lessons.order_by("order")
    page = c.get(first.get_absolute_url()).content.decode()
    assert "Qu&#x27;est-ce qu&#x27;une ECE" in page and "Anglais uniquement" not in page
    page = c.get(second.get_absolute_url()).content.decode()
    assert "Setting one up" in page and "Anglais uniquement" in page
    assert '<article class="lesson-body" lang="en">' in page


def test_a_module_lists_its_objectives_in_the_readers_language(client_of, participant):
    load_modules()
    c = client_of(participant)
    c.cookies["django_language"] = "de"
    page = c.get("/learn/thb-law-and-2024-reform/").content.decode()
    assert "Lernziele" in page and "<ul><li>Nach diesem Modul können Sie" in page
    assert "After this module you can" not in page
    c.cookies["django_language"] = "fr"
    page = c.get("/learn/thb-law-and-2024-reform/").content.decode()
    assert "l&#x27;issue de ce module, vous savez" in page
    detail = c.get("/api/v1/modules/thb-law-and-2024-reform").json()
    assert detail["objectives"][0].startswith("After this module you can")
    assert detail["objectives_local"][0].startswith("À l'issue de ce module")


def test_objectives_written_as_one_english_list_are_shown_in_english(
    client_of, participant, module
):
    """A content package exported before objectives were translated still loads."""
    assert module.objectives == ["After this module you can say when a JIT helps."]
    assert module.objectives_fr == module.objectives_de == []
    c = client_of(participant)
    c.cookies["django_language"] = "de"
    page = c.get(module.get_absolute_url()).content.decode()
    assert '<ul lang="en"><li>After this module you can say when a JIT helps.</li>' in page


def test_the_bank_is_exported_in_the_chosen_language(client_of, manager, module):
    c = client_of(manager)
    url = f"/learn/{module.slug}/questions.xml"
    french = c.get(url, {"language": "fr"})
    assert french.status_code == 200
    assert "jit-basics-questions-fr.xml" in french["Content-Disposition"]
    body = french.content.decode()
    assert "Une procureure à Lyon" in body and "A prosecutor in Lyon" not in body
    assert "A JIT needs a written agreement." in body  # no French wording: English
    gift = c.get(f"/learn/{module.slug}/questions.gift", {"language": "de"}).content.decode()
    assert "Eine Staatsanwältin in Lyon" in gift
    english = c.get(url).content.decode()
    assert "A prosecutor in Lyon" in english
    refused = c.get(url, {"language": "es"})
    assert refused.status_code == 400
    assert "English (en), French (fr) or German (de)" in refused.content.decode()


def test_a_library_entry_reads_in_german_and_says_english_only_elsewhere(client_of, participant):
    from crossborder.library.content import load_library
    from crossborder.library.models import Entry

    load_modules()
    load_library()
    entry = Entry.objects.get(slug="directive-2011-36-eu")
    Entry.objects.filter(pk=entry.pk).update(
        body_de="## Inhalt\n\nDie Richtlinie legt fest …", body_fr=""
    )
    c = client_of(participant)
    c.cookies["django_language"] = "de"
    page = c.get(entry.get_absolute_url()).content.decode()
    assert "Die Richtlinie legt fest" in page and "Nur auf Englisch" not in page
    c.cookies["django_language"] = "fr"
    page = c.get(entry.get_absolute_url()).content.decode()
    assert "Anglais uniquement" in page and '<div class="entry-body" lang="en">' in page


def test_a_library_translation_without_its_entry_is_refused(tmp_path):
    import shutil

    from crossborder.library.content import LIBRARY_DIR, ContentError, load_library

    folder = tmp_path / "library"
    shutil.copytree(LIBRARY_DIR, folder)
    (folder / "instrument" / "directive-2011-36.fr.md").write_text("La directive …\n")
    with pytest.raises(ContentError, match=r"directive-2011-36\.fr\.md: translates no entry"):
        load_library(folder)
