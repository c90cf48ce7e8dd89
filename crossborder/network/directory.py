"""The directory search: the listings a viewer may see, filtered, one page of them as the viewer
may see them (only the fields each person shows) and facet counts in which a hidden field never
counts. The page and the API (crossborder/network/api.py) both call `search`.

The query count is fixed (a count, a page, two prefetches, five facets), however many people
are listed.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django_countries import countries

from crossborder import access
from crossborder.accounts.models import LANGUAGE_CHOICES, Profession
from crossborder.enrolment.models import Application

from .models import NetworkListing

PER_PAGE = 20
ATTENDED = Application.Status.ATTENDED
FILTERS = ("country", "profession", "tag", "language", "cohort")


@dataclass
class Results:
    page: object  # a Paginator page of listings
    cards: list[dict]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)


def visible_listings(viewer):
    """Every listing `viewer` may find (their audience, listed, active account)."""
    return NetworkListing.objects.for_audiences(access.network_audiences(viewer))


def filtered(listings, filters: dict):
    """Apply the filters; each matches only people who show that field (a filter on a hidden
    field would reveal it by who is left)."""
    if filters.get("country"):
        listings = listings.filter(show_country=True, user__profile__country=filters["country"])
    if filters.get("profession"):
        listings = listings.filter(
            show_profession=True, user__profile__profession=filters["profession"]
        )
    if filters.get("tag"):
        listings = listings.filter(show_tags=True, tags__code=filters["tag"])
    if filters.get("language"):
        # The codes are a JSON list; its text holds "xx" in quotes (the code is validated).
        listings = listings.filter(
            show_languages=True,
            user__profile__working_languages__icontains=f'"{filters["language"]}"',
        )
    if filters.get("cohort"):
        attended = Application.objects.filter(
            user=OuterRef("user"), status=ATTENDED, call__seminar__slug=filters["cohort"]
        )
        listings = listings.filter(Exists(attended), show_seminars=True)
    return listings


def with_details(listings):
    return listings.select_related("user__profile").prefetch_related(
        "tags",
        Prefetch(
            "user__applications",
            queryset=Application.objects.filter(status=ATTENDED)
            .select_related("call__seminar")
            .order_by("call__seminar__start_date"),
            to_attr="attended",
        ),
    )


def card(listing, fields: frozenset[str]) -> dict:
    """One person as a viewer who sees `fields` sees them: a hidden field is absent."""
    profile = listing.user.profile
    out = {"id": listing.public_id}
    if "name" in fields:
        out["name"] = listing.user.get_full_name()
    if "profession" in fields:
        out["profession"] = profile.profession
        out["profession_label"] = str(profile.get_profession_display())
    if "organisation" in fields:
        out["organisation"] = profile.organisation
    if "country" in fields:
        out["country"] = profile.country.code
        out["country_name"] = str(profile.country.name)
    if "languages" in fields:
        labels = dict(LANGUAGE_CHOICES)
        out["languages"] = [
            {"code": c, "name": str(labels[c])} for c in profile.working_languages if c in labels
        ]
    if "tags" in fields:
        out["tags"] = [{"code": t.code, "name": t.short_local} for t in listing.tags.all()]
    if "seminars" in fields:
        seminars = [a.call.seminar for a in getattr(listing.user, "attended", [])]
        out["seminars"] = [{"slug": s.slug, "title": s.title_local} for s in seminars]
    return out


def _counted(labels: dict, counts) -> list[tuple[str, str, int]]:
    """(value, label, count) of the values counted, in the order of `labels`."""
    return [(v, str(label), counts[v]) for v, label in labels.items() if v in counts]


def facets(listings, *, tags, seminars) -> dict[str, list[tuple[str, str, int]]]:
    """(value, label, count) per filter over `listings`, counting only people who show that
    field. `tags` and `seminars` are the filter form's choices ({value: label})."""
    country = Counter(
        dict(
            listings.filter(show_country=True)
            .order_by()
            .values_list("user__profile__country")
            .annotate(n=Count("pk"))
        )
    )
    profession = dict(
        listings.filter(show_profession=True)
        .order_by()
        .values_list("user__profile__profession")
        .annotate(n=Count("pk"))
    )
    tag = dict(
        listings.filter(show_tags=True, tags__isnull=False)
        .order_by()
        .values_list("tags__code")
        .annotate(n=Count("pk", distinct=True))
    )
    language = Counter()
    for codes in listings.filter(show_languages=True).values_list(
        "user__profile__working_languages", flat=True
    ):
        language.update(set(codes or ()))
    cohort = dict(
        Application.objects.filter(
            status=ATTENDED,
            user__network_listing__in=listings.filter(show_seminars=True).values("pk"),
        )
        .order_by()
        .values_list("call__seminar__slug")
        .annotate(n=Count("user", distinct=True))
    )
    return {
        "country": sorted(
            ((c, str(countries.name(c)), n) for c, n in country.items()), key=lambda t: t[1]
        ),
        "profession": _counted(dict(Profession.choices), profession),
        "tag": _counted(tags, tag),
        "language": _counted(dict(LANGUAGE_CHOICES), language),
        "cohort": _counted(seminars, cohort),
    }


def search(viewer, filters: dict, page_number, *, tags: dict, seminars: dict) -> Results:
    """One page of the people `viewer` may find, with the facets of the whole result."""
    matching = filtered(visible_listings(viewer), filters)
    paginator = Paginator(with_details(matching.order_by("public_id")), PER_PAGE)
    page = paginator.get_page(page_number)
    cards = [
        card(listing, access.network_fields_visible(viewer, listing))
        for listing in page.object_list
    ]
    return Results(page, cards, facets(matching, tags=tags, seminars=seminars))
