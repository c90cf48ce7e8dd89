"""Pages of running a lab: the flag form, removing a flag, the submission (with a confirmation
step), open / close / reveal, the trainer's comparison of groups, and the list of labs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crossborder import access

from ..flagging import FlagError, add_flags, remove_flag
from ..views import lab_for
from . import panel, services
from .forms import FlagForm


def _participant_lab(request, pk):
    lab, group = lab_for(request, pk)
    if not access.works_on_lab(request.user, lab, group):
        raise PermissionDenied
    return lab, group


@login_required
@require_http_methods(["GET", "POST"])
def lab_flag(request, pk):
    lab, group = _participant_lab(request, pk)
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                add_flags(lab=lab, requests=[form.flag_request()], by=request.user, group=group)
            except FlagError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("%(item)s flagged.") % {"item": form.cleaned_data["item"].upper()}
                )
                return redirect(f"{lab.get_absolute_url()}#run-heading")
    else:
        form = FlagForm(initial={"item": request.GET.get("item", "")[:16]})
    context = {"lab": lab, "group": group, "form": form}
    context["can_flag"] = access.can_flag_in_lab(request.user, lab, group)
    status = 400 if request.method == "POST" else 200
    return render(request, "labs/running/flag.html", context, status=status)


@login_required
@require_POST
def lab_unflag(request, pk, flag_id):
    lab, group = _participant_lab(request, pk)
    try:
        remove_flag(lab=lab, flag_id=flag_id, by=request.user, group=group)
    except FlagError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The flag was removed."))
    return redirect(f"{lab.get_absolute_url()}#run-heading")


@login_required
@require_http_methods(["GET", "POST"])
def lab_submit(request, pk):
    """GET: the confirmation step listing the flags; POST: submit them."""
    lab, group = _participant_lab(request, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.submit_flags(lab=lab, by=request.user, group=group)
        except services.LabError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your flags were submitted and scored."))
            return redirect(f"{lab.get_absolute_url()}#run-heading")
    context = panel.participant_context(request.user, lab, group)
    return render(request, "labs/running/submit.html", {"lab": lab, "group": group, **context})


def _run_action(service, done_message):
    @login_required
    @require_POST
    def view(request, pk):
        lab, _group = lab_for(request, pk)
        if not access.can_run_lab(request.user, lab):
            raise PermissionDenied
        try:
            service(lab=lab, by=request.user)
        except services.LabError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done_message())
        target = "lab-trainer" if request.POST.get("next") == "trainer" else "lab"
        return redirect(target, pk)

    return view


lab_open = _run_action(services.open_lab, lambda: _("The lab is open."))
lab_close = _run_action(services.close_lab, lambda: _("The lab is closed."))
lab_reveal = _run_action(services.reveal_lab, lambda: _("The hidden network is revealed."))


@login_required
@require_GET
def lab_trainer(request, pk):
    lab, _group = lab_for(request, pk)
    if not access.can_run_lab(request.user, lab):
        raise PermissionDenied
    return render(request, "labs/running/trainer.html", {"lab": lab, **panel.trainer_context(lab)})


@login_required
@require_GET
def labs(request):
    return render(request, "labs/running/list.html", {"labs": access.visible_labs(request.user)})
