"""Library search with the database's own full-text search: tsvector, GIN, SearchRank and
SearchHeadline on PostgreSQL (postgres.py), an FTS5 table with bm25(), snippet() and
highlight() on SQLite (sqlite.py), behind this one interface.

search() finds the published entries readable at the reader's levels that match the facet
filters and the query: a citation ("2011/36", "C-670/22", "60561/14") goes straight to its entry,
which comes first; then entries with every word (the last one as a prefix while typing), or, if
none has every word, those with any of them (results.any_term). An empty query lists entries by
kind, then slug. The access filter is part of every query: what a reader may not read is never
matched, counted, or shown. Nothing is kept between searches.
"""

import html
import json
import math
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import postgres, sqlite
from .citations import citation_key, cited_entry_ids, cited_keys, refresh_citations
from .schema import create_index, drop_index
from .text import MAX_QUERY, MAX_TERMS, Query, strip_markdown

__all__ = [
    "FACETS",
    "KIND_ORDER",
    "MAX_QUERY",
    "MAX_TERMS",
    "PER_PAGE",
    "Hit",
    "Query",
    "Results",
    "citation_key",
    "cited_keys",
    "create_index",
    "drop_index",
    "index_entries",
    "refresh",
    "remove_from_index",
    "search",
]

PER_PAGE = 20
SNIPPET_CHARS = 220
FACETS = ("kind", "element", "form", "theme", "profession", "country")
FACET_FIELDS = {"profession": "professions", "country": "countries"}  # JSON lists on Entry
KIND_ORDER = {
    k: i for i, k in enumerate(["instrument", "tool", "case", "indicators", "practice", "guidance"])
}


def backend():
    """The implementation for the database in use."""
    return postgres if connection.vendor == "postgresql" else sqlite


# --- keeping the index in step ---------------------------------------------------------------


def refresh(entry) -> None:
    """Bring the index row and the citation keys of one entry in step with it."""
    backend().index([entry])
    refresh_citations(entry)


def remove_from_index(entry_id: int) -> None:
    backend().unindex(entry_id)


def index_entries(entries) -> None:
    """Index many entries at once (their citation keys are the caller's: see refresh)."""
    backend().index(entries)


# --- searching -------------------------------------------------------------------------------


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


def _filtered(levels, filters: dict[str, str]):
    """The readable entries with the facet values asked for."""
    from ..models import Entry

    entries = Entry.objects.readable_at(levels)
    for name, value in filters.items():
        if name == "kind":
            entries = entries.filter(kind=value)
        elif name in ("element", "form", "theme"):
            entries = entries.filter(tags__kind=name, tags__code=value)
        elif name in ("profession", "country"):
            entries = entries.filter(_list_holds(FACET_FIELDS[name], value))
    return entries


def _list_holds(field_name: str, value: str) -> Q:
    """Entries whose JSON list `field_name` holds `value` (a known facet code)."""
    if connection.features.supports_json_field_contains:
        return Q(**{f"{field_name}__contains": [value]})
    # SQLite has no JSON containment lookup: the list's JSON text holds the quoted code.
    return Q(**{f"{field_name}__icontains": json.dumps(value)})


def facet_counts(matched) -> dict[str, dict[str, int]]:
    """Facet values of the matching entries (a queryset) and how many entries have each, all
    counted by the database: kind, professions and countries in one grouped query (the JSON
    lists grouped by their text: entries share a few distinct lists, decoded here), tags in
    another."""
    from crossborder.curriculum.models import Tag

    from ..models import Entry

    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    groups = (
        matched.values_list(
            "kind", Cast("professions", TextField()), Cast("countries", TextField())
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    professions, countries = Counter(), Counter()
    for kind, professions_text, countries_text, n in groups:
        counts["kind"][kind] = counts["kind"].get(kind, 0) + n
        for counter, text in ((professions, professions_text), (countries, countries_text)):
            values = json.loads(text) if text else []
            for value in set(values if isinstance(values, list) else []):
                counter[value] += n
    counts["profession"] = dict(sorted(professions.items()))
    counts["country"] = dict(sorted(countries.items()))
    tags = (
        Entry.tags.through.objects.filter(entry__in=matched.values("pk"))
        .values_list("tag_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted = dict(tags)
    for tag_id, kind, code in Tag.objects.filter(pk__in=counted).values_list("pk", "kind", "code"):
        counts.setdefault(kind, {})[code] = counted[tag_id]
    return counts


def _marked_html(text: str | None, fallback: str, limit: int | None = None) -> str:
    """Text with the database's highlight marks as escaped HTML with <mark> elements (and
    Markdown marks taken out when it is a snippet, i.e. has a length limit)."""
    if not text:
        cut = fallback if limit is None or len(fallback) <= limit else fallback[:limit] + " …"
        return escape(cut)
    start, stop = backend().START, backend().STOP
    if limit is not None:
        text = strip_markdown(text)
    quoted = html.escape(" ".join(text.split()))
    return mark_safe(quoted.replace(start, "<mark>").replace(stop, "</mark>"))  # noqa: S308 — escaped above


def search(
    *,
    q: str,
    levels,
    filters: dict[str, str] | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """Entries readable at `levels` that match `q` (every word, else any word) and the facet
    `filters`, best first, with facet counts over all of them."""
    with backend().reading():
        return _search(q=q, levels=levels, filters=filters or {}, page=page, per_page=per_page)


def _search(*, q: str, levels, filters: dict[str, str], page: int, per_page: int) -> Results:
    query = Query.parse(q)
    results = Results(query=query, page=max(1, page), per_page=per_page)
    if not levels or (query.text and not query.terms and not query.citations):
        return results
    impl = backend()
    base = _filtered(levels, filters)
    cited = cited_entry_ids(query.citations, base)

    def matched(any_term: bool):
        if not query.terms:
            return base.filter(pk__in=cited) if query.text else base
        return base.filter(impl.matching(query, any_term) | Q(pk__in=cited))

    any_term = False
    facets = facet_counts(matched(False))
    if not facets["kind"] and len(query.terms) > 1:
        any_term = True
        facets = facet_counts(matched(True))
    results.any_term = any_term and bool(facets["kind"])
    results.facets = facets
    results.total = sum(facets["kind"].values())
    offset = (results.page - 1) * per_page
    if not results.total or offset >= results.total:
        return results
    if not query.terms:
        order = Case(
            *[When(kind=k, then=Value(i)) for k, i in KIND_ORDER.items()],
            default=Value(len(KIND_ORDER)),
            output_field=IntegerField(),
        )
        ids = list(
            matched(False)
            .annotate(kind_order=order)
            .order_by("kind_order", "slug")
            .values_list("pk", flat=True)[offset : offset + per_page]
        )
    else:
        ids = cited[offset : offset + per_page]
        if len(ids) < per_page:
            rest = impl.ranked_ids(
                base.exclude(pk__in=cited),
                query,
                any_term,
                max(0, offset - len(cited)),
                per_page - len(ids),
                results.total,
            )
            ids += rest
    language = (get_language() or "en")[:2]
    language = language if language in ("fr", "de") else "en"
    found = impl.hits(ids, query, any_term, language)
    for entry_id in ids:
        if entry_id not in found:
            continue
        entry, title, snippet = found[entry_id]
        summary = " ".join(strip_markdown(entry.summary_local).split())
        results.hits.append(
            Hit(
                entry=entry,
                title_html=_marked_html(title, entry.title_local),
                snippet_html=_marked_html(snippet, summary, SNIPPET_CHARS),
                cited=entry_id in cited,
            )
        )
    return results
