"""The HTTP API under /api/v1/ (django-ninja): its one list of authentication methods, and the
apps' routers.

Every endpoint asks `request.user`: a personal API token sets it to the token's owner, a
browser session leaves Django's signed-in user, and where visitors may read, an anonymous
caller keeps `AnonymousUser`. Permission decisions are made in crossborder/access.py.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from crossborder.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cbt_…` with a personal API token.

    A token that is wrong, revoked or belongs to a deactivated account is refused with 401
    instead of falling back to the session or to anonymous access: a script that sends a token
    expects to read as its owner, and would otherwise get fewer results without noticing.
    ninja tries the methods in order and stops at the first that raises.
    """

    openapi_description = "Personal API token: `Authorization: Bearer cbt_...`"

    def authenticate(self, request: HttpRequest, token: str):
        user = ApiToken.authenticate(token.strip())
        if user is None:
            raise AuthenticationError(message=_("This API token is not valid or was revoked."))
        request.user = user
        return user


def visitor(request: HttpRequest):
    """Lets an anonymous caller through (as `AnonymousUser`) where visitors may read."""
    return request.user.is_anonymous


# Signed-in callers only: the default of every endpoint.
SIGNED_IN = [TokenAuth(), SessionAuth()]
# Endpoints that visitors may also read: `auth=OPTIONAL_AUTH`.
OPTIONAL_AUTH = [*SIGNED_IN, visitor]


def _storable(value) -> bool:
    """No NUL character (PostgreSQL refuses it in text) and no lone surrogate (no database can
    encode one) anywhere in a parsed JSON body."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


class StorableJsonParser(Parser):
    """JSON bodies whose text the database can store, as Django's forms take form data: the
    escapes `\\u0000` and `\\ud800` make text that would fail on saving, so such a body is
    refused (400) before any endpoint sees it, on SQLite as on PostgreSQL."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not _storable(data):
            raise ValueError(_("The request contains a NUL character or an invalid character."))
        return data


api = NinjaAPI(
    title="Crossborder API",
    version="1",
    description="Programme, people and learning data of a Crossborder installation.",
    auth=SIGNED_IN,
    urls_namespace="api",
    parser=StorableJsonParser(),
)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(
        request, {"detail": _("You do not have permission to do this.")}, status=403
    )


ROUTERS = [
    "crossborder.accounts.api.router",
    "crossborder.seminars.api.router",
    "crossborder.enrolment.api.router",
    "crossborder.learning.api.router",
    "crossborder.library.api.router",
    "crossborder.evaluation.api.router",
    "crossborder.evaluation.reports.api.router",
    "crossborder.workshops.allocation.api.router",
    "crossborder.workshops.exercises.api.router",
    "crossborder.workshops.jit.api.router",
    "crossborder.labs.generating.api.router",
    "crossborder.labs.running.api.router",
    "crossborder.credentials.api.router",
    "crossborder.credentials.signing.api.router",
    "crossborder.referrals.api.router",
    "crossborder.network.api.router",
]


@functools.cache
def urls():
    """The API's URL patterns for crossborder/urls.py. The apps' routers are added here, on
    first use, because they import OPTIONAL_AUTH from this module: whichever is imported first,
    neither sees the other half-initialised."""
    for router in ROUTERS:
        api.add_router("/", router)
    return api.urls
