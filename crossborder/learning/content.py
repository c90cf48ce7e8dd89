"""Load the online modules from content/modules/ (idempotent: matched by slug and key)."""

from pathlib import Path

import yaml
from django.db import transaction

from crossborder.curriculum.models import Tag
from crossborder.curriculum.templatetags.markup import render_markdown

from .models import Lesson, Module, Question, Quiz

MODULES_DIR = Path(__file__).resolve().parent.parent / "content" / "modules"


def _question_data(q: dict) -> dict:
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


@transaction.atomic
def load_modules(folder: Path = MODULES_DIR) -> dict:
    tags = {t.code: t for t in Tag.objects.all()}
    counts = {"modules": 0, "lessons": 0, "questions": 0}
    prerequisites = {}
    for order, path in enumerate(sorted(p for p in folder.iterdir() if p.is_dir()), 1):
        meta = yaml.safe_load((path / "module.yaml").read_text(encoding="utf-8"))
        module, _ = Module.objects.update_or_create(
            slug=meta["slug"],
            defaults={
                "order": order,
                "title": meta["title"]["en"],
                "title_fr": meta["title"].get("fr", ""),
                "title_de": meta["title"].get("de", ""),
                "summary": meta["summary"]["en"],
                "summary_fr": meta["summary"].get("fr", ""),
                "summary_de": meta["summary"].get("de", ""),
                "objectives": meta.get("objectives", []),
                "duration_minutes": meta.get("duration_minutes", 60),
                "level": meta["level"],
                "professions": meta.get("professions", []),
                "sources": meta.get("sources", []),
            },
        )
        codes = [*meta["elements"], *meta["forms"], *(meta.get("themes") or [])]
        module.tags.set([tags[c] for c in codes if c in tags])
        prerequisites[module] = meta.get("prerequisites") or []
        for number, name in enumerate(meta["lessons"], 1):
            text = (path / name).read_text(encoding="utf-8")
            title, _, body = text.partition("\n")
            Lesson.objects.update_or_create(
                module=module,
                slug=Path(name).stem,
                defaults={
                    "order": number,
                    "title": title.lstrip("# ").strip(),
                    "body": body.strip(),
                },
            )
            counts["lessons"] += 1
        questions = yaml.safe_load((path / "questions.yaml").read_text(encoding="utf-8"))
        fixed = []
        for q in questions:
            question, _ = Question.objects.update_or_create(
                module=module,
                key=q["id"],
                defaults={
                    "category": q.get("category", ""),
                    "kind": q["type"],
                    "text": q["text"],
                    "data": _question_data(q),
                    "explanation": q["explanation"],
                    "source": q["source"],
                },
            )
            question.tags.set([tags[c] for c in q.get("tags", []) if c in tags])
            if q.get("fixed"):  # in every attempt, besides the questions drawn at random
                fixed.append(question)
            counts["questions"] += 1
        quiz, _ = Quiz.objects.get_or_create(module=module)
        quiz.questions.add(*fixed)
        counts["modules"] += 1
    by_slug = {m.slug: m for m in prerequisites}
    for module, slugs in prerequisites.items():
        module.prerequisites.set([by_slug[s] for s in slugs if s in by_slug])
    return counts
