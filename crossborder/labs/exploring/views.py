"""Exploring a lab: its tables, the network graph (page, JSON, side panel), the timeline."""

import itertools
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.audit.models import record

from .. import flagging
from ..models import Entity, Transaction
from ..views import lab_for
from . import filters, graph, timeline
from .tasks import lay_out_lab_graph

PANEL_TRANSACTIONS = 25
PERIOD_TRANSACTIONS = 100


def _flags(request, lab, group):
    """The group's (or learner's) flags by item key, and whether they may flag now."""
    flagged = flagging.flagged_keys(flagging.submission_of(lab, user=request.user, group=group))
    return flagged, access.can_flag_in_lab(request.user, lab, group)


def _htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@login_required
def table(request, pk, kind):
    lab, group = lab_for(request, pk)
    if kind != "transactions" and kind not in Entity.Kind.values:
        raise Http404
    form = filters.filter_for(kind, lab, request.GET)
    if kind == "transactions":
        items = lab.transactions.select_related("source", "target")
    else:
        items = lab.entities.filter(kind=kind)
    items = form.filter(items) if form.is_valid() else items.none()
    page = Paginator(items, filters.PAGE_SIZE).get_page(request.GET.get("page"))
    flagged, can_flag = _flags(request, lab, group)
    for item in page:
        item.flag = flagged.get(item.key)
    query = request.GET.copy()
    query.pop("page", None)
    sort = form.cleaned_data.get("sort", "") if form.is_valid() else ""
    unsorted = query.copy()
    unsorted.pop("sort", None)
    context = {
        "lab": lab,
        "kind": kind,
        "title": filters.kind_label(kind),
        "form": form,
        "page": page,
        "flagged": flagged,
        "can_flag": can_flag,
        "query": query.urlencode(),
        "unsorted": unsorted.urlencode(),
        "sort": sort or ("at" if kind == "transactions" else "key"),
        "kinds": Entity.Kind.choices,
    }
    template = "labs/explore/table.html"
    return render(request, template + "#results" if _htmx(request) else template, context)


@login_required
def graph_page(request, pk):
    lab, group = lab_for(request, pk)
    lg = graph.build_graph(lab)
    focus = request.GET.get("focus") or (lab.lead.key if lab.lead else "")
    problem = ""
    try:
        focus = lg.entity(focus) if focus else next(iter(lg.entities), "")
    except graph.GraphError as error:
        problem = str(error)
        focus = lab.lead.key if lab.lead else next(iter(lg.entities), "")
    keys, more = graph.neighbourhood(lg, focus) if focus else ([], 0)
    return render(
        request,
        "labs/explore/graph.html",
        {
            "lab": lab,
            "focus": focus,
            "problem": problem,
            "visible": [lg.entities[key] for key in keys],
            "more": more,
            "kinds": Entity.Kind.choices,
            "has_layout": bool(lab.graph_layout),
            "can_see_truth": access.can_see_lab_truth(request.user, lab, group),
            "runs_it": access.can_run_lab(request.user, lab),
        },
    )


@login_required
def graph_data(request, pk):
    """JSON for Cytoscape.js: the neighbourhood of `focus` (`depth` steps, with positions
    around it), or with `whole=1` the whole dataset at the stored layout's positions."""
    lab, group = lab_for(request, pk)
    lg = graph.build_graph(lab, truth=access.can_see_lab_truth(request.user, lab, group))
    if request.GET.get("whole"):
        if not lab.graph_layout:
            return JsonResponse(
                {"error": _("The layout of the whole dataset is being prepared.")}, status=409
            )
        keys = list(lg.entities)
        return JsonResponse({"whole": True, **graph.elements(lg, keys, lab.graph_layout)})
    try:
        depth = int(request.GET.get("depth") or 1)
        if not 1 <= depth <= graph.MAX_DEPTH:
            raise ValueError
    except ValueError:
        return _graph_error(
            _("The depth is a number from 1 to %(max)s.") % {"max": graph.MAX_DEPTH}
        )
    try:
        focus = lg.entity(request.GET.get("focus") or (lab.lead.key if lab.lead else ""))
        keys, more = graph.neighbourhood(lg, focus, depth)
    except graph.GraphError as error:
        return _graph_error(str(error))
    positions = graph.spread(lg, keys, focus)
    return JsonResponse(
        {"focus": focus, "more": more, **graph.elements(lg, keys, positions)},
    )


@login_required
def graph_path(request, pk):
    """JSON: a shortest chain between `source` and `target` (hubs avoided where possible)."""
    lab, group = lab_for(request, pk)
    lg = graph.build_graph(lab, truth=access.can_see_lab_truth(request.user, lab, group))
    try:
        keys = graph.shortest_path(lg, request.GET.get("source"), request.GET.get("target"))
    except graph.GraphError as error:
        return _graph_error(str(error))
    positions = graph.spread(lg, keys, keys[0])
    found = graph.elements(lg, keys, positions)
    steps = set(itertools.pairwise(keys))
    found["edges"] = [
        e
        for e in found["edges"]
        if (e["data"]["source"], e["data"]["target"]) in steps
        or (e["data"]["target"], e["data"]["source"]) in steps
    ]
    return JsonResponse({"path": keys, **found})


def _graph_error(message):
    return JsonResponse({"error": message}, status=400)


@login_required
def graph_entity(request, pk):
    """The side panel: an entity's details, links and latest transactions (htmx fragment, or
    a page of its own without JavaScript)."""
    lab, group = lab_for(request, pk)
    key = (request.GET.get("key") or "").strip().upper()
    entity = lab.entities.filter(key=key).first()
    if entity is None:
        raise Http404
    moves = (
        lab.transactions.filter(Q(source=entity) | Q(target=entity))
        .select_related("source", "target")
        .order_by("-at", "-key")
    )
    links = [
        (link.get_kind_display(), link.target, True)
        for link in entity.links_out.select_related("target")
    ] + [
        (link.get_kind_display(), link.source, False)
        for link in entity.links_in.select_related("source")
    ]
    flagged, can_flag = _flags(request, lab, group)
    context = {
        "lab": lab,
        "entity": entity,
        "links": links,
        "moves": moves[:PANEL_TRANSACTIONS],
        "n_moves": moves.count(),
        "flag": flagged.get(entity.key),
        "can_flag": can_flag,
        "can_see_truth": access.can_see_lab_truth(request.user, lab, group),
    }
    template = "labs/explore/entity.html"
    return render(request, template + "#panel" if _htmx(request) else template, context)


@login_required
@require_POST
def graph_layout(request, pk):
    """Those who run the lab lay out the whole graph now (normally done after generation)."""
    lab, _group = lab_for(request, pk)
    if not access.can_run_lab(request.user, lab):
        raise PermissionDenied
    lay_out_lab_graph.enqueue(lab.pk)
    record(actor=request.user, action="lab.layout", obj=lab, details={})
    messages.success(request, _("The layout of the whole dataset is being prepared."))
    return redirect("lab-graph", pk=lab.pk)


@login_required
def timeline_page(request, pk):
    lab, group = lab_for(request, pk)
    form = filters.TransactionFilter(request.GET, lab=lab)
    transactions = lab.transactions.select_related("source", "target")
    transactions = form.filter(transactions) if form.is_valid() else transactions.none()
    weeks = timeline.weekly_totals(transactions)
    chart = timeline.draw(weeks)
    query = request.GET.copy()
    query.pop("week", None)
    chosen, problem = None, ""
    period, n_period = [], 0
    week = request.GET.get("week")
    if week:
        chosen = next((w for w in weeks if w.start.isoformat() == week), None)
        if chosen is None:
            problem = _("No transaction matches in the week chosen.")
        else:
            in_week = transactions.filter(
                at__gte=filters.midnight(chosen.start),
                at__lt=filters.midnight(chosen.start + timedelta(days=7)),
            ).order_by("at", "key")
            period = list(in_week[:PERIOD_TRANSACTIONS])
            n_period = in_week.count()
    flagged, can_flag = _flags(request, lab, group)
    for item in period:
        item.flag = flagged.get(item.key)
    return render(
        request,
        "labs/explore/timeline.html",
        {
            "lab": lab,
            "form": form,
            "weeks": weeks,
            "chart": chart,
            "query": query.urlencode(),
            "chosen": chosen,
            "problem": problem,
            "period": period,
            "n_period": n_period,
            "flagged": flagged,
            "can_flag": can_flag,
            "channels": Transaction.Channel.choices,
        },
    )
