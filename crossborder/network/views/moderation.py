"""The moderators' list of abuse reports (programme staff): read, then close with an outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access

from ..forms import CloseReportForm
from ..models import AbuseReport
from ..services import close_abuse_report


@login_required
def reports(request):
    if not access.can_moderate_network(request.user):
        raise PermissionDenied
    found = AbuseReport.objects.select_related(
        "reporter", "reported", "contact_request", "post__seminar", "closed_by"
    )
    return render(
        request,
        "network/reports.html",
        {"reports": list(found[:200]), "form": CloseReportForm()},
    )


@login_required
@require_POST
def close_report(request, report_id):
    if not access.can_moderate_network(request.user):
        raise PermissionDenied
    report = get_object_or_404(AbuseReport, pk=report_id)
    form = CloseReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the outcome (up to 300 characters) to close the report."))
    elif close_abuse_report(report=report, by=request.user, outcome=form.cleaned_data["outcome"]):
        messages.success(request, _("Report closed."))
    else:
        messages.error(request, _("This report was closed already."))
    return redirect("network-reports")
