"""Full-text search of the library, the same on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Both databases index the same pre-normalised text (ASCII, lower case, stop words dropped, English
Snowball stems), so a query matches the same entries on both. Ranking is one formula evaluated in
SQL on both: for each query term, its inverse document frequency, weighted by whether the term is
in the title (or a citation), in the summary, or only in the text, plus a bonus when the title
starts with (or contains) what was typed; exact citation matches ("2011/36", "C-670/22") come
first. Ties go to the shorter title, then by slug. User input never reaches a query language: it
is reduced to words before it is matched.

The SQL below is assembled from fixed fragments (column names, placeholders, vendor functions);
every value, including the query terms, is passed as a parameter (hence the S608 exemptions).
"""

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY = 200
MAX_TERMS = 8
PER_PAGE = 20
TITLE_WEIGHT = 3
SUMMARY_WEIGHT = 1.5
PHRASE_START = 3
PHRASE_ANYWHERE = 1
CITATION_BOOST = 1000
FACETS = ("kind", "element", "form", "theme", "profession", "country")

STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their this "
    "to was were which with".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_stemmer = snowballstemmer.stemmer("english")

# Identifiers people type: act numbers (2011/36, 2024/1712), CJEU cases (C-670/22), ECtHR
# applications (73316/01), CELEX numbers (32011L0036), ECLI, COM documents.
_CITATION = re.compile(
    r"ecli:[a-z0-9:.]+"
    r"|com\s*\(\s*\d{4}\s*\)\s*\d+"
    r"|\b[ct]\s*-?\s*\d+/\d{2}\b"
    r"|\b\d{4}/\d+\b"
    r"|\b\d+/\d{2}\b"
    r"|\b\d{5}[a-z]{1,2}\d{4}\b"
    r"|\bcets\s*(?:no\.?\s*)?\d+\b",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case ASCII: accents dropped, typographic dashes made plain."""
    text = text.replace("\u2011", "-").replace("\u2010", "-").replace("\u2013", "-")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return word if word.isdigit() else _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def indexed(text: str) -> str:
    """Text as it is stored in the index: stems separated by single spaces, padded by spaces."""
    return " " + " ".join(words(text)) + " "


def citation_key(text: str) -> str:
    """'Directive (EU) 2024/1712' → '2024/1712'; 'C‑670/22' → 'c670/22';
    '2002/465/JHA' → '2002/465'. Case numbers lose their hyphen: 'C-670/22' → 'c670/22'."""
    key = re.sub(r"\s+", "", fold(text))
    key = re.sub(r"^(?:dir(?:ective)?\.?|reg(?:ulation)?\.?|fd)", "", key)
    key = re.sub(r"\((?:eu|ec|eec)\)", "", key)
    key = re.sub(r"/(?:eu|ec|eec|jha|ue|ce)$", "", key)
    key = key.replace("no.", "")
    return re.sub(r"^([ct])-(?=\d)", r"\1", key)


def cited_keys(text: str) -> set[str]:
    """The citation keys found anywhere in a text (a module's or question's sources)."""
    return {citation_key(m.group(0)) for m in _CITATION.finditer(fold(text))}


def citations_in(text: str) -> list[str]:
    """Citation keys in a query: those found in it, and the whole query read as one."""
    found = cited_keys(text[:MAX_QUERY])
    whole = citation_key(text[:MAX_QUERY])
    if whole and any(c.isdigit() for c in whole):
        found.add(whole)
    return sorted(found)


@dataclass
class Query:
    text: str
    terms: list[str]
    prefix: bool  # the last term also matches longer words ("investig" → "investigator")
    citations: list[str]

    @classmethod
    def parse(cls, raw: str) -> "Query":
        text = (raw or "").strip()[:MAX_QUERY]
        terms = list(dict.fromkeys(words(text)))[:MAX_TERMS]
        prefix = bool(terms) and len(terms[-1]) >= 3 and not text.endswith(" ")
        return cls(text=text, terms=terms, prefix=prefix, citations=citations_in(text))

    def needle(self, i: int) -> str:
        """What a term looks like inside the space-padded indexed text."""
        last = self.prefix and i == len(self.terms) - 1
        return " " + self.terms[i] + ("" if last else " ")

    def fts(self, *, any_term: bool = False) -> str:
        join = " OR " if any_term else " AND "
        if connection.vendor == "postgresql":
            parts = [
                t + (":*" if self.prefix and i == len(self.terms) - 1 else "")
                for i, t in enumerate(self.terms)
            ]
            return (" | " if any_term else " & ").join(parts)
        parts = [
            f'"{t}"' + ("*" if self.prefix and i == len(self.terms) - 1 else "")
            for i, t in enumerate(self.terms)
        ]
        return join.join(parts)


# --- the index -----------------------------------------------------------------------------


def create_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE library_search (entry_id integer PRIMARY KEY, title text NOT NULL,"
            " summary text NOT NULL, body text NOT NULL, document tsvector NOT NULL)"
        )
        schema_editor.execute(
            "CREATE INDEX library_search_document ON library_search USING gin (document)"
        )
    else:
        schema_editor.execute(
            "CREATE VIRTUAL TABLE library_search USING fts5(title, summary, body,"
            " tokenize = 'unicode61', detail = 'column')"
        )


def drop_index(schema_editor) -> None:
    schema_editor.execute("DROP TABLE IF EXISTS library_search")


def document(entry) -> tuple[str, str, str]:
    title = " ".join([entry.title, *entry.citations])
    summary = " ".join(
        [entry.title_fr, entry.title_de, entry.summary, entry.summary_fr, entry.summary_de]
    )
    return (
        indexed(title),
        indexed(summary),
        indexed(entry.body + " " + _details_text(entry.details)),
    )


def _details_text(details) -> str:
    if isinstance(details, dict):
        return " ".join(_details_text(v) for k, v in details.items() if k != "illustrative")
    if isinstance(details, list):
        return " ".join(_details_text(v) for v in details)
    return str(details) if isinstance(details, str) else ""


def write_index(rows: list[tuple[int, str, str, str]]) -> None:
    """Insert or replace index rows (entry id, title, summary, body), already normalised."""
    if not rows:
        return
    with connection.cursor() as cursor:
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join(["%s"] * len(chunk))
            column = "entry_id" if connection.vendor == "postgresql" else "rowid"
            cursor.execute(f"DELETE FROM library_search WHERE {column} IN ({marks})", chunk)  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO library_search (entry_id, title, summary, body, document)"
                " VALUES (%s, %s, %s, %s, to_tsvector('simple', %s))",
                [(i, t, s, b, f"{t} {s} {b}") for i, t, s, b in rows],
            )
        else:
            cursor.executemany(
                "INSERT INTO library_search (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                rows,
            )


def remove_from_index(entry_id: int) -> None:
    column = "entry_id" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM library_search WHERE {column} = %s", [entry_id])  # noqa: S608


def facet_rows(entry, tag_codes: dict[str, str]) -> list[tuple[str, str]]:
    """(facet, value) pairs of an entry; tag_codes maps tag code → kind (element/form/theme)."""
    rows = [("kind", entry.kind)]
    rows += [(kind, code) for code, kind in sorted(tag_codes.items())]
    rows += [("profession", p) for p in entry.professions]
    rows += [("country", c) for c in entry.countries]
    return rows


def refresh(entry) -> None:
    """Bring the index, citation keys and facets of one entry in step with it."""
    from .models import Citation

    write_index([(entry.pk, *document(entry))])
    Citation.objects.filter(entry=entry).delete()
    keys = {citation_key(c) for c in entry.citations}
    Citation.objects.bulk_create(Citation(entry=entry, key=k) for k in sorted(keys) if k)
    refresh_facets(entry)


def refresh_facets(entry) -> None:
    from .models import Facet

    codes = dict(entry.tags.values_list("code", "kind"))
    Facet.objects.filter(entry=entry).delete()
    Facet.objects.bulk_create(
        Facet(entry=entry, facet=f, value=v) for f, v in facet_rows(entry, codes)
    )


# --- searching -----------------------------------------------------------------------------


@dataclass
class Hit:
    entry: object
    title_html: str
    snippet_html: str
    cited: bool


@dataclass
class Results:
    query: Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    any_term: bool = False  # no entry had every word; these have some of them
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _contains(column: str) -> str:
    function = "strpos" if connection.vendor == "postgresql" else "instr"
    return f"(CASE WHEN {function}({column}, %s) > 0 THEN 1 ELSE 0 END)"


def _match_subquery() -> str:
    if connection.vendor == "postgresql":
        return "SELECT entry_id FROM library_search WHERE document @@ to_tsquery('simple', %s)"
    return "SELECT rowid FROM library_search WHERE library_search MATCH %s"


def _search_join() -> str:
    if connection.vendor == "postgresql":
        return "JOIN library_search s ON s.entry_id = e.id"
    return "JOIN library_search s ON s.rowid = e.id"


def _order_slug() -> str:
    return 'e.slug COLLATE "C"' if connection.vendor == "postgresql" else "e.slug"


def _idf(query: Query) -> list[float]:
    """ln(1 + N / df) for each term, N = entries in the index (two-decimal, the same on both)."""
    sub = _match_subquery()
    parts = ["(SELECT COUNT(*) FROM library_entry)"]
    params = []
    for i, term in enumerate(query.terms):
        parts.append(f"(SELECT COUNT(*) FROM ({sub}) m{i})")  # noqa: S608
        last = query.prefix and i == len(query.terms) - 1
        if connection.vendor == "postgresql":
            params.append(term + (":*" if last else ""))
        else:
            params.append(f'"{term}"' + ("*" if last else ""))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        total, *df = cursor.fetchone()
    return [round(math.log(1 + total / max(d, 1)), 2) for d in df]


def _where(query: Query, levels, filters: dict[str, str], cited: list[int], any_term: bool):
    clauses = ["e.status = 'published'", f"e.access IN ({','.join(['%s'] * len(levels))})"]
    params: list = list(levels)
    if query.terms:
        match = f"e.id IN ({_match_subquery()})"
        params.append(query.fts(any_term=any_term))
        if cited:
            match = f"({match} OR e.id IN ({','.join(['%s'] * len(cited))}))"
            params += cited
        clauses.append(match)
    elif cited:
        clauses.append(f"e.id IN ({','.join(['%s'] * len(cited))})")
        params += cited
    for facet_name, value in sorted(filters.items()):
        if facet_name == "kind":
            clauses.append("e.kind = %s")
            params.append(value)
        else:
            clauses.append(
                "e.id IN (SELECT entry_id FROM library_facet WHERE facet = %s AND value = %s)"
            )
            params += [facet_name, value]
    return " AND ".join(clauses), params


def _cited_ids(query: Query, levels) -> list[int]:
    if not query.citations:
        return []
    from .models import Citation

    return sorted(
        set(
            Citation.objects.filter(
                key__in=query.citations, entry__status="published", entry__access__in=levels
            ).values_list("entry_id", flat=True)
        )
    )


def search(
    *,
    q: str,
    levels,
    filters: dict[str, str] | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    with_facets: bool = True,
) -> Results:
    """Entries readable at `levels` that match `q` (every word) and the facet `filters`."""
    from .models import Entry

    filters = filters or {}
    levels = sorted(levels)
    query = Query.parse(q)
    results = Results(query=query, page=max(1, page), per_page=per_page)
    if not levels or (query.text and not query.terms and not query.citations):
        return results
    cited = _cited_ids(query, levels)
    where, params = _where(query, levels, filters, cited, any_term=False)
    total = _count(where, params)
    if total == 0 and len(query.terms) > 1:
        where, params = _where(query, levels, filters, cited, any_term=True)
        total = _count(where, params)
        results.any_term = total > 0
    results.total = total
    if total == 0:
        results.facets = {}
        return results
    score_sql, score_params = "0", []
    if query.terms:
        pieces = []
        weights = _idf(query)
        for i, weight in enumerate(weights):
            pieces.append(
                f"{weight} * (1 + {TITLE_WEIGHT} * {_contains('s.title')}"
                f" + {SUMMARY_WEIGHT} * {_contains('s.summary')})"
            )
            score_params += [query.needle(i), query.needle(i)]
        # What was typed, as a phrase at the start of the title or anywhere in it.
        phrase = " " + " ".join(query.terms) + ("" if query.prefix else " ")
        function = "strpos" if connection.vendor == "postgresql" else "instr"
        pieces.append(
            f"{round(sum(weights), 2)} * (CASE WHEN {function}(s.title, %s) = 1 THEN {PHRASE_START}"
            f" WHEN {function}(s.title, %s) > 0 THEN {PHRASE_ANYWHERE} ELSE 0 END)"
        )
        score_params += [phrase, phrase]
        score_sql = " + ".join(pieces)
    if cited:
        marks = ",".join(["%s"] * len(cited))
        score_sql += f" + {CITATION_BOOST} * (CASE WHEN e.id IN ({marks}) THEN 1 ELSE 0 END)"
        score_params += cited
    order = (
        f"score DESC, length(s.title), {_order_slug()}"
        if query.terms or cited
        else f"e.kind, {_order_slug()}"
    )
    sql = (
        f"SELECT e.id, {score_sql} AS score FROM library_entry e {_search_join()}"  # noqa: S608
        f" WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
    )
    offset = (results.page - 1) * per_page
    with connection.cursor() as cursor:
        cursor.execute(sql, score_params + params + [per_page, offset])
        ranked = cursor.fetchall()
    entries = Entry.objects.in_bulk([r[0] for r in ranked])
    cited_set = set(cited)
    for entry_id, _score in ranked:
        entry = entries[entry_id]
        results.hits.append(
            Hit(
                entry=entry,
                title_html=highlight(entry.title_local, query),
                snippet_html=snippet(entry, query),
                cited=entry_id in cited_set,
            )
        )
    if with_facets:
        results.facets = _facets(where, params)
    return results


def _count(where: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM library_entry e WHERE {where}", params)  # noqa: S608
        return cursor.fetchone()[0]


def _facets(where: str, params: list) -> dict[str, dict[str, int]]:
    sql = (
        "SELECT f.facet, f.value, COUNT(*) FROM library_facet f"  # noqa: S608
        f" WHERE f.entry_id IN (SELECT e.id FROM library_entry e WHERE {where})"
        " GROUP BY f.facet, f.value"
    )
    facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count in cursor.fetchall():
            facets.setdefault(name, {})[value] = count
    return facets


# --- highlighting ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_MARKDOWN = re.compile(r"[#*_`>|]+|\[([^\]]*)\]\([^)]*\)")
SNIPPET_WORDS = 32
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„…–—"


@functools.lru_cache(maxsize=100_000)
def _word_stem(word: str) -> str | None:
    folded = fold(word)
    if not _WORD.fullmatch(folded) or folded in STOP_WORDS:
        return None
    return stem(folded)


def _matches(word: str, query: Query) -> bool:
    s = _word_stem(word)
    if s is None:
        return False
    for i, term in enumerate(query.terms):
        if s == term or (query.prefix and i == len(query.terms) - 1 and s.startswith(term)):
            return True
    return False


def highlight(text: str, query: Query) -> str:
    """The text, escaped, with every word that matches a query term in <mark>."""
    if not query.terms:
        return escape(text)
    out = []
    for token in _TOKEN.findall(text):
        out.append(f"<mark>{escape(token)}</mark>" if _matches(token, query) else escape(token))
    return mark_safe("".join(out))  # noqa: S308 — every piece is escaped above


def snippet(entry, query: Query) -> str:
    """The passage of summary + text with the most query words, highlighted."""
    text = _LIST_ITEM.sub("", f"{entry.summary_local}\n{entry.body}")
    plain = _MARKDOWN.sub(lambda m: m.group(1) or "", text)
    tokens = plain.split()
    if not query.terms or not tokens:
        return escape(
            " ".join(tokens[:SNIPPET_WORDS]) + (" …" if len(tokens) > SNIPPET_WORDS else "")
        )
    hits = [1 if _matches(t.strip(PUNCTUATION) or t, query) else 0 for t in tokens]
    window = min(SNIPPET_WORDS, len(tokens))
    best, best_at, current = -1, 0, sum(hits[:window])
    best, best_at = current, 0
    for start in range(1, len(tokens) - window + 1):
        current += hits[start + window - 1] - hits[start - 1]
        if current > best:
            best, best_at = current, start
    first = next((i for i in range(best_at, best_at + window) if hits[i]), best_at)
    start = max(0, min(best_at, first - 6))
    piece = " ".join(tokens[start : start + window])
    text = ("… " if start else "") + piece + (" …" if start + window < len(tokens) else "")
    return highlight(text, query)
