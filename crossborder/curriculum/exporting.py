"""`export_content`: the database's current curriculum written back in the files' format.

The online modules as content/modules/<nn>-<slug>/ (module.yaml, one Markdown file per lesson and
per translation, questions.yaml) and the published library entries as content/library/<kind>/
<slug>.md, so that `load_content` from the written folders reproduces the same content and a
provider can keep its curriculum under version control.
"""

from pathlib import Path

import yaml
from django.db.models import Prefetch

from crossborder.learning.content import LANGUAGES, QUIZ_SETTINGS, question_data
from crossborder.learning.models import Lesson, Module, Question, Quiz
from crossborder.library.models import Entry, Status


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


def _codes(tags) -> dict[str, list[str]]:
    by_kind = {"element": [], "form": [], "theme": []}
    for tag in sorted(tags, key=lambda t: (t.order, t.code)):
        by_kind[tag.kind].append(tag.code)
    return {"elements": by_kind["element"], "forms": by_kind["form"], "themes": by_kind["theme"]}


def _languages(obj, field: str) -> dict[str, str]:
    return {
        "en": getattr(obj, field),
        **{code: getattr(obj, f"{field}_{code}") for code in LANGUAGES},
    }


def _native(question: Question) -> dict:
    """The question's answer key in the file format of its kind; `data` as stored when the
    format cannot say it exactly (Moodle imports, essays, new kinds)."""
    data, kind = question.data, question.kind
    native = {}
    if kind in ("single", "multiple"):
        native = {"options": data.get("options", [])}
    elif kind == "true_false":
        native = {"answer": data.get("answer"), "feedback": data.get("feedback") or {}}
    elif kind == "matching":
        native = {"pairs": data.get("pairs", [])}
    elif kind == "ordering":
        native = {"items": data.get("items", [])}
    elif kind == "short":
        native = {"accepted": data.get("accepted", [])}
    elif kind == "numeric":
        native = {"answer": data.get("answer"), "tolerance": data.get("tolerance", 0)}
    try:
        if native and question_data({"type": kind, **native}) == data:
            return native
    except (KeyError, TypeError):
        pass
    return {"data": data}


def _question(question: Question, fixed: set[int]) -> dict:
    out = {
        "id": question.key,
        "type": question.kind,
        "category": question.category,
        "tags": [t.code for t in sorted(question.tags.all(), key=lambda t: (t.order, t.code))],
        "text": question.text,
        **_native(question),
        "explanation": question.explanation,
        "source": question.source,
    }
    if question.pk in fixed:
        out["fixed"] = True
    if question.scenario:
        out["scenario"] = True
    if question.hidden:
        out["hidden"] = True
    return out


def _translated(question: Question, code: str) -> dict:
    """A question's entry in questions.<code>.yaml: its wording in that language."""
    translation = question.translations[code]
    return {
        "id": question.key,
        "text": translation.get("text", ""),
        **(translation.get("data") or {}),
        **({"accepted": translation["accepted"]} if translation.get("accepted") else {}),
        "explanation": translation.get("explanation", ""),
    }


def _lesson_file(title: str, body: str) -> str:
    return f"# {title}\n\n{body}\n"


def export_modules(folder: Path) -> int:
    """Write every module (whatever its status) under `folder`; the number written."""
    modules = Module.objects.prefetch_related(
        "tags",
        "prerequisites",
        Prefetch("lessons", queryset=Lesson.objects.order_by("order", "pk")),
        Prefetch("questions", queryset=Question.objects.prefetch_related("tags").order_by("pk")),
    ).order_by("order", "slug")
    quizzes = {  # modules' quizzes (a seminar's knowledge-test forms have no module)
        q.module_id: q
        for q in Quiz.objects.filter(module__isnull=False).prefetch_related("questions")
    }
    count = 0
    for number, module in enumerate(modules, 1):
        path = folder / f"{number:02d}-{module.slug}"
        path.mkdir(parents=True, exist_ok=True)
        lessons = list(module.lessons.all())
        quiz = quizzes.get(module.pk)
        meta = {
            "slug": module.slug,
            "title": _languages(module, "title"),
            "summary": _languages(module, "summary"),
            "objectives": _languages(module, "objectives"),
            "duration_minutes": module.duration_minutes,
            "level": module.level,
            "professions": module.professions,
            **_codes(module.tags.all()),
            "prerequisites": sorted(p.slug for p in module.prerequisites.all()),
            "lessons": [f"{lesson.slug}.md" for lesson in lessons],
            "sources": module.sources,
        }
        if module.status != Module.Status.PUBLISHED:
            meta["status"] = module.status
        if quiz is not None:
            meta["quiz"] = {name: getattr(quiz, name) for name in QUIZ_SETTINGS}
        lesson_sources = {lesson.slug: lesson.sources for lesson in lessons if lesson.sources}
        if lesson_sources:
            meta["lesson_sources"] = lesson_sources
        (path / "module.yaml").write_text(_dump(meta), encoding="utf-8")
        for lesson in lessons:
            (path / f"{lesson.slug}.md").write_text(
                _lesson_file(lesson.title, lesson.body), encoding="utf-8"
            )
            for code in LANGUAGES:
                title, body = getattr(lesson, f"title_{code}"), getattr(lesson, f"body_{code}")
                if title or body:
                    (path / f"{lesson.slug}.{code}.md").write_text(
                        _lesson_file(title, body), encoding="utf-8"
                    )
        fixed = {q.pk for q in quiz.questions.all()} if quiz else set()
        questions = list(module.questions.all())
        (path / "questions.yaml").write_text(
            _dump([_question(q, fixed) for q in questions]), encoding="utf-8"
        )
        for code in LANGUAGES:
            translated = [_translated(q, code) for q in questions if code in q.translations]
            if translated:
                (path / f"questions.{code}.yaml").write_text(_dump(translated), encoding="utf-8")
        count += 1
    return count


def export_library(folder: Path) -> int:
    """Write every published library entry under `folder`; the number written. (Practitioners'
    submissions in moderation are not part of the curriculum.)"""
    entries = (
        Entry.objects.filter(status=Status.PUBLISHED)
        .prefetch_related("tags", "related")
        .order_by("kind", "slug")
    )
    count = 0
    for entry in entries:
        meta = {
            "slug": entry.slug,
            "kind": entry.kind,
            "title": _languages(entry, "title"),
            "summary": _languages(entry, "summary"),
            "access": entry.access,
            **_codes(entry.tags.all()),
            "professions": entry.professions,
            "countries": entry.countries,
            "citations": entry.citations,
            "related": sorted(r.slug for r in entry.related.all()),
            "reviewed": entry.reviewed,
            "sources": entry.sources,
            "details": entry.details,
        }
        path = folder / entry.kind / f"{entry.slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{_dump(meta)}---\n{entry.body}\n", encoding="utf-8")
        for code in LANGUAGES:
            if getattr(entry, f"body_{code}"):
                path.with_suffix(f".{code}.md").write_text(
                    f"{getattr(entry, f'body_{code}')}\n", encoding="utf-8"
                )
        count += 1
    return count
