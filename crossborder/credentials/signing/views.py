"""Public pages of the signed credentials: the issuer's DID document and JWKS, the revocation
status list, the credential file checker and the downloads of a credential's signed forms."""

import json

from allauth.core import ratelimit
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..models import Credential
from ..ratelimit import allow_lookup
from . import elm, keys, status
from .forms import CredentialFileForm
from .verifying import MAX_BYTES, verify_document


def _json(data, *, content_type="application/json", filename=None, max_age=300, status=200):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type=content_type, status=status
    )
    response["Access-Control-Allow-Origin"] = "*"  # verifiers (also in browsers) read these
    response["Cache-Control"] = f"public, max-age={max_age}"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def did_document(request):
    return _json(keys.did_document(), content_type="application/did+json")


@require_GET
def jwks(request):
    return _json(keys.jwks(), content_type="application/jwk-set+json")


@require_GET
def status_list(request, number):
    if number != 1:
        raise Http404
    try:
        document = status.status_list_credential()
    except keys.NoSigningKey:
        detail = _("Credentials are not set up here yet: the issuer has no signing key.")
        return _json({"detail": detail}, max_age=0, status=503)
    # No caching downstream: a revocation must show at once.
    return _json(document, content_type="application/vc", max_age=0)


def _credential(code):
    return get_object_or_404(Credential, code=code.upper(), open_badge__isnull=False)


def _too_many(request):
    """A download refused by the lookup limit (JSON, as the download would have been)."""
    detail = _("Too many lookups from your address. Wait a minute and try again.")
    return _json({"detail": detail}, max_age=0, status=429)


@require_GET
def open_badge(request, code):
    if not allow_lookup(request):  # counted as the verification page counts
        return _too_many(request)
    credential = _credential(code)
    return _json(
        credential.open_badge,
        content_type="application/vc",
        filename=f"open-badge-{credential.code}.json",
        max_age=0,
    )


@require_GET
def elm_export(request, code):
    if not allow_lookup(request):
        return _too_many(request)
    credential = _credential(code)
    return _json(
        elm.elm_document(credential),
        content_type="application/ld+json",
        filename=f"elm-{credential.code}.jsonld",
        max_age=0,
    )


def _refuse(request, message: str, status: int):
    """The empty form with why the submission was not even looked at."""
    context = {"form": CredentialFileForm(), "refusal": message}
    return render(request, "credentials_signing/verify_file.html", context, status=status)


@require_http_methods(["GET", "POST"])
def verify_file(request):
    """Upload or paste a credential file; see whether it is valid and why not."""
    result, status_code = None, 200
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > 2 * MAX_BYTES + 64 * 1024:
            # Refused before Django reads the body (an upload and a pasted copy fit below).
            message = _("The file is too large; a credential is at most %(max)s KB.")
            return _refuse(request, message % {"max": MAX_BYTES // 1024}, 413)
        if not ratelimit.consume(request, action="credential_verify"):
            message = _("Too many checks from your address; try again in a minute.")
            return _refuse(request, message, 429)
        form = CredentialFileForm(request.POST, request.FILES)
        if form.is_valid():
            result = verify_document(form.raw())
        else:
            status_code = 400
    else:
        form = CredentialFileForm()
    return render(
        request,
        "credentials_signing/verify_file.html",
        {"form": form, "result": result},
        status=status_code,
    )
