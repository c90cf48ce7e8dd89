"""Searching the directory, one person's profile (by opaque id only), asking them to get in
touch, and the administrators' export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.audit.models import record_list_view
from crossborder.curriculum.models import Tag
from crossborder.seminars.models import Seminar
from crossborder.spreadsheets import as_csv

from ..directory import FILTERS, card, search, with_details
from ..forms import ContactForm, SearchForm
from ..models import ContactRequest, NetworkListing
from ..ratelimit import allow
from ..services import Refused, requests_left_today, send_contact_request


def too_many(request):
    return render(request, "network/too_many.html", status=429)


def filter_choices() -> tuple[dict, dict]:
    """The expertise terms and the seminars whose cohorts one may filter by (two queries)."""
    tags = {t.code: t.short_local for t in Tag.objects.all()}
    seminars = {
        s.slug: s.title_local
        for s in Seminar.objects.filter(status__in=[Seminar.Status.HELD, Seminar.Status.ARCHIVED])
        .only("slug", "title", "title_fr", "title_de")
        .order_by("-start_date")
    }
    return tags, seminars


@login_required
def directory(request):
    user = request.user
    if not access.can_open_network(user):
        raise PermissionDenied
    if not access.can_search_directory(user):
        return render(request, "network/not_yet.html")
    if not allow(user, "search"):
        return too_many(request)
    tags, seminars = filter_choices()
    form = SearchForm(request.GET or None, tags=tags, seminars=seminars)
    results = None
    if form.is_bound and not form.is_valid():
        filters = None
    else:
        filters = form.cleaned_data if form.is_bound else {}
        results = search(user, filters, request.GET.get("page"), tags=tags, seminars=seminars)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/directory.html",
        {
            "form": form,
            "results": results,
            "filters": filters or {},
            "query": query.urlencode(),
            "facets": facet_links(form, results, filters or {}),
            "listed": NetworkListing.objects.filter(user=user, listed=True).exists(),
            "can_export": access.can_export_directory(user),
        },
    )


FACET_TITLES = {
    "country": _lazy("Country"),
    "profession": _lazy("Profession"),
    "tag": _lazy("Expertise"),
    "language": _lazy("Working language"),
    "cohort": _lazy("Seminar cohort"),
}


def facet_links(form, results, filters: dict) -> list[dict]:
    """The facets as links: each value adds (or, when selected, removes) its filter."""
    if results is None:
        return []
    facets = []
    for name in FILTERS:
        values = []
        for value, label, count in results.facets[name]:
            chosen = {k: v for k, v in filters.items() if v and k != name}
            selected = filters.get(name) == value
            if not selected:
                chosen[name] = value
            values.append(
                {
                    "label": label,
                    "count": count,
                    "selected": selected,
                    "url": "?" + urlencode(chosen),
                }
            )
        if values:
            facets.append({"name": name, "title": FACET_TITLES[name], "values": values})
    return facets


def _visible_listing(request, public_id):
    """The listing behind an opaque id, if this user may see it; one 404 for unknown, unlisted
    and not-for-you alike, so ids cannot be probed."""
    listing = with_details(NetworkListing.objects.filter(public_id=public_id)).first()
    if listing is None:
        raise Http404
    fields = access.network_fields_visible(request.user, listing)
    if not fields:
        raise Http404
    return listing, fields


@login_required
def person(request, public_id):
    if not access.can_open_network(request.user):
        raise PermissionDenied
    if not allow(request.user, "profile"):
        return too_many(request)
    listing, fields = _visible_listing(request, public_id)
    earlier = (
        ContactRequest.objects.filter(sender=request.user, recipient=listing.user)
        .order_by("-created_at")
        .first()
    )
    can_contact = access.can_contact(request.user, listing)
    return render(
        request,
        "network/person.html",
        {
            "listing": listing,
            "card": card(listing, fields),
            "own": listing.user_id == request.user.pk,
            "earlier": earlier,
            "form": ContactForm() if can_contact else None,
            "left_today": requests_left_today(request.user) if can_contact else 0,
        },
    )


@login_required
@require_POST
def contact(request, public_id):
    if not access.can_open_network(request.user):
        raise PermissionDenied
    if not allow(request.user, "profile"):
        return too_many(request)
    listing, fields = _visible_listing(request, public_id)
    if not access.can_contact(request.user, listing):
        raise PermissionDenied
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            send_contact_request(
                sender=request.user, listing=listing, message=form.cleaned_data["message"]
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Your request was sent. You will see the answer under “My contacts”."),
            )
            return redirect("network-contacts")
        return redirect("network-person", public_id)
    return render(
        request,
        "network/person.html",
        {
            "listing": listing,
            "card": card(listing, fields),
            "own": False,
            "earlier": None,
            "form": form,
            "left_today": requests_left_today(request.user),
        },
        status=400,
    )


@login_required
def export(request):
    """Every listed person with the fields they show (administrators only)."""
    if not access.can_export_directory(request.user):
        raise PermissionDenied
    rows = []
    listings = list(with_details(NetworkListing.objects.filter(listed=True).order_by("public_id")))
    record_list_view(actor=request.user, objects=listings, what="network_export")
    for listing in listings:
        c = card(listing, listing.shown())
        rows.append(
            [
                c["id"],
                listing.get_audience_display(),
                c.get("name", ""),
                c.get("profession_label", ""),
                c.get("organisation", ""),
                c.get("country", ""),
                " ".join(lang["code"] for lang in c.get("languages", [])),
                " ".join(t["code"] for t in c.get("tags", [])),
                " ".join(s["slug"] for s in c.get("seminars", [])),
            ]
        )
    header = ["id", "audience", "name", "profession", "organisation", "country"]
    header += ["languages", "expertise", "seminars"]
    response = HttpResponse(as_csv(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network-directory.csv"'
    return response
