"""The content check (`manage.py check_content`, `make content-check`): rules the curriculum's
files must keep that a loader cannot see, because each file is valid on its own.

1. Every question has a source, short enough to be stored (PostgreSQL refuses a longer one).
2. Every part of a source (parts are separated by ";" outside brackets) is an https URL, or a
   citation the library holds: a number it lists (CELEX, act, CJEU case, ECtHR application,
   ECLI, COM), or the title of a library entry or of one of its sources (each of its words of
   three letters or more, in any order, without case and punctuation).
3. No detail the fact sheet marks [unverified] (content/unverified.yaml) appears in a module, a
   question or a library entry.
4. A numeric answer appears in at most two numeric questions of the whole bank (a fact asked
   more often is drilled, not taught).
5. At least 40 % of each module's questions are case scenarios (`scenario: true`).
6. Each module's title, summary and learning objectives are given in English, French and
   German, with one French and one German objective for each English one.

The check reads files only; it needs no database. Each problem names the file, the question
and what to do.
"""

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from crossborder.learning.models import Question
from crossborder.library.content import entry_files, read
from crossborder.library.search.citations import citation_key, cited_keys

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
SCENARIO_SHARE = 0.4
SOURCE_MAX = Question._meta.get_field("source").max_length
MAX_SAME_NUMERIC = 2
# A title shorter than this (in words) is too vague to stand for an entry inside a longer source.
MIN_TITLE_WORDS = 3


@dataclass(frozen=True)
class Problem:
    file: str
    where: str  # a question id, or "" for the whole file
    message: str

    def __str__(self):
        where = f" {self.where}" if self.where else ""
        return f"{self.file}{where}: {self.message}"


LANGUAGES = ("en", "fr", "de")


def _words(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


STOP_WORDS = frozenset({"the", "and", "for", "from", "with", "between"})


def _content_words(words: str) -> set[str]:
    return {w for w in words.split() if len(w) > 2 and w not in STOP_WORDS}


@dataclass
class Library:
    """What the library can be cited by: citation keys and titles."""

    keys: set[str]
    titles: set[str]

    @classmethod
    def read(cls, folder: Path) -> "Library":
        keys: set[str] = set()
        titles: set[str] = set()
        for path in entry_files(folder):
            meta, _body = read(path)
            title = meta.get("title") or {}
            names = [title.get("en", "")] if isinstance(title, dict) else [str(title)]
            names += [s.get("title", "") for s in meta.get("sources") or [] if isinstance(s, dict)]
            titles.update(w for w in (_words(n) for n in names) if w)
            keys.update(citation_key(c) for c in meta.get("citations") or [])
            details = meta.get("details") or {}
            for field in ("celex", "case_number", "ecli"):
                if details.get(field):
                    keys.add(citation_key(str(details[field])))
            keys |= cited_keys(names[0])
        keys.discard("")
        return cls(keys, titles)

    def knows(self, part: str) -> bool:
        if cited_keys(part) & self.keys:
            return True
        words = _words(part)
        if words in self.titles:
            return True
        # Every word of a title (of three words or more) in the part, in any order: the part
        # names the entry, perhaps with an article number or a date around it.
        have = _content_words(words)
        return any(
            len(need) >= MIN_TITLE_WORDS and need <= have
            for need in (_content_words(title) for title in self.titles)
        )


def source_parts(source: str) -> list[str]:
    """The parts of a source, split at each ";" outside brackets."""
    parts, depth, current = [], 0, []
    for char in source:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == ";" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def check_source(source, library: Library) -> list[str]:
    """What is wrong with one question's source (empty when nothing is)."""
    if not isinstance(source, str) or not source.strip():
        return ["has no source: cite the official text it is based on"]
    problems = []
    if len(source) > SOURCE_MAX:
        problems.append(
            f"its source is {len(source)} characters long; at most {SOURCE_MAX} are stored"
        )
    for part in source_parts(source):
        if part.startswith("http"):
            if not re.fullmatch(r"https://\S+", part):
                problems.append(f"source {part!r} is not an https URL")
        elif not library.knows(part):
            problems.append(
                f"source {part!r} is neither an https URL nor a citation of a library entry: "
                "give the official text's https URL, or a number or title the library lists"
            )
    return problems


@dataclass(frozen=True)
class Unverified:
    pattern: re.Pattern
    fact: str

    @classmethod
    def read(cls, path: Path) -> list["Unverified"]:
        rules = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return [cls(re.compile(r["pattern"], re.IGNORECASE), r["fact"]) for r in rules]


def _texts(value):
    """Every string inside a question (text, options, feedback, explanation, …)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def unverified_in(text: str, rules: list[Unverified]) -> list[str]:
    found = []
    for rule in rules:
        match = rule.pattern.search(text)
        if match:
            found.append(f"states an unverified detail ({rule.fact}): {match.group(0)!r}")
    return found


def _number(value) -> str:
    try:
        return format(float(value), "g")
    except (TypeError, ValueError):
        return str(value)


def _check_module_meta(folder: Path, rules: list[Unverified]) -> list[Problem]:
    """A module's title, summary and objectives: in the three languages, with no unverified
    detail; as many objectives in French and German as in English."""
    name = f"modules/{folder.name}/module.yaml"
    meta = yaml.safe_load((folder / "module.yaml").read_text(encoding="utf-8")) or {}
    problems = []
    for field in ("title", "summary", "objectives"):
        value = meta.get(field)
        if not isinstance(value, dict) or not all(value.get(code) for code in LANGUAGES):
            problems.append(Problem(name, field, "needs its text in en, fr and de"))
    objectives = meta.get("objectives")
    if isinstance(objectives, dict):
        counts = {code: len(objectives.get(code) or []) for code in LANGUAGES}
        if len(set(counts.values())) > 1:
            found = ", ".join(f"{code} {n}" for code, n in counts.items())
            problems.append(Problem(name, "objectives", f"not one per English line: {found}"))
    for message in unverified_in("\n".join(_texts(meta)), rules):
        problems.append(Problem(name, "", message))
    return problems


def check_content(content: Path = CONTENT_DIR) -> list[Problem]:
    """Every problem of the modules and library under `content`, in file order."""
    library = Library.read(content / "library")
    rules = Unverified.read(content / "unverified.yaml")
    problems: list[Problem] = []
    numeric: dict[str, list[str]] = defaultdict(list)
    for folder in sorted(p for p in (content / "modules").iterdir() if p.is_dir()):
        problems.extend(_check_module_meta(folder, rules))
        bank = folder / "questions.yaml"
        name = f"modules/{folder.name}/questions.yaml"
        questions = yaml.safe_load(bank.read_text(encoding="utf-8")) or []
        for q in questions:
            qid = str(q.get("id", "?"))
            for message in check_source(q.get("source"), library):
                problems.append(Problem(name, qid, message))
            for message in unverified_in("\n".join(_texts(q)), rules):
                problems.append(Problem(name, qid, message))
            if q.get("type") == "numeric":
                numeric[_number(q.get("answer"))].append(f"{folder.name[:2]}:{qid}")
        scenarios = sum(1 for q in questions if q.get("scenario") is True)
        wanted = math.ceil(SCENARIO_SHARE * len(questions))
        if scenarios < wanted:
            problems.append(
                Problem(
                    name,
                    "",
                    f"{scenarios} of {len(questions)} questions are case scenarios "
                    f"(`scenario: true`); at least {wanted} ({SCENARIO_SHARE:.0%}) are needed",
                )
            )
        for lesson in sorted(folder.glob("*.md")):
            text = lesson.read_text(encoding="utf-8")
            for message in unverified_in(text, rules):
                problems.append(Problem(f"modules/{folder.name}/{lesson.name}", "", message))
    for entry in sorted((content / "library").glob("*/*.md")):
        text = entry.read_text(encoding="utf-8")
        for message in unverified_in(text, rules):
            problems.append(Problem(f"library/{entry.parent.name}/{entry.name}", "", message))
    for value, where in sorted(numeric.items()):
        if len(where) > MAX_SAME_NUMERIC:
            problems.append(
                Problem(
                    "modules",
                    ", ".join(where),
                    f"the numeric answer {value} is asked in {len(where)} questions; "
                    f"at most {MAX_SAME_NUMERIC} may ask it",
                )
            )
    return problems
