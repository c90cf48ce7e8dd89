from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from crossborder import access

# Paths a manager may open before setting up a second factor: the sign-in and MFA pages
# themselves, static files, the language switcher and the load balancer's health check.
EXEMPT_PREFIXES = (
    *("/accounts/", "/static/", "/i18n/", "/healthz", "/bench/"),
    *("/sw.js", "/manifest.webmanifest"),  # fetched by the browser, not opened by the person
)
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


# What signing out wipes in the browser: the offline copies the service worker kept (Cache API,
# "storage" also unregisters the worker) and the HTTP cache. Cookies are Django's affair.
CLEAR_SITE_DATA = '"cache", "storage"'


def mark_signed_out(sender, request, user, **kwargs):
    """Receiver of user_logged_out: the response to this request clears the site's data."""
    if request is not None:
        request.clear_site_data = True


class ClearSiteDataOnSignOutMiddleware:
    """Signing out leaves nothing personal on a shared phone: the offline copies of a
    participant's programme, "now" view and badge go with the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "clear_site_data", False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
