"""/api/v1/library: search and entries, with the same visibility rules as the pages."""

from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.api import OPTIONAL_AUTH
from crossborder.ratelimit import client_within_limit

from . import search
from .models import Entry
from .views import facet_labels, known_facet_value

router = Router(tags=["library"])


class Message(Schema):
    detail: str


class HitOut(Schema):
    slug: str
    kind: str
    title: str
    summary: str
    access: str
    url: str
    snippet_html: str
    citation_match: bool


class SearchOut(Schema):
    query: str
    total: int
    page: int
    pages: int
    any_term: bool
    results: list[HitOut]
    facets: dict[str, dict[str, int]]


class EntryOut(Schema):
    slug: str
    kind: str
    title: str
    title_fr: str
    title_de: str
    summary: str
    body: str
    access: str
    citations: list[str]
    details: dict[str, Any]
    sources: list[dict[str, Any]]
    reviewed: date | None
    tags: list[str]
    professions: list[str]
    countries: list[str]
    related: list[str]
    url: str


@router.get(
    "/library/search",
    response={200: SearchOut, 422: Message, 429: Message},
    auth=OPTIONAL_AUTH,
    summary="Search the library (entries you may read)",
)
def search_library(
    request,
    q: str = "",
    kind: str = "",
    element: str = "",
    form: str = "",
    theme: str = "",
    profession: str = "",
    country: str = "",
    page: int = 1,
):
    if request.user.is_anonymous:
        amount, seconds = settings.LIBRARY_SEARCH_RATE
        if not client_within_limit(request, "library:api-search", amount, seconds):
            return Status(
                429, {"detail": _("Too many searches from your address; please wait a minute.")}
            )
    labels = facet_labels()
    filters = {}
    given = {
        "kind": kind,
        "element": element,
        "form": form,
        "theme": theme,
        "profession": profession,
        "country": country,
    }
    for name, value in given.items():
        if not value:
            continue
        if not known_facet_value(name, value, labels):
            return Status(
                422,
                {
                    "detail": _("“%(value)s” is not a known value for %(facet)s.")
                    % {"value": value[:40], "facet": name}
                },
            )
        filters[name] = value
    if page < 1 or page > 10_000:
        return Status(422, {"detail": _("page must be between 1 and 10000.")})
    levels = access.library_levels(request.user)
    results = search.search(q=q, levels=levels, filters=filters, page=page)
    return Status(
        200,
        {
            "query": results.query.text,
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "any_term": results.any_term,
            "results": [
                {
                    "slug": h.entry.slug,
                    "kind": h.entry.kind,
                    "title": h.entry.title_local,
                    "summary": h.entry.summary_local,
                    "access": h.entry.access,
                    "url": request.build_absolute_uri(h.entry.get_absolute_url()),
                    "snippet_html": str(h.snippet_html),
                    "citation_match": h.cited,
                }
                for h in results.hits
            ],
            "facets": results.facets,
        },
    )


@router.get(
    "/library/{slug}",
    response={200: EntryOut, 404: Message},
    auth=OPTIONAL_AUTH,
    summary="One library entry",
)
def get_entry(request, slug: str):
    user = request.user
    entry = Entry.objects.prefetch_related("tags").filter(slug=slug).first()
    if entry is None or not access.can_view_entry(user, entry):
        return Status(404, {"detail": _("No such entry.")})
    levels = access.library_levels(user)
    related = Entry.objects.readable_at(levels).filter(pk__in=entry.related.values("pk"))
    return Status(
        200,
        {
            "slug": entry.slug,
            "kind": entry.kind,
            "title": entry.title,
            "title_fr": entry.title_fr,
            "title_de": entry.title_de,
            "summary": entry.summary,
            "body": entry.body,
            "access": entry.access,
            "citations": entry.citations,
            "details": entry.details,
            "sources": entry.sources,
            "reviewed": entry.reviewed,
            "tags": sorted(t.code for t in entry.tags.all()),
            "professions": entry.professions,
            "countries": entry.countries,
            "related": sorted(related.values_list("slug", flat=True)),
            "url": request.build_absolute_uri(entry.get_absolute_url()),
        },
    )
