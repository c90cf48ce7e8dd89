"""The curriculum that ships with Crossborder: complete, answerable, sourced, covering the matrix.

These checks read the content files directly (crossborder/content/modules); the learning engine
loads the same files.
"""

from pathlib import Path

import pytest
import yaml

MODULES = Path(__file__).resolve().parents[2] / "crossborder" / "content" / "modules"
TYPES = {"single", "multiple", "true_false", "matching", "ordering", "short", "numeric"}
PROFESSIONS = {
    "judge",
    "prosecutor",
    "law_enforcement",
    "financial_compliance",
    "labour_inspector",
    "civil_society",
    "other_authority",
}


def module_dirs():
    return sorted(p for p in MODULES.iterdir() if p.is_dir())


def load(folder):
    meta = yaml.safe_load((folder / "module.yaml").read_text(encoding="utf-8"))
    questions = yaml.safe_load((folder / "questions.yaml").read_text(encoding="utf-8"))
    return meta, questions


def test_it_ships_twelve_modules():
    assert len(module_dirs()) >= 12


@pytest.mark.parametrize("folder", module_dirs(), ids=lambda p: p.name)
def test_each_module_is_complete_and_sourced(folder):
    meta, questions = load(folder)
    assert set(meta["title"]) >= {"en", "fr", "de"}
    assert meta["level"] in {"public", "registered", "restricted"}
    assert set(meta["professions"]) <= PROFESSIONS
    assert meta["elements"] and set(meta["elements"]) <= {"A", "B", "C"}
    assert meta["forms"] and set(meta["forms"]) <= {"S", "L", "O"}
    assert meta["sources"]
    assert 3 <= len(meta["lessons"]) <= 6
    for name in meta["lessons"]:
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith("# "), name
        assert "## Sources" in text, name
    assert len(questions) >= 20
    assert len({q["id"] for q in questions}) == len(questions)
    assert TYPES <= {q["type"] for q in questions} <= TYPES | {"essay"}  # every type, mixed


@pytest.mark.parametrize("folder", module_dirs(), ids=lambda p: p.name)
def test_every_question_has_a_correct_answer_an_explanation_and_a_source(folder):
    _meta, questions = load(folder)
    for q in questions:
        where = f"{folder.name}/{q['id']}"
        assert q["type"] in TYPES | {"essay"}, where
        assert q.get("text"), where
        assert q.get("explanation"), where
        assert q.get("source"), where
        kind = q["type"]
        if kind == "single":
            assert sum(1 for o in q["options"] if o["correct"]) == 1, where
        elif kind == "multiple":
            assert sum(1 for o in q["options"] if o["correct"]) >= 2, where
            assert any(not o["correct"] for o in q["options"]), where
        elif kind == "true_false":
            assert isinstance(q["answer"], bool), where
        elif kind == "matching":
            assert len(q["pairs"]) >= 3 and all(p["left"] and p["right"] for p in q["pairs"]), where
        elif kind == "ordering":
            assert len(q["items"]) >= 3, where
        elif kind == "short":
            assert q["accepted"] and all(str(a).strip() for a in q["accepted"]), where
        elif kind == "numeric":
            assert isinstance(q["answer"], int | float) and q["tolerance"] >= 0, where
        elif kind == "essay":  # graded by a trainer: a rubric and guidance instead of an answer
            assert q["rubric"] and q.get("grader_info"), where
            assert all(r["criterion"] and r["points"] > 0 for r in q["rubric"]), where
            assert (q.get("min_words") or 0) <= (q.get("max_words") or 10_000), where


def test_a_shipped_module_has_an_essay_with_a_three_criterion_rubric_in_every_attempt():
    essays = [
        (folder.name, q)
        for folder in module_dirs()
        for q in load(folder)[1]
        if q["type"] == "essay"
    ]
    assert essays, "no shipped module has an essay question"
    assert any(len(q["rubric"]) == 3 and q.get("fixed") for _name, q in essays)


def test_every_element_and_form_cell_is_covered_by_a_module():
    cells = set()
    for folder in module_dirs():
        meta, _ = load(folder)
        cells |= {(e, f) for e in meta["elements"] for f in meta["forms"]}
    assert cells == {(e, f) for e in "ABC" for f in "SLO"}


def test_prerequisites_name_existing_modules():
    slugs = {load(folder)[0]["slug"] for folder in module_dirs()}
    for folder in module_dirs():
        assert set(load(folder)[0].get("prerequisites") or []) <= slugs, folder.name
