"""The library editor: programme managers list, create and edit entries of every kind."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from crossborder import access
from crossborder.library.models import Entry, Kind

from .library_entries import save_entry
from .library_forms import EntryForm

PER_PAGE = 50


def _require_library_editor(request):
    if not access.can_edit_library(request.user):
        raise PermissionDenied


@login_required
def entry_list(request):
    _require_library_editor(request)
    entries = Entry.objects.only(
        "pk", "slug", "kind", "title", "access", "status", "edited_at", "updated"
    ).order_by("kind", "title")
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        entries = entries.filter(kind=kind)
    # PostgreSQL refuses a NUL in a text parameter: no title or slug holds one anyway
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    if q:
        entries = entries.filter(Q(title__icontains=q) | Q(slug__icontains=q))
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "authoring/library/list.html",
        {"page": page, "kinds": Kind.choices, "kind": kind, "q": q},
    )


@login_required
def entry_edit(request, slug=None):
    """Create an entry (of the kind asked for), or edit one."""
    _require_library_editor(request)
    entry = get_object_or_404(Entry, slug=slug) if slug else None
    kind = request.GET.get("kind", "")
    initial = {"kind": kind} if entry is None and kind in Kind.values else {}
    form = EntryForm(request.POST or None, instance=entry, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = save_entry(form=form, by=request.user)
        messages.success(request, _("Library entry saved."))
        return redirect("author-entry", slug=entry.slug)
    if entry is not None and form.errors:
        entry = Entry.objects.get(pk=entry.pk)  # the form has put its invalid values on it
    return render(
        request,
        "authoring/library/entry.html",
        {"form": form, "entry": entry, "kinds": Kind.choices},
        status=400 if form.errors else 200,
    )
