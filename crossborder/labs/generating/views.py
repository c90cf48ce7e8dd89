"""Pages of the lab generator: create a lab, follow (and redo) its generation, download its
dataset as CSV or GraphML."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access

from ..views import lab_for
from . import exporting, storing
from .forms import LabForm, RegenerateForm

FORMATS = {
    "csv": ("application/zip", exporting.csv_zip, "zip"),
    "graphml": ("application/graphml+xml", exporting.graphml, "graphml"),
}


@login_required
def lab_new(request):
    """A new lab for a workshop slot or a module; its dataset is generated in the background."""
    if not access.can_create_labs(request.user):
        raise PermissionDenied
    form = LabForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        lab = storing.create_lab(by=request.user, **form.lab_fields())
        messages.success(request, _("The lab is created; its dataset is being generated."))
        return redirect("lab-status", pk=lab.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "labs/generating/new.html", {"form": form}, status=status)


def _run_lab(request, pk):
    lab, _group = lab_for(request, pk)
    if not access.can_run_lab(request.user, lab):
        raise PermissionDenied
    return lab


def _status_page(request, lab, form=None, status=200):
    pending = lab.generation in (lab.Generation.QUEUED, lab.Generation.RUNNING)
    regenerable = lab.status == lab.Status.PREPARED and not lab.submissions.exists()
    template = "labs/generating/status.html"
    if request.headers.get("HX-Request") and request.method == "GET":
        template += "#generation-status"
    context = {
        "lab": lab,
        "pending": pending,
        "regenerable": regenerable and not pending,
        "form": form or RegenerateForm(),
    }
    return render(request, template, context, status=status)


@login_required
def lab_status(request, pk):
    """Where the generation stands; htmx polls the status fragment until it is finished."""
    return _status_page(request, _run_lab(request, pk))


@login_required
@require_POST
def lab_regenerate(request, pk):
    """Generate the dataset again, with the seed given (a new one, or the same to retry)."""
    lab = _run_lab(request, pk)
    form = RegenerateForm(request.POST)
    if not form.is_valid():
        return _status_page(request, lab, form=form, status=400)
    try:
        storing.regenerate_lab(lab, seed=form.cleaned_data["seed"], by=request.user)
    except storing.GenerationRefused as error:
        messages.error(request, str(error))
        return _status_page(request, lab, form=form, status=400)
    messages.success(request, _("The dataset is being generated again."))
    return redirect("lab-status", pk=lab.pk)


@login_required
def lab_download(request, pk, fmt):
    """The dataset as a ZIP of CSV files or as GraphML; the ground truth only for those who
    may see it."""
    lab, group = lab_for(request, pk)
    if fmt not in FORMATS:
        raise Http404
    content_type, export, extension = FORMATS[fmt]
    truth = access.can_see_lab_truth(request.user, lab, group)
    response = HttpResponse(export(lab, truth=truth), content_type=content_type)
    name = f"lab-{lab.pk}-dataset{'-with-truth' if truth else ''}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
