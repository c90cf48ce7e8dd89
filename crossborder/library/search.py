"""Full-text search of the library, the same on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Both databases index the same pre-normalised text (ASCII, lower case, stop words dropped, English
Snowball stems), so a query matches the same entries on both; the database finds the readable
entries that contain every word (one indexed query), and the ranking is one formula computed
here: for each query term its inverse document frequency, weighted by whether the term is in the
title (or a citation) and in the summary, plus a bonus when the title starts with (or contains)
what was typed; exact citation matches ("2011/36", "C-670/22") come first; ties go to the shorter
title, then by slug. Facet counts come from the same rows. User input never reaches a query
language: it is reduced to words before it is matched.

The SQL below is assembled from fixed fragments (column names, placeholders, vendor functions);
every value, including the query terms, is passed as a parameter (hence the S608 exemptions).
"""

import functools
import heapq
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connection, transaction
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
TERM_CACHE = 4096  # terms whose entry sets a process keeps, per library version
FACETS = ("kind", "element", "form", "theme", "profession", "country")
KIND_ORDER = {
    k: i for i, k in enumerate(["instrument", "tool", "case", "indicators", "practice", "guidance"])
}

STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the their this "
    "to was were which with".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
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
        text = _CONTROL.sub(" ", raw or "").strip()[:MAX_QUERY]
        terms = list(dict.fromkeys(words(text)))[:MAX_TERMS]
        prefix = bool(terms) and len(terms[-1]) >= 3 and not text.endswith(" ")
        return cls(text=text, terms=terms, prefix=prefix, citations=citations_in(text))

    def needle(self, i: int) -> str:
        """What a term looks like inside the space-padded indexed text."""
        last = self.prefix and i == len(self.terms) - 1
        return " " + self.terms[i] + ("" if last else " ")


# --- the index -----------------------------------------------------------------------------
# One row per entry: what may be read (access, status), how it sorts (kind, slug), its facet
# values ("kind:case element:A form:S profession:judge"), and the normalised title, summary and
# text. SQLite keeps it in an FTS5 table, PostgreSQL in a table with GIN-indexed tsvectors
# (stripped of word positions, which nothing here uses: they stay small and quick to test).

META = ("access", "status", "kind", "slug", "facets")


def create_index(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE library_search (entry_id integer PRIMARY KEY,"
            " access varchar(12) NOT NULL, status varchar(12) NOT NULL,"
            " kind varchar(12) NOT NULL, slug varchar(120) NOT NULL,"
            " facets text NOT NULL, title text NOT NULL, document tsvector NOT NULL,"
            " title_doc tsvector NOT NULL, summary_doc tsvector NOT NULL)"
        )
        for column in ("document", "title_doc", "summary_doc"):
            schema_editor.execute(
                f"CREATE INDEX library_search_{column} ON library_search USING gin ({column})"
                # No pending list: every search would scan it; the library changes rarely.
                " WITH (fastupdate = off)"
            )
    else:
        # The unindexed columns come first so that reading them never touches the long text.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE library_search USING fts5(access UNINDEXED, status UNINDEXED,"
            " kind UNINDEXED, slug UNINDEXED, facets UNINDEXED, title, summary, body,"
            " tokenize = 'unicode61', detail = 'column')"
        )


def drop_index(schema_editor) -> None:
    schema_editor.execute("DROP TABLE IF EXISTS library_search")


def document(entry, tag_codes: dict[str, str]) -> tuple:
    """The index row of an entry; tag_codes maps its tag codes to their kind (element/form/…)."""
    title = " ".join([entry.title, *entry.citations])
    summary = " ".join(
        [entry.title_fr, entry.title_de, entry.summary, entry.summary_fr, entry.summary_de]
    )
    facets = " ".join(f"{name}:{value}" for name, value in facet_pairs(entry, tag_codes))
    return (
        entry.pk,
        entry.access,
        entry.status,
        entry.kind,
        entry.slug,
        facets,
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


def facet_pairs(entry, tag_codes: dict[str, str]) -> list[tuple[str, str]]:
    pairs = [("kind", entry.kind)]
    pairs += [(kind, code) for code, kind in sorted(tag_codes.items())]
    pairs += [("profession", p) for p in entry.professions]
    pairs += [("country", c) for c in entry.countries]
    return pairs


def _key_column() -> str:
    return "entry_id" if connection.vendor == "postgresql" else "rowid"


def write_index(rows: list[tuple]) -> None:
    """Insert or replace index rows made by document()."""
    if not rows:
        return
    with connection.cursor() as cursor:
        ids = [r[0] for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM library_search WHERE {_key_column()} IN ({marks})", chunk)  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO library_search (entry_id, access, status, kind, slug, facets, title,"
                " document, title_doc, summary_doc) VALUES (%s, %s, %s, %s, %s, %s, %s,"
                " strip(to_tsvector('simple', %s)), strip(to_tsvector('simple', %s)),"
                " strip(to_tsvector('simple', %s)))",
                [(*r[:7], f"{r[6]} {r[7]} {r[8]}", r[6], r[7]) for r in rows],
            )
        else:
            cursor.executemany(
                "INSERT INTO library_search (rowid, access, status, kind, slug, facets, title,"
                " summary, body) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )


def remove_from_index(entry_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM library_search WHERE {_key_column()} = %s", [entry_id])  # noqa: S608


def refresh(entry) -> None:
    """Bring the index row and the citation keys of one entry in step with it."""
    from .models import Citation

    write_index([document(entry, dict(entry.tags.values_list("code", "kind")))])
    Citation.objects.filter(entry=entry).delete()
    keys = {citation_key(c) for c in entry.citations}
    Citation.objects.bulk_create(Citation(entry=entry, key=k) for k in sorted(keys) if k)


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


def _mask(positions) -> int:
    """A set of catalogue positions as the bits of one integer."""
    positions = list(positions)
    if not positions:
        return 0
    buffer = bytearray(max(positions) // 8 + 1)
    for p in positions:
        buffer[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buffer, "little")


def _positions(mask: int) -> list[int]:
    """The set bits of a mask, lowest first."""
    return [m.start() for m in re.finditer("1", bin(mask)[:1:-1])]


class Catalogue:
    """What searching needs of every entry, read once per library version and kept in the
    process. Entries have a position in the order that breaks ties (shorter title, then slug);
    sets of entries are integers whose bits are those positions: the readable entries, those
    with a facet value, those containing a term (read from the full-text index the first time
    a term is asked for). Intersections, counts and facet counts are then operations on
    integers, the same whatever the database."""

    def __init__(self, version: tuple, rows: list[tuple]):
        self.version = version
        # rows: (id, access, status, kind, slug, facets, title)
        rows.sort(key=lambda r: (len(r[6]), r[4]))
        self.ids = [r[0] for r in rows]
        self.position = {r[0]: p for p, r in enumerate(rows)}
        self.titles = [r[6] for r in rows]
        self.browse = sorted(
            range(len(rows)), key=lambda p: (KIND_ORDER.get(rows[p][3], 9), rows[p][4])
        )
        self.published = {}
        facets: dict[str, list[int]] = {}
        for p, (_id, access, status, _kind, _slug, pairs, _title) in enumerate(rows):
            if status == "published":
                self.published.setdefault(access, []).append(p)
            for pair in pairs.split():
                facets.setdefault(pair, []).append(p)
        self.published = {access: _mask(ps) for access, ps in self.published.items()}
        self.facets = {pair: _mask(ps) for pair, ps in facets.items()}
        self._terms: dict[tuple, int] = {}

    def readable(self, levels) -> int:
        mask = 0
        for level in levels:
            mask |= self.published.get(level, 0)
        return mask

    def of_ids(self, ids) -> int:
        return _mask(self.position[i] for i in ids if i in self.position)

    def term(self, term: str, prefix: bool) -> tuple[int, int, int]:
        """The entries containing a term anywhere, in the title, in the summary."""
        key = (term, prefix)
        masks = self._terms.get(key)
        if masks is None:
            masks = tuple(self.of_ids(ids) for ids in _term_ids(term, prefix))
            if len(self._terms) >= TERM_CACHE:
                self._terms.pop(next(iter(self._terms)))
            self._terms[key] = masks
        return masks


def _term_ids(term: str, prefix: bool) -> tuple[list[int], list[int], list[int]]:
    """Ids of the index rows with a term anywhere, in the title, and in the summary (each list
    comes back as one string: thousands of rows cost one row)."""
    if connection.vendor != "postgresql":
        # FTS5: the term quoted (never read as syntax), '*' for a prefix, {column} to restrict.
        match = f'"{term}"' + ("*" if prefix else "")
        part = "(SELECT group_concat(rowid) FROM library_search WHERE library_search MATCH %s)"
        params = [match, f"{{title}} : {match}", f"{{summary}} : {match}"]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {part}, {part}, {part}", params)
            row = cursor.fetchone()
    else:
        # One pass over the GIN index. The planner would scan the whole table for a common
        # word (it expects most rows to match), testing every document: the index is faster.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "SELECT string_agg(entry_id::text, ','),"
                " string_agg(entry_id::text, ',') FILTER (WHERE title_doc @@ q),"
                " string_agg(entry_id::text, ',') FILTER (WHERE summary_doc @@ q)"
                " FROM library_search, to_tsquery('simple', %s) q WHERE document @@ q",
                [term + (":*" if prefix else "")],
            )
            row = cursor.fetchone()
    return tuple([int(i) for i in value.split(",")] if value else [] for value in row)


_catalogue: Catalogue | None = None


def catalogue() -> Catalogue:
    """The catalogue, reloaded when an entry was added, changed or removed (checked with one
    small query per search, so every worker of every server sees a change at once)."""
    global _catalogue
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), MAX(updated) FROM library_entry")
        version = (connection.alias, *cursor.fetchone())
        if _catalogue is not None and _catalogue.version == version:
            return _catalogue
        key = _key_column()
        cursor.execute(
            f"SELECT s.{key}, s.access, s.status, s.kind, s.slug, s.facets, s.title"  # noqa: S608
            f" FROM library_search s JOIN library_entry e ON e.id = s.{key}"
        )
        _catalogue = Catalogue(version, list(cursor.fetchall()))
    return _catalogue


def _ranked(result: int, query: Query, cited: int, cat: Catalogue, end: int) -> list[int]:
    """The first `end` positions of the result by score (see the module docstring), ties by
    position (shorter title, then slug)."""
    n = len(query.terms)
    last = [query.prefix and i == n - 1 for i in range(n)]
    masks = [cat.term(t, last[i]) for i, t in enumerate(query.terms)]
    alls = [m[0] for m in masks]
    total = len(cat.ids)
    weights = [round(math.log(1 + total / max(m.bit_count(), 1)), 2) for m in alls]
    titles = [m[1] & result for m in masks]
    summaries = [m[2] & result for m in masks]
    candidates = cited & result
    for mask in (*titles, *summaries):
        candidates |= mask
    in_title = [set(_positions(m)) for m in titles]
    in_summary = [set(_positions(m)) for m in summaries]
    cited_set = set(_positions(cited & result))
    phrase = " " + " ".join(query.terms) + ("" if query.prefix else " ")
    bonus = sum(weights)
    scored = []
    for p in _positions(candidates):
        score = 0.0
        for i, weight in enumerate(weights):
            if p in in_title[i]:
                score += weight * TITLE_WEIGHT
            if p in in_summary[i]:
                score += weight * SUMMARY_WEIGHT
        title = cat.titles[p]
        if title.startswith(phrase):
            score += bonus * PHRASE_START
        elif phrase in title:
            score += bonus * PHRASE_ANYWHERE
        if p in cited_set:
            score += CITATION_BOOST
        scored.append((-round(score, 6), p))
    top = [p for _s, p in heapq.nsmallest(end, scored)]
    if len(top) < end:  # the rest have no word in the title or summary: ties, in position order
        rest = result & ~candidates
        top += _positions(rest)[: end - len(top)]
    return top


def search(*, q: str, levels, filters: dict[str, str] | None = None, page: int = 1,
           per_page: int = PER_PAGE) -> Results:  # fmt: skip
    """Entries readable at `levels` that match `q` (every word, else any word) and the facet
    `filters`, best first, with facet counts over all of them."""
    from .models import Citation, Entry

    filters = filters or {}
    query = Query.parse(q)
    results = Results(query=query, page=max(1, page), per_page=per_page)
    if not levels or (query.text and not query.terms and not query.citations):
        return results
    cat = catalogue()
    base = cat.readable(levels)
    for name, value in filters.items():
        base &= cat.facets.get(f"{name}:{value}", 0)
    cited = 0
    if query.citations:
        cited = cat.of_ids(
            Citation.objects.filter(key__in=query.citations).values_list("entry_id", flat=True)
        )

    def collect(any_term: bool) -> int:
        if not query.terms:
            return (cited or base) & base
        n = len(query.terms)
        masks = [cat.term(t, query.prefix and i == n - 1)[0] for i, t in enumerate(query.terms)]
        match = masks[0]
        for mask in masks[1:]:
            match = (match | mask) if any_term else (match & mask)
        return (match | cited) & base

    result = collect(any_term=False)
    if not result and len(query.terms) > 1:
        result = collect(any_term=True)
        results.any_term = bool(result)
    results.total = result.bit_count()
    results.facets = {name: {} for name in FACETS}
    for pair, mask in cat.facets.items():
        count = (result & mask).bit_count()
        if count:
            name, value = pair.split(":", 1)
            results.facets.setdefault(name, {})[value] = count
    if not result:
        return results
    end = results.page * per_page
    if query.terms or cited:
        ranked = _ranked(result, query, cited, cat, end)
    else:
        chosen = set(_positions(result))
        ranked = [p for p in cat.browse if p in chosen][:end]
    ids = [cat.ids[p] for p in ranked[end - per_page :]]
    entries = Entry.objects.in_bulk(ids)
    cited_ids = {cat.ids[p] for p in _positions(cited)}
    for entry_id in ids:
        entry = entries.get(entry_id)
        if entry is None:  # removed since the catalogue was read
            continue
        results.hits.append(
            Hit(
                entry=entry,
                title_html=highlight(entry.title_local, query),
                snippet_html=snippet(entry, query),
                cited=entry_id in cited_ids,
            )
        )
    return results


# --- highlighting ----------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w]+")
_LIST_ITEM = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_MARKDOWN = re.compile(r"[#*_`>|]+|\[([^\]]*)\]\([^)]*\)")
SNIPPET_CHARS = 220
SNIPPET_SCAN = 4000
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„…–—"


@functools.lru_cache(maxsize=100_000)
def _word_stem(word: str) -> str | None:
    folded = fold(word)
    if not _WORD.fullmatch(folded) or folded in STOP_WORDS:
        return None
    return stem(folded)


def _matcher(query: Query):
    """A fast test: does this word (as written) match a query term?"""
    exact = frozenset(query.terms)
    prefix = query.terms[-1] if query.prefix else None

    def matches(word: str) -> bool:
        s = _word_stem(word)
        return s is not None and (s in exact or (prefix is not None and s.startswith(prefix)))

    return matches


def highlight(text: str, query: Query, matches=None) -> str:
    """The text, escaped, with every word that matches a query term in <mark>."""
    if not query.terms:
        return escape(text)
    matches = matches or _matcher(query)
    out = []
    for token in _TOKEN.findall(text):
        quoted = html.escape(token)
        out.append(f"<mark>{quoted}</mark>" if matches(token) else quoted)
    return mark_safe("".join(out))  # noqa: S308 — every piece is escaped above


def snippet(entry, query: Query) -> str:
    """The passage of the summary and text (their first SNIPPET_SCAN characters) with the most
    query words, highlighted."""
    text = _LIST_ITEM.sub("", f"{entry.summary_local}\n{entry.body[:SNIPPET_SCAN]}")
    plain = " ".join(_MARKDOWN.sub(lambda m: m.group(1) or "", text).split())
    if not query.terms:
        return escape(plain[:SNIPPET_CHARS] + (" …" if len(plain) > SNIPPET_CHARS else ""))
    matches = _matcher(query)
    # Stems keep the first letters of their words: find candidates with one regex, then check.
    starts = "|".join(re.escape(t[:3]) for t in query.terms)
    candidates = re.finditer(rf"(?i)\b(?:{starts})\w*", plain)
    found = [m.start() for m in candidates if matches(m.group())]
    if not found:
        cut = plain[:SNIPPET_CHARS].rsplit(" ", 1)[0] if len(plain) > SNIPPET_CHARS else plain
        return escape(cut + (" …" if len(cut) < len(plain) else ""))
    best, best_at, j = 0, found[0], 0
    for i, position in enumerate(found):  # the window of SNIPPET_CHARS with the most matches
        while found[j] < position - SNIPPET_CHARS + 40:
            j += 1
        if i - j + 1 > best:
            best, best_at = i - j + 1, found[j]
    begin = max(0, best_at - 40)
    if begin:
        begin = plain.find(" ", begin) + 1 or begin
    end = min(len(plain), begin + SNIPPET_CHARS)
    if end < len(plain):
        end = plain.rfind(" ", begin, end) if plain.rfind(" ", begin, end) > begin else end
    piece = ("… " if begin else "") + plain[begin:end] + (" …" if end < len(plain) else "")
    return highlight(piece, query, matches)
