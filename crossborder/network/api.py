"""GET /api/v1/network/search (added to crossborder/api.py ROUTERS): the directory search with
the page's visibility rules. A field a person does not show to the caller is absent from their
result (not null), and facet counts leave it out."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from crossborder import access

from .directory import search
from .forms import SearchForm
from .ratelimit import allow
from .views.directory import filter_choices

router = Router(tags=["network"])


class NamedOut(Schema):
    code: str
    name: str


class CohortOut(Schema):
    slug: str
    title: str


class ListedPersonOut(Schema):
    """Only `id` is always there; every other field only if the person shows it to you."""

    id: str
    name: str | None = None
    profession: str | None = None
    profession_label: str | None = None
    organisation: str | None = None
    country: str | None = None
    country_name: str | None = None
    languages: list[NamedOut] | None = None
    tags: list[NamedOut] | None = None
    seminars: list[CohortOut] | None = None


class DirectoryFacetOut(Schema):
    value: str
    label: str
    count: int


class DirectorySearchOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ListedPersonOut]
    facets: dict[str, list[DirectoryFacetOut]]


class SearchIn(Schema):
    country: str = ""
    profession: str = ""
    tag: str = ""
    language: str = ""
    cohort: str = ""
    page: int = 1


class Message(Schema):
    detail: str


@router.get(
    "/network/search",
    response={200: DirectorySearchOut, 400: Message, 429: Message},
    exclude_none=True,
    summary="Search the practitioner directory (eligible signed-in users; rate-limited)",
)
def network_search(request, filters: Query[SearchIn]):
    if not access.can_search_directory(request.user):
        raise PermissionDenied
    if not allow(request.user, "search"):
        return Status(429, {"detail": _("Too many searches; please wait a few minutes.")})
    tags, seminars = filter_choices()
    data = filters.dict()
    form = SearchForm({k: v for k, v in data.items() if k != "page"}, tags=tags, seminars=seminars)
    if not form.is_valid():
        wrong = ", ".join(sorted(form.errors))
        return Status(400, {"detail": _("Unknown value for: %(fields)s.") % {"fields": wrong}})
    results = search(request.user, form.cleaned_data, data["page"], tags=tags, seminars=seminars)
    page = results.page
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": results.cards,
        "facets": {
            name: [{"value": v, "label": label, "count": n} for v, label, n in values]
            for name, values in results.facets.items()
        },
    }
