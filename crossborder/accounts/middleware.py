from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from crossborder import access

# Paths a manager may open before setting up a second factor: the sign-in and MFA pages
# themselves, static files, the language switcher and the load balancer's health check.
EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/bench/")
SESSION_FLAG = "crossborder_mfa_ok"


class RequireStaffMFAMiddleware:
    """Managers and administrators must protect their accounts with TOTP before going on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            access.must_set_up_mfa(user)
            and not request.session.get(SESSION_FLAG)
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            from allauth.mfa.models import Authenticator

            if user.authenticator_set.filter(type=Authenticator.Type.TOTP).exists():
                request.session[SESSION_FLAG] = True
            elif request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication to use this account.")},
                    status=403,
                )
            else:
                messages.warning(
                    request,
                    _("Your role requires two-factor authentication. Set it up to continue."),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
