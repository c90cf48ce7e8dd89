"""The content check's rules, each fed a content folder with one mistake as an author would
make it. (`make content-check`, part of `make test`, runs the check on the real content.)"""

from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from crossborder.curriculum.checking import check_content, source_parts

ENTRY = """---
slug: directive-2011-36
kind: instrument
title:
  en: "Directive 2011/36/EU on preventing and combating trafficking in human beings"
citations: ["32011L0036"]
sources:
  - title: "Europol, The challenges of countering human trafficking in the digital era, 18.10.2020"
details:
  celex: "32011L0036"
---
The Directive sets minimum rules.
"""

UNVERIFIED = [{"pattern": r"\bPhoenix\b", "fact": "the name of Europol's analysis project"}]


def scenario(n: int, **extra) -> dict:
    return {
        "id": f"q{n:02d}",
        "type": "single",
        "scenario": True,
        "text": f"A labour inspector in Ghent finds case {n}. What does she do first?",
        "options": [{"text": "Refer", "correct": True, "feedback": "Right."}],
        "source": "Directive 2011/36/EU, Art. 11 (CELEX 32011L0036)",
        **extra,
    }


def recall(n: int, **extra) -> dict:
    return {**scenario(n), "scenario": False, "text": f"Recall {n}", **extra}


def numeric(n: int, answer) -> dict:
    return {**recall(n), "type": "numeric", "answer": answer, "tolerance": 0}


def bank(scenarios: int = 10, more=()) -> list:
    """Ten questions, all of them scenarios unless told otherwise, and `more`."""
    items = [scenario(n) for n in range(1, scenarios + 1)]
    items += [recall(n) for n in range(scenarios + 1, 11)]
    return items + list(more)


META = {
    "slug": "law",
    "title": {"en": "The law", "fr": "Le droit", "de": "Das Recht"},
    "summary": {"en": "The offence.", "fr": "L'infraction.", "de": "Der Tatbestand."},
    "objectives": {
        "en": ["You can name the three elements.", "You can name the penalties."],
        "fr": ["Vous savez citer les trois éléments.", "Vous savez citer les peines."],
        "de": ["Sie können die drei Elemente nennen.", "Sie können die Strafen nennen."],
    },
}


def make_content(
    tmp_path: Path, banks: dict, lesson: str = "# Lesson\n\nText.\n", meta: dict = META
) -> Path:
    content = tmp_path / "content"
    (content / "library" / "instrument").mkdir(parents=True)
    (content / "library" / "instrument" / "directive-2011-36.md").write_text(ENTRY)
    (content / "unverified.yaml").write_text(yaml.safe_dump(UNVERIFIED))
    for name, questions in banks.items():
        folder = content / "modules" / name
        folder.mkdir(parents=True)
        (folder / "questions.yaml").write_text(yaml.safe_dump(questions, allow_unicode=True))
        (folder / "01-lesson.md").write_text(lesson)
        (folder / "module.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True))
    return content


def messages(content: Path) -> list[str]:
    return [str(p) for p in check_content(content)]


def test_a_clean_folder_passes(tmp_path):
    assert messages(make_content(tmp_path, {"01-law": bank()})) == []


def test_a_question_without_source(tmp_path):
    content = make_content(tmp_path, {"01-law": bank(more=[scenario(30, source="  ")])})
    assert messages(content) == [
        "modules/01-law/questions.yaml q30: has no source: cite the official text it is based on"
    ]


def test_a_source_too_long_to_store(tmp_path):
    source = "Directive 2011/36/EU, Art. 2 (CELEX 32011L0036); " * 9
    content = make_content(tmp_path, {"01-law": bank(more=[scenario(30, source=source)])})
    assert messages(content) == [
        f"modules/01-law/questions.yaml q30: its source is {len(source)} characters long; "
        "at most 400 are stored"
    ]


@pytest.mark.parametrize(
    "source",
    [
        "Europol report",  # too vague: names no entry
        "FinCEN Advisory FIN-2020-A008",  # not in this library
        "http://eur-lex.europa.eu/eli/dir/2011/36/oj",  # not https
        "Directive 2011/36/EU (CELEX 32011L0036); GRETA",  # one good part, one vague part
    ],
)
def test_a_source_the_library_cannot_resolve(tmp_path, source):
    content = make_content(tmp_path, {"01-law": bank(more=[scenario(30, source=source)])})
    (problem,) = messages(content)
    assert problem.startswith("modules/01-law/questions.yaml q30: source ")


@pytest.mark.parametrize(
    "source",
    [
        "https://eur-lex.europa.eu/eli/dir/2011/36/oj",
        "Dir. 2011/36/EU, Art. 2",  # the act number the entry lists
        "Europol, 'The challenges of countering human trafficking in the digital era' (2020)",
        "Directive 2011/36/EU on preventing and combating trafficking in human beings, Art. 4",
    ],
)
def test_a_source_the_library_resolves(tmp_path, source):
    content = make_content(tmp_path, {"01-law": bank(more=[scenario(30, source=source)])})
    assert messages(content) == []


def test_semicolons_inside_brackets_do_not_split_a_source():
    assert source_parts("Practice lists (UNODC; Commission, 2013); https://a.example/x") == [
        "Practice lists (UNODC; Commission, 2013)",
        "https://a.example/x",
    ]


def test_an_unverified_detail_in_a_question_a_lesson_or_the_library(tmp_path):
    content = make_content(
        tmp_path,
        {"01-law": bank(more=[scenario(30, explanation="Europol's project Phoenix analyses it.")])},
        lesson="# Lesson\n\nEuropol runs the analysis project Phoenix.\n",
    )
    entry = content / "library" / "instrument" / "directive-2011-36.md"
    entry.write_text(ENTRY + "\nSee Phoenix.\n")
    found = messages(content)
    assert [p.split(":")[0] for p in found] == [
        "modules/01-law/questions.yaml q30",
        "modules/01-law/01-lesson.md",
        "library/instrument/directive-2011-36.md",
    ]
    assert all("the name of Europol's analysis project" in p for p in found)


def test_a_numeric_answer_asked_three_times_across_modules(tmp_path):
    content = make_content(
        tmp_path,
        {
            "01-law": bank(more=[numeric(30, 90), numeric(31, 30)]),
            "02-eio": bank(more=[numeric(30, "90.0"), numeric(31, 30)]),
            "03-mla": bank(more=[numeric(30, 90)]),
        },
    )
    assert messages(content) == [
        "modules 01:q30, 02:q30, 03:q30: the numeric answer 90 is asked in 3 questions; "
        "at most 2 may ask it"
    ]


def test_a_module_with_too_few_scenarios(tmp_path):
    content = make_content(tmp_path, {"01-law": bank(scenarios=3)})
    assert messages(content) == [
        "modules/01-law/questions.yaml: 3 of 10 questions are case scenarios "
        "(`scenario: true`); at least 4 (40%) are needed"
    ]


def test_a_module_whose_objectives_are_not_translated_one_for_one(tmp_path):
    objectives = META["objectives"]
    meta = {**META, "objectives": {**objectives, "fr": objectives["fr"][:1]}}
    content = make_content(tmp_path, {"01-law": bank()}, meta=meta)
    assert messages(content) == [
        "modules/01-law/module.yaml objectives: not one per English line: en 2, fr 1, de 2"
    ]


def test_a_module_written_in_english_only(tmp_path):
    meta = {**META, "summary": {"en": "The offence."}, "objectives": ["You can name them."]}
    content = make_content(tmp_path, {"01-law": bank()}, meta=meta)
    assert messages(content) == [
        "modules/01-law/module.yaml summary: needs its text in en, fr and de",
        "modules/01-law/module.yaml objectives: needs its text in en, fr and de",
    ]


def test_the_command_fails_with_the_problems_and_passes_without(tmp_path, capsys):
    good = make_content(tmp_path / "good", {"01-law": bank()})
    call_command("check_content", content=good)
    assert "no problems" in capsys.readouterr().out
    bad = make_content(tmp_path / "bad", {"01-law": bank(scenarios=0)})
    with pytest.raises(CommandError, match="1 content problem"):
        call_command("check_content", content=bad)
    assert "0 of 10 questions are case scenarios" in capsys.readouterr().err
