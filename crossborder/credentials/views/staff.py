"""Programme staff: the certificates of a seminar (issue the missing ones in the background
and follow the progress, download them all as a zip, revoke one with a reason)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.seminars.models import Seminar

from ..batch import checked_in, seminar_zip, start_batch
from ..issuing import NotEligible, revoke_credential
from ..models import Credential, CredentialBatch


def _seminar(request, slug) -> Seminar:
    if not access.can_issue_credentials(request.user):
        raise PermissionDenied
    return get_object_or_404(Seminar, slug=slug)


@login_required
def seminar_certificates(request, slug):
    """Who was checked in, whose certificate is issued or revoked, and the latest batch."""
    seminar = _seminar(request, slug)
    issued = {c.holder_id: c for c in Credential.objects.filter(seminar=seminar)}
    people = list(
        checked_in(seminar).select_related("user").order_by("user__last_name", "user__first_name")
    )
    rows = [(a, issued.get(a.user_id)) for a in people]
    batch = seminar.credential_batches.first()
    context = {
        "seminar": seminar,
        "rows": rows,
        "missing": sum(1 for _a, c in rows if c is None),
        "valid": sum(1 for c in issued.values() if not c.revoked),
        "revoked": sum(1 for c in issued.values() if c.revoked),
        "batch": batch,
    }
    return render(request, "credentials/manage/seminar.html", context)


@login_required
@require_POST
def issue_certificates(request, slug):
    seminar = _seminar(request, slug)
    batch = start_batch(seminar, by=request.user)
    messages.success(request, _("The certificates are being issued."))
    return redirect("certificate-batch", slug=seminar.slug, batch_id=batch.pk)


@login_required
def batch_status(request, slug, batch_id):
    """Where a batch stands; htmx polls the status fragment until it is finished."""
    seminar = _seminar(request, slug)
    batch = get_object_or_404(CredentialBatch, pk=batch_id, seminar=seminar)
    template = "credentials/manage/batch.html"
    if request.headers.get("HX-Request"):
        template += "#batch-status"
    return render(request, template, {"seminar": seminar, "batch": batch})


@login_required
def certificates_zip(request, slug):
    seminar = _seminar(request, slug)
    response = HttpResponse(seminar_zip(seminar), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="certificates-{seminar.slug}.zip"'
    return response


@login_required
@require_POST
def revoke(request, code):
    if not access.can_revoke_credentials(request.user):
        raise PermissionDenied
    credential = get_object_or_404(Credential.objects.select_related("seminar"), code=code)
    back = (
        redirect("seminar-certificates", slug=credential.seminar.slug)
        if credential.seminar
        else redirect("verify", code=credential.code)
    )
    try:
        revoke_credential(credential, by=request.user, reason=request.POST.get("reason", ""))
    except NotEligible as refusal:
        messages.error(request, str(refusal))
        return back
    messages.success(
        request,
        _("The certificate %(code)s of %(name)s is revoked.")
        % {"code": credential.code, "name": credential.certified.holder_name},
    )
    return back
