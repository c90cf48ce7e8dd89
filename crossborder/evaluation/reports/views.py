"""The indicator dashboard and the funder reports (list, status, download)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.evaluation.models import FunderReport

from . import services
from .charts import section_blocks
from .scope import scope_from
from .suppression import indicators_for


def _check(request, decision) -> None:
    if not decision(request.user):
        raise PermissionDenied


@login_required
def indicators(request):
    """Headline figures, charts and tables of the indicator set for the filters in the query."""
    _check(request, access.can_view_indicators)
    scope, form = scope_from(request.GET)
    context = {"form": form, "scope": scope, "sections": []}
    if scope is None:
        return render(request, "evaluation/reports/indicators.html", context, status=400)
    indicators = indicators_for(request.user, scope)
    context["indicators"] = indicators
    context["can_report"] = access.can_request_funder_report(request.user)
    context["query"] = urlencode(scope.as_params())
    context["sections"] = [
        {"section": section, "blocks": section_blocks(section)} for section in indicators.sections
    ]
    return render(request, "evaluation/reports/indicators.html", context)


@login_required
def funder_reports(request):
    """The reports made so far, and the form that asks for a new one (POST)."""
    _check(request, access.can_request_funder_report)
    params = request.POST if request.method == "POST" else request.GET
    scope, form = scope_from(params)
    if request.method == "POST":
        if scope is not None:
            report = services.request_funder_report(scope=scope, by=request.user)
            return redirect("funder-report", pk=report.pk)
        status = 400
    else:
        status = 200 if scope is not None or not request.GET else 400
    reports = FunderReport.objects.select_related("programme", "seminar")[:50]
    return render(
        request,
        "evaluation/reports/funder_reports.html",
        {"form": form, "reports": reports},
        status=status,
    )


@login_required
def funder_report(request, pk):
    """Where a report stands; htmx polls the status fragment until it is finished."""
    _check(request, access.can_request_funder_report)
    report = get_object_or_404(FunderReport.objects.select_related("programme", "seminar"), pk=pk)
    template = "evaluation/reports/funder_report.html"
    if request.headers.get("HX-Request"):
        template += "#report-status"
    return render(
        request, template, {"report": report, "pending": report.pending and not report.stuck}
    )


@login_required
@require_POST
def regenerate_funder_report(request, pk):
    """The same filters again, on today's data: a new report (the old one is kept)."""
    _check(request, access.can_request_funder_report)
    old = get_object_or_404(FunderReport.objects.select_related("programme", "seminar"), pk=pk)
    report = services.request_funder_report(scope=services.scope_of(old), by=request.user)
    messages.success(request, _("A new report with the same filters is being prepared."))
    return redirect("funder-report", pk=report.pk)


FILES = {"xlsx": "xlsx", "pdf": "pdf"}


@login_required
def funder_report_file(request, pk, kind):
    report = get_object_or_404(FunderReport, pk=pk)
    if not access.can_download_funder_report(request.user, report):
        raise PermissionDenied
    file = getattr(report, FILES[kind]) if kind in FILES else None
    if report.status != FunderReport.Status.DONE or not file:
        raise Http404(_("This report has no file yet."))
    name = file.name.rsplit("/", 1)[-1]
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)
