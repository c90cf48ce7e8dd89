"""Load the online modules from content/modules/ (idempotent: matched by slug and key)."""

import json
from pathlib import Path

import yaml
from django.db import transaction

from crossborder.curriculum.models import Tag
from crossborder.curriculum.seeding import seed, set_if_changed
from crossborder.curriculum.taxonomy import ensure_taxonomy
from crossborder.curriculum.templatetags.markup import render_markdown

from .models import Lesson, Module, Question, Quiz
from .translations import TRANSLATED, TranslationError, translation_of

MODULES_DIR = Path(__file__).resolve().parent.parent / "content" / "modules"


def question_data(q: dict, translated: dict | None = None) -> dict:
    """The stored `data` of a question from its file entry, as the database keeps JSON (YAML's
    `true:` keys become "true"), so that unchanged files compare equal to what is stored.
    A short answer accepts the answers of its translations too (`translated`: language → the
    translation file's entry)."""
    data = _data_of(q)
    if q["type"] == "short":
        for entry in (translated or {}).values():
            data["accepted"] += [str(a) for a in entry.get("accepted") or []]
        data["accepted"] = list(dict.fromkeys(data["accepted"]))
    return json.loads(json.dumps(data))


class ContentFileError(ValueError):
    """A content file that cannot be loaded: the message names the file and the question."""


def read_translations(path: Path) -> dict[str, dict[str, dict]]:
    """The translated question files of a module folder (questions.fr.yaml, questions.de.yaml):
    language → question id → entry. Each entry names a question of questions.yaml."""
    found: dict[str, dict[str, dict]] = {}
    for language in TRANSLATED:
        file = path / f"questions.{language}.yaml"
        if file.exists():
            entries = yaml.safe_load(file.read_text(encoding="utf-8")) or []
            found[language] = {str(e["id"]): e for e in entries}
    return found


def question_translations(q: dict, translated: dict, where: str) -> dict:
    """The stored `translations` of one question from its entries in the translated files."""
    out = {}
    data = json.loads(json.dumps(_data_of(q)))
    for language, entry in translated.items():
        try:
            out[language] = translation_of(q["type"], data, entry)
            if q["type"] == "short" and entry.get("accepted"):  # shown to readers of `language`
                out[language]["accepted"] = [str(a) for a in entry["accepted"]]
        except TranslationError as error:
            raise ContentFileError(
                f"{where.replace('.yaml', f'.{language}.yaml')}, question {q['id']}: {error}"
            ) from error
    return json.loads(json.dumps(out))  # as the database keeps JSON (YAML's `true:` keys)


def _data_of(q: dict) -> dict:
    kind = q["type"]
    if kind in ("single", "multiple"):
        return {"options": q["options"]}
    if kind == "true_false":
        return {"answer": bool(q["answer"]), "feedback": q.get("feedback") or {}}
    if kind == "matching":
        return {"pairs": q["pairs"]}
    if kind == "ordering":
        return {"items": q["items"]}
    if kind == "short":
        return {"accepted": [str(a) for a in q["accepted"]]}
    if kind == "essay":
        return {
            "grader_info": render_markdown(q.get("grader_info") or ""),
            "response_template": q.get("response_template") or "",
            "rubric": [
                {"criterion": r["criterion"], "points": r["points"]} for r in q.get("rubric") or []
            ],
            "min_words": q.get("min_words"),
            "max_words": q.get("max_words"),
        }
    return {"answer": q["answer"], "tolerance": q.get("tolerance", 0)}


QUIZ_SETTINGS = (
    "draw_count",
    "attempts_allowed",
    "time_limit_minutes",
    "pass_mark",
    "shuffle",
    "feedback",
)
LANGUAGES = ("fr", "de")


def _lesson(path: Path) -> tuple[str, str]:
    """(title, body) of a lesson file: a `# Title` line, then Markdown."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return title.lstrip("# ").strip(), body.strip()


def _lesson_values(path: Path, name: str, number: int, sources: list) -> dict:
    title, body = _lesson(path / name)
    values = {"order": number, "title": title, "body": body, "sources": sources}
    for language in LANGUAGES:  # 01-act.fr.md beside 01-act.md, when translated
        translated = path / f"{Path(name).stem}.{language}.md"
        title, body = _lesson(translated) if translated.exists() else ("", "")
        values[f"title_{language}"], values[f"body_{language}"] = title, body
    return values


@transaction.atomic
def load_modules(folder: Path = MODULES_DIR) -> dict:
    """Seed the modules from their folders. An item edited in the browser is kept and listed in
    the result's "conflicts" (see curriculum.seeding)."""
    ensure_taxonomy()
    tags = {t.code: t for t in Tag.objects.all()}
    counts = {"modules": 0, "lessons": 0, "questions": 0}
    conflicts = []
    prerequisites = {}
    for order, path in enumerate(sorted(p for p in folder.iterdir() if p.is_dir()), 1):
        meta = yaml.safe_load((path / "module.yaml").read_text(encoding="utf-8"))
        where = f"{path.name}/module.yaml"
        objectives = meta.get("objectives") or {}
        if isinstance(objectives, list):  # a package written before objectives were translated
            objectives = {"en": objectives}
        module, module_applies = seed(
            Module,
            {"slug": meta["slug"]},
            {
                "order": order,
                "title": meta["title"]["en"],
                "title_fr": meta["title"].get("fr", ""),
                "title_de": meta["title"].get("de", ""),
                "summary": meta["summary"]["en"],
                "summary_fr": meta["summary"].get("fr", ""),
                "summary_de": meta["summary"].get("de", ""),
                "objectives": objectives.get("en") or [],
                "objectives_fr": objectives.get("fr") or [],
                "objectives_de": objectives.get("de") or [],
                "duration_minutes": meta.get("duration_minutes", 60),
                "level": meta["level"],
                "professions": meta.get("professions", []),
                "sources": meta.get("sources", []),
                "status": meta.get("status", Module.Status.PUBLISHED),
            },
            label=f"module {meta['slug']}",
            file=where,
            conflicts=conflicts,
        )
        if module_applies:
            codes = [*meta["elements"], *meta["forms"], *(meta.get("themes") or [])]
            set_if_changed(module.tags, [tags[c] for c in codes if c in tags])
            prerequisites[module] = meta.get("prerequisites") or []
        lesson_sources = meta.get("lesson_sources") or {}
        for number, name in enumerate(meta["lessons"], 1):
            stem = Path(name).stem
            seed(
                Lesson,
                {"module": module, "slug": stem},
                _lesson_values(path, name, number, lesson_sources.get(stem, [])),
                label=f"lesson {module.slug}/{stem}",
                file=f"{path.name}/{name}",
                conflicts=conflicts,
            )
            counts["lessons"] += 1
        questions = yaml.safe_load((path / "questions.yaml").read_text(encoding="utf-8"))
        translations = read_translations(path)
        known = {str(q["id"]) for q in questions}
        for language, entries in translations.items():
            unknown = sorted(set(entries) - known)
            if unknown:
                raise ContentFileError(
                    f"{path.name}/questions.{language}.yaml translates questions that "
                    f"questions.yaml does not have: {', '.join(unknown)}"
                )
        fixed = []
        for q in questions:
            translated = {
                language: entries[str(q["id"])]
                for language, entries in translations.items()
                if str(q["id"]) in entries
            }
            question, applies = seed(
                Question,
                {"module": module, "key": q["id"]},
                {
                    "category": q.get("category", ""),
                    "kind": q["type"],
                    "text": q["text"],
                    # `data` as stored, for the kinds the file format does not spell out
                    "data": json.loads(json.dumps(q["data"]))
                    if "data" in q
                    else question_data(q, translated),
                    "explanation": q["explanation"],
                    "translations": question_translations(
                        q, translated, f"{path.name}/questions.yaml"
                    ),
                    "source": q["source"],
                    "hidden": bool(q.get("hidden", False)),
                    "scenario": q.get("scenario") is True,
                },
                label=f"question {module.slug}/{q['id']}",
                file=f"{path.name}/questions.yaml",
                conflicts=conflicts,
            )
            if applies:
                set_if_changed(question.tags, [tags[c] for c in q.get("tags", []) if c in tags])
            if q.get("fixed"):  # in every attempt, besides the questions drawn at random
                fixed.append(question)
            counts["questions"] += 1
        quiz, _ = Quiz.objects.get_or_create(module=module)
        settings = {k: meta["quiz"][k] for k in QUIZ_SETTINGS if k in (meta.get("quiz") or {})}
        if module_applies and any(getattr(quiz, k) != v for k, v in settings.items()):
            Quiz.objects.filter(pk=quiz.pk).update(**settings)
        quiz.questions.add(*fixed)
        counts["modules"] += 1
    by_slug = {m.slug: m for m in Module.objects.all()}
    for module, slugs in prerequisites.items():
        set_if_changed(module.prerequisites, [by_slug[s] for s in slugs if s in by_slug])
    return {**counts, "conflicts": conflicts}
