"""The holder's wallet: all their certificates with downloads and a share link, and the
certificates of completion they may take for the modules whose quiz they passed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.learning.models import Module

from ..issuing import NotEligible, issue_completion, passed_modules_without_certificate
from ..models import Credential


@login_required
def wallet(request):
    if not access.can_have_wallet(request.user):
        raise PermissionDenied
    credentials = list(Credential.objects.filter(holder=request.user).order_by("-issued_at"))
    return render(
        request,
        "credentials/wallet.html",
        {
            "credentials": credentials,
            "claimable": passed_modules_without_certificate(request.user),
        },
    )


@login_required
@require_POST
def claim_completion(request, slug):
    """ "Get my certificate" for a module whose quiz the person passed."""
    if not access.can_have_wallet(request.user):
        raise PermissionDenied
    module = get_object_or_404(Module, slug=slug)
    try:
        credential = issue_completion(request.user, module, by=request.user)
    except NotEligible as refusal:
        messages.error(request, str(refusal))
        return redirect("wallet")
    messages.success(
        request,
        _("Your certificate of completion is ready (code %(code)s).") % {"code": credential.code},
    )
    return redirect("wallet")
