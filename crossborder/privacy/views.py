"""The person's own data: download it, or delete the account (crossborder/privacy/)."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from crossborder import access

from . import services
from .forms import DeleteAccountForm, confirmation_word
from .limits import allow_export
from .registry import sections


def _my_data_page(request, *, status=200):
    return render(
        request,
        "privacy/my_data.html",
        {
            "sections": sections(),
            "can_delete": access.can_delete_own_account(request.user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """What the platform holds on the person; a POST returns it as a JSON file."""
    if not access.can_download_own_data(request.user):
        raise PermissionDenied
    if request.method == "GET":
        return _my_data_page(request)
    if not allow_export(request.user):
        messages.error(
            request,
            _("You have downloaded your data several times in the last hour. Try again later."),
        )
        return _my_data_page(request, status=429)
    content = services.export_json(request.user)
    services.record_export(user=request.user)
    name = f"crossborder-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def delete_account(request):
    """Explain what deletion does; after a fresh sign-in and the typed word, delete."""
    if not access.can_delete_own_account(request.user):
        raise PermissionDenied
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted. Thank you for taking part."))
        return redirect("home")
    return render(
        request,
        "privacy/delete_account.html",
        {"form": form, "word": confirmation_word(), "sections": sections()},
        status=400 if form.errors else 200,
    )
