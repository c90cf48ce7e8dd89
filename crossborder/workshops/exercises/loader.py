"""Load the workshop exercises from crossborder/content/workshops/<slug>/ (format: that folder's
README.md).

Every file of every folder is checked before anything is stored; a problem names the file, the
line and the field. A folder whose files have not changed since the last load (same content
hash) is skipped. A changed folder updates its exercise in place, so the runs held with it keep
their rows; an inject that was released in a run cannot be removed from the files.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Count

from crossborder.accounts.models import Profession

from ..jit.checklist import validate_checklist
from ..models import Exercise, Inject
from .files import (
    Problems,
    digest_of,
    line_of,
    plain,
    read_front_matter,
    read_text,
    read_yaml,
)
from .storing import store

WORKSHOPS_DIR = Path(__file__).resolve().parent.parent.parent / "content" / "workshops"
KINDS = ("jit_agreement",)  # the kinds of draft the groups write (the JIT agreement form)
LANGUAGES = ("en", "fr", "de")
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Further checks of a checklist.yaml: each takes the list of items (mappings with at least
# `key` and `text`) and returns a list of error strings: the rules of the JIT agreement's
# checklist (crossborder/workshops/jit/checklist.py).
VALIDATORS: list = [validate_checklist]


class ContentError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# --- one folder ----------------------------------------------------------------------------------


@dataclass
class Parsed:
    """One exercise folder as read and checked (values ready to store)."""

    folder: Path
    digest: str
    exercise: dict = field(default_factory=dict)
    roles: list[dict] = field(default_factory=list)
    injects: list[dict] = field(default_factory=list)


def languages(mapping, name: str, path: Path, problems: Problems, label: str = "") -> dict:
    """A text in three languages: either `name: text` (English) plus `name_fr`/`name_de`, or
    `name: {en: …, fr: …, de: …}`."""
    value = mapping.get(name)
    if isinstance(value, dict):
        texts = {lang: value.get(lang) for lang in LANGUAGES}
        unknown = sorted(set(value) - set(LANGUAGES), key=str)
        if unknown:
            problems.add(
                path,
                line_of(mapping, name),
                f"{label}{name}: unknown language(s) {', '.join(map(str, unknown))} "
                "(use en, fr, de)",
            )
    else:
        texts = {"en": value, "fr": mapping.get(f"{name}_fr"), "de": mapping.get(f"{name}_de")}
    for lang, text in texts.items():
        if text is not None and not isinstance(text, str):
            problems.add(path, line_of(mapping, name), f"{label}{name}: {lang}: must be text")
            texts[lang] = ""
    texts = {lang: (text or "").strip() for lang, text in texts.items()}
    if not texts["en"]:
        problems.add(
            path, line_of(mapping, name), f"{label}{name}: an English text (en) is required"
        )
    return texts


def check_sources(mapping, path: Path, problems: Problems, label: str = "") -> list[dict]:
    """`sources:` a list of {title, reference or url}; every item of content needs one."""
    sources = mapping.get("sources")
    line = line_of(mapping, "sources")
    if not isinstance(sources, list) or not sources:
        problems.add(path, line, f"{label}sources: at least one source is required")
        return []
    for source in sources:
        where = line_of(source) or line
        if not isinstance(source, dict) or not str(source.get("title") or "").strip():
            problems.add(path, where, f"{label}sources: each source needs a title")
            continue
        if not (source.get("reference") or source.get("url")):
            title = source["title"]
            problems.add(path, where, f"{label}sources: “{title}” needs a reference or url")
        url = source.get("url")
        if url and not str(url).startswith("https://"):
            problems.add(path, where, f"{label}sources: a url must start with https://")
    return plain(sources)


def check_order(mapping, path: Path, problems: Problems, label: str = "") -> int:
    order = mapping.get("order")
    if not isinstance(order, int) or isinstance(order, bool) or order < 0:
        problems.add(path, line_of(mapping, "order"), f"{label}order: a whole number 0 or more")
        return 0
    return order


def check_key(mapping, path: Path, problems: Problems, label: str = "") -> str:
    key = mapping.get("key")
    if not isinstance(key, str) or not KEY.fullmatch(key):
        problems.add(
            path,
            line_of(mapping, "key"),
            f"{label}key: lower-case letters, digits and hyphens (e.g. media-leak)",
        )
        return ""
    return key


def translations(base: Path, problems: Problems) -> dict:
    """The French and German versions of a Markdown file (name.fr.md, name.de.md), if any."""
    return {
        lang: read_text(base.with_suffix(f".{lang}.md"), problems)
        if base.with_suffix(f".{lang}.md").exists()
        else ""
        for lang in ("fr", "de")
    }


def check_exercise(folder: Path, root: Path, problems: Problems) -> Parsed:
    parsed = Parsed(folder=folder, digest=digest_of(folder))
    path = folder / "exercise.yaml"
    if not path.exists():
        problems.add(path, 0, "missing (every exercise folder needs an exercise.yaml)")
        return parsed
    known = len(problems)
    meta = read_yaml(path, problems)
    if meta is None and len(problems) > known:
        return parsed
    if not isinstance(meta, dict):  # an empty file too
        problems.add(path, 1, "must be a mapping of names to values")
        return parsed
    if meta.get("slug") != folder.name:
        problems.add(path, line_of(meta, "slug"), f"slug: must be the folder name ({folder.name})")
    kind = meta.get("kind")
    if kind not in KINDS:
        problems.add(path, line_of(meta, "kind"), f"kind: must be one of {', '.join(KINDS)}")
    title = languages(meta, "title", path, problems)
    summary = languages(meta, "summary", path, problems)
    for name, texts in (("title", title), ("summary", summary)):
        limit = 200 if name == "title" else 2000
        if any(len(t) > limit for t in texts.values()):
            problems.add(path, line_of(meta, name), f"{name}: at most {limit} characters")
    sources = check_sources(meta, path, problems)
    case_path = folder / "case-file.md"
    case_file = read_text(case_path, problems) if case_path.exists() else ""
    if not case_file:
        problems.add(case_path, 0, "missing or empty (the case file is required)")
    case_translations = translations(case_path, problems)
    parsed.exercise = {
        "slug": folder.name,
        "kind": kind,
        "title": title["en"],
        "title_fr": title["fr"],
        "title_de": title["de"],
        "summary": summary["en"],
        "summary_fr": summary["fr"],
        "summary_de": summary["de"],
        "case_file": case_file,
        "case_file_fr": case_translations["fr"],
        "case_file_de": case_translations["de"],
        "sources": sources,
        "checklist": check_checklist(folder / "checklist.yaml", problems),
    }
    parsed.roles = check_roles(folder / "roles", problems)
    parsed.injects = check_injects(folder / "injects.yaml", problems)
    return parsed


def check_roles(folder: Path, problems: Problems) -> list[dict]:
    paths = sorted(p for p in folder.glob("*.md") if p.suffixes == [".md"])
    if not paths:
        problems.add(folder, 0, "no role cards (add at least one roles/<key>.md)")
        return []
    roles, orders = [], {}
    for path in paths:
        meta, body = read_front_matter(path, problems)
        if meta is None:
            continue
        key = check_key(meta, path, problems)
        if key and key != path.stem:
            problems.add(path, line_of(meta, "key"), f"key: must be the file name ({path.stem})")
        order = check_order(meta, path, problems)
        if order in orders:
            problems.add(
                path, line_of(meta, "order"), f"order: {order} is also the order of {orders[order]}"
            )
        orders[order] = path.name
        title = languages(meta, "title", path, problems)
        professions = meta.get("professions", [])
        if not isinstance(professions, list):
            problems.add(path, line_of(meta, "professions"), "professions: must be a list")
            professions = []
        for profession in professions:
            if profession not in Profession.values:
                problems.add(
                    path,
                    line_of(meta, "professions"),
                    f"professions: unknown profession “{profession}” "
                    f"(one of {', '.join(Profession.values)})",
                )
        if len(body.split()) < 40:
            problems.add(
                path, 0, "the brief is too short (at least 40 words after the front matter)"
            )
        sources = check_sources(meta, path, problems)
        bodies = translations(path, problems)
        roles.append(
            {
                "key": key,
                "order": order,
                "title": title["en"],
                "title_fr": title["fr"],
                "title_de": title["de"],
                "professions": [p for p in professions if p in Profession.values],
                "body": body,
                "body_fr": bodies["fr"],
                "body_de": bodies["de"],
                "sources": sources,
            }
        )
    return roles


def check_injects(path: Path, problems: Problems) -> list[dict]:
    if not path.exists():
        problems.add(path, 0, "missing (list the injects, or write `[]` for none)")
        return []
    items = read_yaml(path, problems)
    if items is None:
        return []
    if not isinstance(items, list):
        problems.add(path, 1, "must be a list of injects (each line starting with '- key: …')")
        return []
    injects, keys = [], {}
    for item in items:
        if not isinstance(item, dict):
            problems.add(path, 0, "each inject must be a mapping (key, order, minute, title, body)")
            continue
        label = f"inject “{item.get('key')}”: " if item.get("key") else ""
        key = check_key(item, path, problems, label)
        if key in keys:
            first = keys[key]
            problems.add(path, line_of(item, "key"), f"key: “{key}” is used twice (line {first})")
        keys[key] = line_of(item, "key")
        order = check_order(item, path, problems, label)
        minute = item.get("minute")
        if minute is not None and (
            not isinstance(minute, int) or isinstance(minute, bool) or not 0 <= minute <= 600
        ):
            problems.add(
                path, line_of(item, "minute"), f"{label}minute: a whole number from 0 to 600"
            )
            minute = None
        title = languages(item, "title", path, problems, label)
        body = languages(item, "body", path, problems, label)
        injects.append(
            {
                "key": key,
                "order": order,
                "minute": minute,
                "title": title["en"],
                "title_fr": title["fr"],
                "title_de": title["de"],
                "body": body["en"],
                "body_fr": body["fr"],
                "body_de": body["de"],
                "sources": check_sources(item, path, problems, label),
                "line": line_of(item),
            }
        )
    return injects


def check_checklist(path: Path, problems: Problems) -> list:
    """checklist.yaml: a list of mappings each with `key` and `text` (the rest of each item is
    the JIT form's rule vocabulary, checked by VALIDATORS). No file: no checklist."""
    if not path.exists():
        return []
    items = read_yaml(path, problems)
    if items is None:
        return []
    if not isinstance(items, list):
        problems.add(path, 1, "must be a list of items (each line starting with '- key: …')")
        return []
    keys = set()
    ok = True
    for item in items:
        if not isinstance(item, dict):
            problems.add(path, 0, "each item must be a mapping with key and text")
            ok = False
            continue
        key, text = item.get("key"), item.get("text")
        if not isinstance(key, str) or not key.strip():
            problems.add(path, line_of(item), "each item needs a key")
            ok = False
        elif key in keys:
            problems.add(path, line_of(item, "key"), f"key: “{key}” is used twice")
            ok = False
        if isinstance(key, str):
            keys.add(key)
        if not (isinstance(text, str) and text.strip()) and not (
            isinstance(text, dict) and str(text.get("en") or "").strip()
        ):
            problems.add(path, line_of(item), f"item “{key}”: a text is required")
            ok = False
    if not ok:
        return []
    for validator in VALIDATORS:
        for error in validator(items):
            problems.add(path, 0, str(error))
    return plain(items)


# --- storing -------------------------------------------------------------------------------------


def check_released(parsed: Parsed, problems: Problems) -> None:
    """An inject released in a run stays in the files (the groups have read it)."""
    kept = {i["key"] for i in parsed.injects}
    released = (
        Inject.objects.filter(exercise__slug=parsed.exercise["slug"])
        .exclude(key__in=kept)
        .annotate(n=Count("releases"))
        .filter(n__gt=0)
    )
    for inject in released:
        problems.add(
            parsed.folder / "injects.yaml",
            0,
            f"inject “{inject.key}” was released in {inject.n} run(s) and cannot be removed: "
            "keep it in the file (you may change its text)",
        )


def load_workshops(root: Path = WORKSHOPS_DIR) -> dict:
    """Check every exercise folder under `root`, then store the changed ones; all or nothing.
    Returns the counts of exercises loaded and unchanged."""
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    problems = Problems(root)
    parsed = [check_exercise(folder, root, problems) for folder in folders]
    stored = dict(Exercise.objects.values_list("slug", "content_hash"))
    changed = [p for p in parsed if stored.get(p.folder.name) != p.digest]
    if not problems:
        for p in changed:
            check_released(p, problems)
    if problems:
        raise ContentError(list(problems))
    with transaction.atomic():
        for p in changed:
            store(p)
    return {
        "exercises": len(parsed),
        "loaded": len(changed),
        "unchanged": len(parsed) - len(changed),
        "roles": sum(len(p.roles) for p in parsed),
        "injects": sum(len(p.injects) for p in parsed),
    }
