"""Library search on SQLite: an FTS5 table (library_fulltext, one row per entry, its rowid the
entry's id; model SearchText) written by the ORM whenever an entry is saved; bm25() with column
weights for the order, snippet() and highlight() for what is shown.

The ORM has no expression for FTS5's MATCH operator or its auxiliary functions, so those few
fragments are RawSQL; every value in them is a parameter, and the match expression is
assembled from the query's words only (letters and digits, each quoted)."""

from contextlib import nullcontext

from django.apps import apps as django_apps
from django.db.models import BooleanField, F, FloatField, IntegerField, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from .text import FIELDS, Query, fields

TABLE = "library_fulltext"
TOKENIZER = "porter unicode61 remove_diacritics 2"
# bm25 weight of each column (FIELDS order), in the proportions of PostgreSQL's A/B/C/D.
BM25 = {"title": 10, "citations": 10, "body": 2, "details": 1}  # the others: 4
START, STOP = "\x02", "\x03"  # highlight marks: the indexed text has no control characters
SNIPPET_TOKENS = 32
# Columns whose match puts an entry in tier 0 (title, citations), 1 (summaries, translations).
TIERS = (("title", "citations"), ("title_fr", "title_de", "summary", "summary_fr", "summary_de"))


def reading():
    """Nothing to set up: SQLite's planner reads the FTS5 table for MATCH."""
    return nullcontext()


def create_table_sql() -> str:
    return f"CREATE VIRTUAL TABLE {TABLE} USING fts5({', '.join(FIELDS)}, tokenize = '{TOKENIZER}')"


def index(entries, apps=django_apps) -> None:
    """Write the index rows of these entries (apps: the migration's, when run from one)."""
    text_model = apps.get_model("library", "SearchText")
    entries = list(entries)
    ids = [e.pk for e in entries]
    for start in range(0, len(ids), 500):
        text_model.objects.filter(pk__in=ids[start : start + 500]).delete()
    text_model.objects.bulk_create(
        [text_model(entry_id=e.pk, **fields(e)) for e in entries], batch_size=500
    )


def unindex(entry_id: int) -> None:
    from ..models import SearchText

    SearchText.objects.filter(pk=entry_id).delete()


def match_expression(query: Query, any_term: bool) -> str:
    """An FTS5 query from the query's words: each quoted (never read as syntax), the last one
    a prefix ("term"*) while typing, joined by AND (every word) or OR (any word)."""
    parts = [
        f'"{term}"' + ("*" if query.is_prefix(i) else "") for i, term in enumerate(query.terms)
    ]
    return (" OR " if any_term else " AND ").join(parts)


def _fts(sql: str, params=(), output_field=None) -> RawSQL:
    """An FTS5 fragment (MATCH, bm25, highlight, snippet): the ORM has no expression for them.
    `sql` is made of fixed names and numbers here; values are always in `params`."""
    return RawSQL(sql, list(params), output_field=output_field)  # noqa: S611


def _match(query: Query, any_term: bool) -> RawSQL:
    # The FTS5 table must be named as the left operand of MATCH.
    return _fts(f"{TABLE} MATCH %s", [match_expression(query, any_term)], BooleanField())


def matching(query: Query, any_term: bool) -> Q:
    """The filter for entries whose index row matches the query (a sub-select of ids)."""
    match = match_expression(query, any_term)
    sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"  # noqa: S608 — fixed names
    # On id + 0, not id: SQLite then reads the readable entries from the facets index and
    # tests each against the sub-select, instead of probing the index once per matching id.
    return Q(In(F("pk") + 0, _fts(sql, [match])))


def _tier(query: Query, any_term: bool) -> RawSQL:
    """0 when the title or a citation has the words, 1 when a summary or translation has them,
    2 otherwise (bm25 weighs term frequencies, so a text that repeats a word could outrank a
    title without this)."""
    match = match_expression(query, any_term)
    # "+ 0": see ranked_ids.
    inner = f"({TABLE}.rowid + 0) IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s)"  # noqa: S608
    whens = "".join(f" WHEN {inner} THEN {i}" for i in range(len(TIERS)))
    params = ["{" + " ".join(columns) + "} : (" + match + ")" for columns in TIERS]
    return _fts(f"CASE{whens} ELSE {len(TIERS)} END", params, IntegerField())


def ranked_ids(
    entries, query: Query, any_term: bool, offset: int, limit: int, total: int
) -> list[int]:
    """Ids of the matching entries (of the queryset `entries`) best first: by tier, then bm25
    with column weights, ties by id."""
    from ..models import SearchText

    weights = ", ".join(str(BM25.get(name, 4)) for name in FIELDS)
    ranked = (
        SearchText.objects.filter(_match(query, any_term))
        # Filtered on rowid + 0, not rowid: SQLite would hand FTS5 the list of readable ids as
        # a rowid constraint and run the full-text query once per id (seconds, not ms).
        .alias(row=F("pk") + 0)
        .filter(row__in=entries.values("pk"))
        .annotate(
            tier=_tier(query, any_term),
            score=_fts(f"bm25({TABLE}, {weights})", output_field=FloatField()),
        )
        .order_by("tier", "score", "pk")
        .values_list("entry_id", flat=True)
    )
    return list(ranked[offset : offset + limit])


def _marked(function: str, name: str, extra: str = ""):
    column = FIELDS.index(name)
    return _fts(f"{function}({TABLE}, {column}, char(2), char(3){extra})", (), TextField())


def hits(ids: list[int], query: Query, any_term: bool, language: str) -> dict:
    """The entries of a page with their title and snippet marked with START/STOP."""
    from ..models import Entry, SearchText

    found = {}
    if query.terms:
        rows = (
            SearchText.objects.filter(_match(query, any_term), pk__in=ids)
            .select_related("entry")
            .annotate(
                title_en=_marked("highlight", "title"),
                summary_en=_marked("snippet", "summary", f", '…', {SNIPPET_TOKENS}"),
                body_snippet=_marked("snippet", "body", f", '…', {SNIPPET_TOKENS}"),
            )
        )
        if language != "en":
            rows = rows.annotate(
                title_local=_marked("highlight", f"title_{language}"),
                summary_local=_marked("snippet", f"summary_{language}", f", '…', {SNIPPET_TOKENS}"),
            )
        for row in rows:
            entry = row.entry
            title = getattr(row, "title_local", "") or row.title_en
            summary = getattr(row, "summary_local", "") or row.summary_en
            snippet = row.body_snippet if START in row.body_snippet else summary
            found[entry.pk] = (entry, title, snippet)
    missing = [i for i in ids if i not in found]  # cited entries without the words
    for entry in Entry.objects.filter(pk__in=missing) if missing else []:
        found[entry.pk] = (entry, None, None)
    return found
