"""What a seminar's cohort space shows (who may enter: access.cohort_seminars): the members who
opted in to the directory, each as the directory shows them to this viewer; the seminar's
materials; one page of its discussion. A fixed number of queries, however large the cohort or
the thread."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q

from crossborder import access
from crossborder.library.models import Entry
from crossborder.seminars.models import Session

from .directory import card, filtered, visible_listings, with_details

PER_PAGE = 20


def cohort_list(user):
    """The cohorts `user` may enter, newest first, each with its number of visible messages."""
    return access.cohort_seminars(user).annotate(
        message_count=Count("cohort_posts", filter=Q(cohort_posts__hidden_at__isnull=True))
    )


def members(viewer, seminar) -> list[dict]:
    """The cohort's members listed in the directory for this viewer, with only the fields each
    shows; a person who hides the seminars they attended is not counted in (the directory's
    cohort filter), so the space reveals nothing the directory does not. Named people first."""
    listings = with_details(filtered(visible_listings(viewer), {"cohort": seminar.slug}))
    cards = [card(listing, access.network_fields_visible(viewer, listing)) for listing in listings]
    return sorted(cards, key=lambda c: ("name" not in c, c.get("name", ""), c["id"]))


def materials(viewer, seminar) -> list:
    """The seminar's sessions that have materials or library entries this viewer may read,
    in timetable order (two queries)."""
    entries = (
        Entry.objects.readable_at(access.library_levels(viewer))
        .only("pk", "slug", "title", "title_fr", "title_de")
        .order_by("title")
    )
    sessions = (
        Session.objects.filter(seminar=seminar)
        .exclude(kind=Session.Kind.BREAK)
        .prefetch_related(Prefetch("library_entries", queryset=entries, to_attr="entries"))
        .order_by("start", "track", "room")
    )
    return [s for s in sessions if s.materials or s.entries]


def discussion(viewer, seminar, page_number):
    """One page of the discussion, newest first; moderators also see the hidden messages."""
    posts = seminar.cohort_posts.select_related("author__profile")
    if not access.can_moderate_cohort(viewer):
        posts = posts.shown()
    return Paginator(posts, PER_PAGE).get_page(page_number)
