"""Load the library from content/library/<kind>/<slug>.md (idempotent: matched by slug).

Every file is checked before anything is stored; an error names the file and the field. Entries
are then linked to the modules and questions whose sources cite them (by citation key).
"""

import datetime
import json
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.translation import gettext
from django_countries import countries

from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag
from crossborder.curriculum.seeding import seed, set_if_changed
from crossborder.curriculum.taxonomy import ensure_taxonomy

from . import search
from .models import Access, Entry, Kind, Status

LIBRARY_DIR = Path(__file__).resolve().parent.parent / "content" / "library"
ILLUSTRATIVE_LINE = "*Illustrative example composed for training"
DETAILS = {
    Kind.INSTRUMENT: ("celex", "date", "status", "key_articles"),
    Kind.TOOL: ("purpose", "legal_basis", "deadlines", "how_to_start", "contact_point"),
    Kind.CASE: ("court", "case_number", "date", "ecli", "holding"),
    Kind.INDICATORS: ("categories",),
    Kind.PRACTICE: ("illustrative", "country", "problem", "action", "results", "contact"),
    Kind.GUIDANCE: ("publisher", "date"),
}


class ContentError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


TRANSLATED_BODY = ("fr", "de")


def is_translation(path: Path) -> bool:
    """`slug.fr.md` / `slug.de.md`: the French or German text of the entry `slug.md`."""
    return path.suffixes[-2:-1] in ([".fr"], [".de"])


def entry_files(folder: Path) -> list[Path]:
    """The entries' files (not their translations), in order."""
    return [p for p in sorted(folder.glob("*/*.md")) if not is_translation(p)]


def translated_bodies(path: Path) -> dict[str, str]:
    """body_fr / body_de of the entry in `path` from the files beside it (plain Markdown)."""
    return {
        f"body_{language}": (
            translated.read_text(encoding="utf-8").strip()
            if (translated := path.with_suffix(f".{language}.md")).exists()
            else ""
        )
        for language in TRANSLATED_BODY
    }


def read(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if "\x00" in text:  # PostgreSQL cannot store it
        raise ValueError("the file contains a NUL character: it is not a text file")
    if not text.startswith("---\n"):
        raise ValueError("the file must start with a '---' line (YAML front matter)")
    front, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise ValueError("the front matter has no closing '---' line")
    try:
        meta = yaml.safe_load(front)
        # An alias inside what it names (`a: &x [*x]`) is endless: json refuses it.
        json.dumps(meta, default=str, skipkeys=True)
    except RecursionError as error:
        raise ValueError("the front matter is nested too deeply") from error
    if not isinstance(meta, dict):
        raise ValueError("the front matter is not a mapping")
    return meta, body.strip()


def _languages(value, name: str, problems: list[str], where: str) -> dict:
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict) or not str(value.get("en") or "").strip():
        problems.append(f"{where}: {name}: an English text (en) is required")
        return {"en": ""}
    return {k: str(value.get(k) or "").strip() for k in ("en", "fr", "de")}


# The type of each front-matter field, which the rules of check_entry take for granted.
SHAPES = {
    **dict.fromkeys(("slug", "kind", "access"), (str,)),
    **dict.fromkeys(("title", "summary"), (str, dict)),
    **dict.fromkeys(("elements", "forms", "themes", "professions", "countries"), (list,)),
    **dict.fromkeys(("citations", "related", "sources"), (list,)),
    "details": (dict,),
}
CODE_LISTS = ("elements", "forms", "themes", "professions", "countries", "related")


def check_shapes(path: Path, meta: dict) -> list[str]:
    """The fields whose value is not of the type the format says (a list where text is due)."""
    where = f"{path.parent.name}/{path.name}"
    problems = []
    for name, types in SHAPES.items():
        value = meta.get(name)
        if value is not None and not isinstance(value, types):
            what = " or ".join({str: "text", list: "a list", dict: "a mapping"}[t] for t in types)
            problems.append(f"{where}: {name}: must be {what}")
        elif name in CODE_LISTS and value and not all(isinstance(v, str) for v in value):
            problems.append(f"{where}: {name}: each item must be text")
    return problems


def check(path: Path, meta: dict, body: str, tag_codes: dict[str, str]) -> list[str]:
    """The problems of one file: where it is, then the rules of every entry (check_entry)."""
    where = str(path.relative_to(path.parent.parent))
    problems = []
    if meta.get("slug") != path.stem:
        problems.append(f"{where}: slug: must be the file name ({path.stem})")
    if meta.get("kind") in Kind.values and meta.get("kind") != path.parent.name:
        problems.append(f"{where}: kind: must be the folder name, one of {', '.join(Kind.values)}")
    for field, text in check_entry(meta, body, tag_codes):
        problems.append(f"{where}: {text}" if field == "body" else f"{where}: {field}: {text}")
    return problems


def check_entry(
    meta: dict, body: str, tag_codes: dict[str, str], *, written_for_training: bool = True
) -> list[tuple[str, str]]:
    """The problems of one library entry as (field, message): the rules the content files and
    the library editor share. `meta` is the entry as the front matter of its file says it;
    `tag_codes` maps each taxonomy code to its kind. A practice a practitioner submitted is
    not written for training: it need not say it is illustrative, nor be 60 words long."""
    problems = []

    def problem(field: str, text: str, **values) -> None:
        problems.append((field, text % values if values else text))

    if meta.get("kind") not in Kind.values:
        problem("kind", gettext("must be one of %(values)s"), values=", ".join(Kind.values))
    for name in ("title", "summary"):
        value = meta.get(name)
        value = value.get("en") if isinstance(value, dict) else value
        if not str(value or "").strip():
            problem(name, gettext("an English text (en) is required"))
    if meta.get("access") not in Access.values:
        problem("access", gettext("must be one of %(values)s"), values=", ".join(Access.values))
    for name, kind in (("elements", "element"), ("forms", "form"), ("themes", "theme")):
        for code in meta.get(name) or []:
            if tag_codes.get(code) != kind:
                problem(name, gettext("unknown %(kind)s “%(code)s”"), kind=kind, code=code)
    for profession in meta.get("professions") or []:
        if profession not in Profession.values:
            problem("professions", gettext("unknown profession “%(code)s”"), code=profession)
    for country in meta.get("countries") or []:
        if country not in countries:
            problem("countries", gettext("unknown country code “%(code)s”"), code=country)
    if not isinstance(meta.get("reviewed"), datetime.date):
        problem("reviewed", gettext("a date (YYYY-MM-DD) is required"))
    sources = meta.get("sources") or []
    if not sources or not all(isinstance(s, dict) and s.get("title") for s in sources):
        problem("sources", gettext("at least one source, each with a title"))
    for s in sources:
        url = isinstance(s, dict) and s.get("url")
        if url and not str(url).startswith("https://"):
            problem("sources", gettext("a link must start with https://"))
    details = meta.get("details") or {}
    if not isinstance(details, dict):
        problem("details", gettext("must be a mapping of names to values"))
        details = {}
    missing = [k for k in DETAILS.get(meta.get("kind"), ()) if k not in details]
    if missing:
        problem("details", gettext("missing %(names)s"), names=", ".join(missing))
    if not written_for_training:
        return problems
    if meta.get("kind") == Kind.PRACTICE and (
        details.get("illustrative") is not True or not body.startswith(ILLUSTRATIVE_LINE)
    ):
        problem("body", gettext("a good practice written for training must say it is illustrative"))
    if len(body.split()) < 60:
        problem("body", gettext("the text is too short (at least 60 words)"))
    return problems


@transaction.atomic
def load_library(folder: Path = LIBRARY_DIR) -> dict:
    ensure_taxonomy()
    tags = {t.code: t for t in Tag.objects.all()}
    tag_codes = {code: tag.kind for code, tag in tags.items()}
    problems: list[str] = []
    parsed = []
    for path in entry_files(folder):
        try:
            meta, body = read(path)
        except (ValueError, yaml.YAMLError) as error:
            problems.append(f"{path.parent.name}/{path.name}: {error}")
            continue
        shapes = check_shapes(path, meta)
        if shapes:
            problems += shapes
            continue
        problems += check(path, meta, body, tag_codes)
        parsed.append((path, meta, body))
    slugs = {meta.get("slug") for _, meta, _ in parsed}
    stems = {path.with_suffix("") for path, _, _ in parsed}
    for path in sorted(folder.glob("*/*.md")):
        if is_translation(path) and path.with_suffix("").with_suffix("") not in stems:
            problems.append(f"{path.parent.name}/{path.name}: translates no entry of this folder")
    for path, meta, _ in parsed:
        for slug in meta.get("related") or []:
            if slug not in slugs or slug == meta.get("slug"):
                problems.append(f"{path.parent.name}/{path.name}: related: unknown entry “{slug}”")
    if problems:
        raise ContentError(problems)

    entries, conflicts, kept = {}, [], set()
    for path, meta, body in parsed:
        title = _languages(meta["title"], "title", problems, path.name)
        summary = _languages(meta["summary"], "summary", problems, path.name)
        entry, applies = seed(
            Entry,
            {"slug": meta["slug"]},
            {
                "kind": meta["kind"],
                "title": title["en"],
                "title_fr": title["fr"],
                "title_de": title["de"],
                "summary": summary["en"],
                "summary_fr": summary["fr"],
                "summary_de": summary["de"],
                "body": body,
                **translated_bodies(path),
                "access": meta["access"],
                "status": Status.PUBLISHED,
                "professions": meta.get("professions") or [],
                "countries": meta.get("countries") or [],
                "citations": [str(c) for c in meta.get("citations") or []],
                "details": plain(meta.get("details") or {}),
                "sources": meta["sources"],
                "reviewed": meta["reviewed"],
            },
            label=f"library entry {meta['slug']}",
            file=f"{path.parent.name}/{path.name}",
            conflicts=conflicts,
        )
        if applies:
            codes = [
                *(meta.get("elements") or []),
                *(meta.get("forms") or []),
                *(meta.get("themes") or []),
            ]
            set_if_changed(entry.tags, [tags[c] for c in codes])
        else:
            kept.add(entry.slug)
        entries[entry.slug] = entry
    if problems:
        raise ContentError(problems)
    for _path, meta, _ in parsed:
        if meta["slug"] not in kept:
            entries[meta["slug"]].related.set([entries[s] for s in meta.get("related") or []])
    links = link_curriculum()
    return {"entries": len(entries), **links, "conflicts": conflicts}


def plain(value):
    """YAML dates in details become ISO strings, so details stay JSON."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def link_curriculum() -> dict:
    """Link every module and question to the entries its sources cite."""
    from crossborder.learning.models import Module, Question

    from .models import Citation

    by_key: dict[str, set[int]] = {}
    for key, entry_id in Citation.objects.values_list("key", "entry_id"):
        by_key.setdefault(key, set()).add(entry_id)

    def cited(text: str) -> set[int]:
        found = set()
        for key in search.cited_keys(text):
            found |= by_key.get(key, set())
        return found

    module_links = Entry.modules.through
    question_links = Entry.questions.through
    module_rows = [
        module_links(entry_id=e, module_id=m.pk)
        for m in Module.objects.only("pk", "sources")
        for e in sorted(cited(" ; ".join(m.sources)))
    ]
    question_rows = [
        question_links(entry_id=e, question_id=q.pk)
        for q in Question.objects.only("pk", "source")
        for e in sorted(cited(q.source))
    ]
    module_links.objects.all().delete()
    module_links.objects.bulk_create(module_rows)
    question_links.objects.all().delete()
    question_links.objects.bulk_create(question_rows)
    return {
        "module_links": len(module_rows),
        "question_links": len(question_rows),
        "session_links": link_sessions(cited),
    }


def link_sessions(cited) -> int:
    """Sessions without library links get the entries their materials cite. A session whose
    links a manager chose in the editor is left as it is."""
    from crossborder.seminars.models import Session

    session_links = Entry.sessions.through
    linked = set(session_links.objects.values_list("session_id", flat=True))
    rows = []
    for session in Session.objects.exclude(pk__in=linked).only("pk", "materials"):
        text = " ; ".join(str(m.get("reference", "")) for m in session.materials or [])
        rows += [session_links(entry_id=e, session_id=session.pk) for e in sorted(cited(text))]
    session_links.objects.bulk_create(rows)
    if rows:
        from crossborder.seminars.models import Seminar
        from crossborder.seminars.signals import touch_seminars

        touch_seminars(Seminar.objects.filter(sessions__pk__in={r.session_id for r in rows}))
    return len(rows)
