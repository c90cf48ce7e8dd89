"""The library: search with facets, entry pages, good-practice submission and moderation."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from crossborder import access
from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag

from . import search, services
from .forms import CommentForm, ModerationForm, PracticeForm
from .models import Entry, Kind, Status


def facet_labels() -> dict[str, dict[str, str]]:
    """Human labels of every facet value, in the current language."""
    labels = {
        "kind": dict(Kind.choices),
        "profession": dict(Profession.choices),
        "country": {},
        "element": {},
        "form": {},
        "theme": {},
    }
    for tag in Tag.objects.all():
        labels[tag.kind][tag.code] = (
            f"{tag.code} · {tag.short_local}" if tag.kind == "element" else tag.short_local
        )
    return labels


def known_facet_value(name: str, value: str, labels) -> bool:
    return value in countries if name == "country" else value in labels[name]


def read_filters(params, labels) -> tuple[dict[str, str], list[str]]:
    """The facet filters in a query string; unknown values are named and ignored."""
    filters, problems = {}, []
    for name in search.FACETS:
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if known_facet_value(name, value, labels):
            filters[name] = value
        else:
            problems.append(
                _("“%(value)s” is not a known value for %(facet)s; that filter was ignored.")
                % {"value": value[:40], "facet": name}
            )
    return filters, problems


def read_page(params) -> int:
    try:
        return max(1, min(int(params.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        return 1


FACET_TITLES = {
    "kind": gettext_lazy("Kind"),
    "element": gettext_lazy("Curriculum element"),
    "form": gettext_lazy("Form of exploitation"),
    "theme": gettext_lazy("Theme"),
    "profession": gettext_lazy("Profession"),
    "country": gettext_lazy("Country"),
}


def _link(q: str, filters: dict[str, str], **change) -> str:
    params = {"q": q} if q else {}
    params.update(filters)
    for name, value in change.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return "?" + urlencode(params) if params else "?"


def library(request):
    labels = facet_labels()
    filters, problems = read_filters(request.GET, labels)
    q = request.GET.get("q", "")
    results = search.search(
        q=q,
        levels=access.library_levels(request.user),
        filters=filters,
        page=read_page(request.GET),
    )
    facets = []
    for name in search.FACETS:
        counts = results.facets.get(name, {})
        values = []
        for value, count in counts.items():
            label = countries.name(value) if name == "country" else labels[name].get(value, value)
            selected = filters.get(name) == value
            values.append(
                {
                    "value": value,
                    "label": label,
                    "count": count,
                    "selected": selected,
                    "url": _link(
                        results.query.text, filters, **{name: None if selected else value}
                    ),
                }
            )
        if name == "country":
            values.sort(key=lambda v: v["label"])
        elif name == "kind":
            values.sort(key=lambda v: Kind.values.index(v["value"]))
        else:
            values.sort(key=lambda v: v["value"])
        if values:
            facets.append(
                {
                    "name": name,
                    "title": FACET_TITLES[name],
                    "values": values,
                    "selected": name in filters,
                }
            )
    context = {
        "q": results.query.text,
        "results": results,
        "facets": facets,
        "filters": filters,
        "problems": problems,
        "clear_url": _link(results.query.text, {}),
        "previous_url": _link(results.query.text, filters, page=str(results.page - 1))
        if results.page > 1
        else None,
        "next_url": _link(results.query.text, filters, page=str(results.page + 1))
        if results.page < results.pages
        else None,
        "too_long": len(q) > search.MAX_QUERY,
        "can_submit": access.can_submit_practice(request.user),
    }
    template = (
        "library/index.html#results" if request.headers.get("HX-Request") else "library/index.html"
    )
    return render(request, template, context)


def _entry_for(request, slug) -> Entry:
    entry = get_object_or_404(
        Entry.objects.select_related("author__profile").prefetch_related("tags"), slug=slug
    )
    if not access.can_view_entry(request.user, entry):
        raise Http404  # restricted and unpublished entries do not exist for others
    return entry


def entry_detail(request, slug):
    entry = _entry_for(request, slug)
    levels = access.library_levels(request.user)
    related = (
        Entry.objects.readable_at(levels)
        .filter(pk__in=entry.related.values("pk"))
        .order_by("kind", "title")
    )
    modules = access.openable_modules(request.user, entry.modules.all())
    sessions = entry.sessions.select_related("seminar").order_by("start")
    if not access.can_manage_programme(request.user):
        sessions = sessions.exclude(seminar__status="draft")
    questions = entry.questions.select_related("module").order_by("module__order", "key")
    if access.may_own_modules(request.user):  # whether a draft is theirs: owners in one query
        questions = questions.prefetch_related("module__owners")
    questions = [q for q in questions if access.can_open_module(request.user, q.module)]
    comments = (
        entry.comments.select_related("author__profile") if entry.kind == Kind.PRACTICE else []
    )
    context = {
        "entry": entry,
        "english_only": not entry.reads_in(get_language()),
        "related": related,
        "modules": modules,
        "sessions": sessions,
        "questions": questions,
        "comments": comments,
        "can_comment": access.can_comment_on_entry(request.user, entry),
        "comment_form": CommentForm(),
        "can_edit": access.can_edit_submission(request.user, entry),
        "can_moderate": access.can_moderate_library(request.user)
        and entry.kind == Kind.PRACTICE
        and entry.author_id,
        "moderation_form": ModerationForm(initial={"access": entry.access}),
        "tags": sorted(entry.tags.all(), key=lambda t: (t.kind, t.order)),
        "country_names": [countries.name(c) for c in entry.countries],
        "professions": [Profession(p).label for p in entry.professions if p in Profession.values],
    }
    return render(request, "library/entry.html", context)


def _practice_initial(entry: Entry) -> dict:
    details = entry.details
    return {
        "title": entry.title,
        "country": details.get("country", ""),
        "summary": entry.summary,
        "problem": details.get("problem", ""),
        "action": details.get("action", ""),
        "results": details.get("results", ""),
        "contact": details.get("contact", ""),
        "body": entry.body,
        "sources": "\n".join(s.get("title", "") for s in entry.sources),
        "professions": entry.professions,
        "tags": list(entry.tags.all()),
        "access": entry.access,
    }


@login_required
def submit_practice(request):
    if not access.can_submit_practice(request.user):
        raise PermissionDenied
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = services.submit_practice(data=form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("Thank you. Your practice was sent to the moderators; follow its status here."),
        )
        return redirect(entry)
    return render(request, "library/practice_form.html", {"form": form, "entry": None})


@login_required
def edit_practice(request, slug):
    entry = _entry_for(request, slug)
    if not access.can_edit_submission(request.user, entry):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, initial=_practice_initial(entry))
    if request.method == "POST" and form.is_valid():
        services.update_submission(entry=entry, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Your changes were sent to the moderators."))
        return redirect(entry)
    return render(request, "library/practice_form.html", {"form": form, "entry": entry})


@login_required
def my_practices(request):
    entries = Entry.objects.filter(author=request.user).order_by("-created")
    return render(request, "library/mine.html", {"entries": entries})


@login_required
def moderation(request):
    if not access.can_moderate_library(request.user):
        raise PermissionDenied
    entries = (
        Entry.objects.filter(kind=Kind.PRACTICE, author__isnull=False)
        .exclude(status=Status.PUBLISHED)
        .select_related("author")
        .order_by("status", "updated")
    )
    entries = [e for e in entries if access.can_view_entry(request.user, e)]
    return render(request, "library/moderation.html", {"entries": entries})


@login_required
@require_POST
def moderate(request, slug):
    entry = _entry_for(request, slug)
    if not access.can_moderate_library(request.user) or entry.author_id is None:
        raise PermissionDenied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(entry)
    services.moderate(
        entry=entry,
        decision=form.cleaned_data["decision"],
        access=form.cleaned_data["access"] or entry.access,
        note=form.cleaned_data["note"],
        by=request.user,
    )
    messages.success(request, _("Decision recorded; the author sees it on their submissions page."))
    return redirect("library-moderation")


@login_required
@require_POST
def comment(request, slug):
    entry = _entry_for(request, slug)
    if not access.can_comment_on_entry(request.user, entry):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(entry=entry, body=form.cleaned_data["body"], by=request.user)
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, " ".join(form.errors["body"]))
    return redirect(f"{entry.get_absolute_url()}#comments")
