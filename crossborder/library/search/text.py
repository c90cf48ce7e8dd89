"""What a search reads from what people type, and the text both databases index.

Both databases are given the same words: text folded to lower case without accents, cut into
runs of letters and digits (what SQLite's unicode61 tokenizer does), so that PostgreSQL's
'english' configuration and FTS5's porter tokenizer see the same tokens. A query is reduced to
such words (at most MAX_TERMS, stop words dropped) before anything reaches a database: no
query syntax of either engine is ever read from user input.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .citations import citations_in

MAX_QUERY = 200
MAX_TERMS = 8
MIN_PREFIX = 3  # a last word shorter than this is matched whole

# PostgreSQL's 'english' stop words (its english.stop file): the database drops them from
# documents and queries; dropping them from queries here keeps SQLite's matches the same.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now""".split()
)
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LIST_ITEM = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_MARKDOWN = re.compile(r"[#*_`>|]+|\[([^\]]*)\]\([^)]*\)")


def fold(text: str) -> str:
    """Lower case, accents dropped, typographic hyphens made plain."""
    text = text.replace("\u2011", "-").replace("\u2010", "-").replace("\u2013", "-")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The tokens of a text as both databases' tokenizers cut it (before stemming)."""
    return _WORD.findall(fold(text))


def index_text(text: str) -> str:
    """Text as it is given to PostgreSQL's to_tsvector: its words, separated by spaces."""
    return " ".join(words(text))


def strip_markdown(text: str) -> str:
    """Markdown marks and link targets out (control characters stay)."""
    text = _LIST_ITEM.sub("", text or "")
    return _MARKDOWN.sub(lambda m: m.group(1) or "", text)


def clean(text: str) -> str:
    """One line, control characters out."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def plain(markdown: str) -> str:
    """Markdown as one line of plain text (for indexing and snippets), control characters out."""
    return clean(strip_markdown(markdown))


def details_text(details) -> str:
    """The searchable strings of an entry's details (not the 'illustrative' flag)."""
    if isinstance(details, dict):
        return " ".join(details_text(v) for k, v in details.items() if k != "illustrative")
    if isinstance(details, list):
        return " ".join(details_text(v) for v in details)
    return details if isinstance(details, str) else ""


# The indexed fields of an entry, in the order of the FTS5 columns; PostgreSQL weighs them
# A (title, citations), B (translations and summaries), C (text), D (details).
FIELDS = (
    *("title", "citations", "title_fr", "title_de"),
    *("summary", "summary_fr", "summary_de", "body", "details"),
)
WEIGHTS = {"title": "A", "citations": "A", "body": "C", "details": "D"}  # the others: B


def fields(entry) -> dict[str, str]:
    """The text of each indexed field of an entry, plain and on one line."""
    return {
        "title": clean(entry.title),
        "citations": clean(" ; ".join(entry.citations or [])),
        "title_fr": clean(entry.title_fr),
        "title_de": clean(entry.title_de),
        "summary": plain(entry.summary),
        "summary_fr": plain(entry.summary_fr),
        "summary_de": plain(entry.summary_de),
        "body": plain(entry.body),
        "details": clean(details_text(entry.details)),
    }


@dataclass
class Query:
    text: str  # what was typed, control characters out, at most MAX_QUERY characters
    terms: list[str] = field(default_factory=list)  # words, stop words out, at most MAX_TERMS
    prefix: bool = False  # the last term also matches longer words ("investig" → "investigation")
    citations: list[str] = field(default_factory=list)  # citation keys ("2011/36", "c670/22")

    @classmethod
    def parse(cls, raw) -> "Query":
        text = _CONTROL.sub(" ", str(raw or "")).strip()[:MAX_QUERY]
        terms = [w for w in dict.fromkeys(words(text)) if w not in STOP_WORDS][:MAX_TERMS]
        last = words(text)[-1:] if text else []
        prefix = (
            bool(terms)
            and terms[-1] in last
            and len(terms[-1]) >= MIN_PREFIX
            and not text.endswith(" ")
        )
        return cls(text=text, terms=terms, prefix=prefix, citations=citations_in(text))

    def is_prefix(self, i: int) -> bool:
        return self.prefix and i == len(self.terms) - 1
