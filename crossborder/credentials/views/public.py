"""The public verification of a certificate: anybody holding its code (from the PDF, the QR
code or a link the holder shared) sees whether it is valid and what it certifies, and nothing
else about the holder. No sign-in; lookups are rate-limited per client IP."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..models import Credential, normalise_code
from ..ratelimit import allow_lookup


def _too_many(request):
    return render(request, "credentials/too_many.html", status=429)


def lookup(code_text: str) -> tuple[str, Credential | None]:
    """("malformed" | "unknown" | "revoked" | "valid", the credential if there is one)."""
    code = normalise_code(code_text)
    if code is None:
        return "malformed", None
    credential = Credential.objects.filter(code=code).first()
    if credential is None:
        return "unknown", None
    return ("revoked" if credential.revoked else "valid"), credential


def verify_form(request):
    """/verify/: type a code (or paste the address); a good one leads to its page."""
    typed = request.GET.get("code", "").strip()
    error = ""
    if typed:
        code = normalise_code(typed.rstrip("/").rsplit("/", 1)[-1])
        if code is not None:
            return redirect("verify", code=code)
        error = _(
            "This is not a certificate code. A code has 20 letters and digits, as printed "
            "under the QR code of the certificate (for example ABCD EFGH JKMN PQRS TUVW)."
        )
    context = {"typed": typed, "error": error}
    return render(request, "credentials/verify_form.html", context, status=400 if error else 200)


@never_cache  # a revocation shows at once
def verify(request, code):
    if not allow_lookup(request):
        return _too_many(request)
    status, credential = lookup(code)
    context = {
        "status": status,
        "credential": credential,
        "facts": credential.certified if credential else None,
        "typed": code[:40],
    }
    http_status = 404 if status in ("malformed", "unknown") else 200
    return render(request, "credentials/verify.html", context, status=http_status)


def verify_pdf(request, code):
    """The certificate's PDF, for whoever has the code (it says what the page says)."""
    if not allow_lookup(request):
        return _too_many(request)
    status, credential = lookup(code)
    if status != "valid":
        return verify(request, code) if status != "revoked" else redirect("verify", code=code)
    return pdf_response(credential)


def pdf_response(credential) -> HttpResponse:
    from ..pdf import pdf_bytes

    response = HttpResponse(pdf_bytes(credential), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{credential.code}.pdf"'
    return response
