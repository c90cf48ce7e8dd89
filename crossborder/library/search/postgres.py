"""Library search on PostgreSQL: Entry.search, a tsvector with weights (A title and citations,
B translations and summaries, C text, D details), GIN-indexed, written by the ORM whenever an
entry is saved; queries, ranks and headlines from django.contrib.postgres.search."""

from contextlib import contextmanager

from django.apps import apps as django_apps
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat, Left, NullIf, Replace

from .text import FIELDS, WEIGHTS, Query, fields, index_text

CONFIG = "english"
START, STOP = "\x02", "\x03"  # headline marks: taken out of the text first, so never ambiguous
SNIPPET_SOURCE = 4000  # characters of the text a snippet is taken from
# ts_rank weights of D, C, B, A: spaced so that words in the title (A) outrank words in a
# summary (B), which outrank any repetition in the text (C) or details (D) — what SQLite's
# tiers do (see sqlite.py); ts_rank adds up repeated pairs of words, so closer weights would
# let a long text that repeats the words overtake a title.
RANK_WEIGHTS = [0.00005, 0.0001, 0.1, 1.0]
RANK_WHOLE = 2000  # matches ranked on their whole vector (see ranked_ids)


@contextmanager
def reading():
    """A transaction in which the planner reads matches from the GIN index: it would otherwise
    scan the whole table for a common word (most rows match) and decompress every vector to
    test it, three times slower."""
    with transaction.atomic(), connection.cursor() as cursor:
        # A planner setting for this transaction only: the ORM has no way to say it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def vector(entry, weights: str = "ABCD") -> SearchVector:
    """The weighted search vector of an entry (of its parts with these weights), from the same
    words SQLite indexes."""
    texts = fields(entry)
    groups: dict[str, list[str]] = {}
    for name in FIELDS:
        groups.setdefault(WEIGHTS.get(name, "B"), []).append(texts[name])
    combined = None
    for weight in sorted(w for w in groups if w in weights):
        part = SearchVector(
            Value(index_text(" ".join(groups[weight])), output_field=TextField()),
            config=CONFIG,
            weight=weight,
        )
        combined = part if combined is None else combined + part
    return combined


def index(entries, apps=django_apps) -> None:
    """Write the search vectors of these entries (apps: the migration's, when run from one)."""
    entry_model = apps.get_model("library", "Entry")
    # New instances: the callers' entries keep no expression in their search attributes.
    rows = [entry_model(pk=e.pk, search=vector(e), search_head=vector(e, "AB")) for e in entries]
    if len(rows) == 1:
        row = rows[0]
        entry_model.objects.filter(pk=row.pk).update(search=row.search, search_head=row.search_head)
    else:
        entry_model.objects.bulk_update(rows, ["search", "search_head"], batch_size=200)


def unindex(entry_id: int) -> None:
    """Nothing to do: the vector goes with the entry's row."""


def tsquery(query: Query, any_term: bool, weights: str = "") -> SearchQuery:
    """A tsquery assembled from the query's words (letters and digits only, so quoting them is
    safe): every word (&) or any word (|), the last one as a prefix (:*) while typing; with
    `weights` ("A"), only words in the parts of the entry with those weights count."""
    parts = []
    for i, term in enumerate(query.terms):
        label = ("*" if query.is_prefix(i) else "") + weights
        parts.append(f"'{term}'" + (f":{label}" if label else ""))
    joined = (" | " if any_term else " & ").join(parts)
    return SearchQuery(joined, search_type="raw", config=CONFIG)


def matching(query: Query, any_term: bool) -> Q:
    """The filter for entries whose vector matches the query."""
    return Q(search=tsquery(query, any_term))


def ranked_ids(
    entries, query: Query, any_term: bool, offset: int, limit: int, total: int
) -> list[int]:
    """Ids of the matching entries (a queryset) best first by SearchRank, ties by id. Up to
    RANK_WHOLE matches are ranked on their whole vector; more (a common word) on the small
    vector of their titles, citations and summaries (reading thousands of whole vectors takes
    longer than the rest of the search; the text weighs next to nothing in the rank anyway)."""
    q = tsquery(query, any_term)
    ranked_on = "search" if total <= RANK_WHOLE else "search_head"
    ranked = (
        entries.filter(search=q)
        .annotate(rank=SearchRank(F(ranked_on), q, weights=RANK_WEIGHTS))
        .order_by("-rank", "pk")
        .values_list("pk", flat=True)
    )
    return list(ranked[offset : offset + limit])


def _clean(expression):
    return Replace(Replace(expression, Value(START), Value("")), Value(STOP), Value(""))


def _local(name: str, language: str):
    """The field in the language, falling back to English (as Localized does)."""
    if language == "en":
        return F(name)
    return Coalesce(NullIf(F(f"{name}_{language}"), Value("")), F(name))


def hits(ids: list[int], query: Query, any_term: bool, language: str) -> dict:
    """The entries of a page with their title and snippet marked with START/STOP."""
    from ..models import Entry

    entries = Entry.objects.filter(pk__in=ids).defer("search", "search_head")
    if not query.terms:
        return {e.pk: (e, None, None) for e in entries}
    q = tsquery(query, any_term)
    source = Concat(
        _local("summary", language),
        Value(" \n"),
        Left("body", SNIPPET_SOURCE),
        output_field=TextField(),
    )
    entries = entries.annotate(
        title_marked=SearchHeadline(
            _clean(_local("title", language)),
            q,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            highlight_all=True,
        ),
        snippet_marked=SearchHeadline(
            _clean(source),
            q,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            short_word=3,
            max_fragments=2,
            fragment_delimiter=" … ",
        ),
    )
    return {e.pk: (e, e.title_marked, e.snippet_marked) for e in entries}
