"""Issuing all attendance certificates of a seminar at once, in the background, and the zip
of their files for the manager.

A batch is not one big transaction on purpose: each certificate is issued (and its e-mail sent)
in its own, so that the status page sees the progress and a failure half-way keeps what was
issued. Running it again issues only the certificates still missing.
"""

import io
import json
import zipfile
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from crossborder.audit.models import record
from crossborder.enrolment.models import Application

from .issuing import issue_attendance
from .models import Credential, CredentialBatch


def checked_in(seminar):
    """The seminar's applications whose holder was checked in (who may get a certificate)."""
    return Application.objects.filter(call__seminar=seminar, checked_in_at__isnull=False)


def missing(seminar):
    """Checked-in applications without an attendance certificate yet."""
    issued = Credential.objects.filter(seminar=seminar, kind=Credential.Kind.ATTENDANCE)
    return checked_in(seminar).exclude(user_id__in=issued.values("holder_id"))


@transaction.atomic
def start_batch(seminar, *, by) -> CredentialBatch:
    """Queue the issue of the seminar's missing certificates (or return the batch already
    under way: a double click starts nothing twice)."""
    from .tasks import issue_seminar_certificates

    running = seminar.credential_batches.filter(
        status__in=[CredentialBatch.Status.QUEUED, CredentialBatch.Status.RUNNING]
    ).first()
    if running is not None:
        return running
    batch = CredentialBatch.objects.create(
        seminar=seminar, created_by=by, total=missing(seminar).count()
    )
    record(actor=by, action="credential.batch", obj=seminar, details={"batch": batch.pk})
    transaction.on_commit(partial(issue_seminar_certificates.enqueue, batch_id=batch.pk))
    return batch


def run_batch(batch: CredentialBatch) -> CredentialBatch:
    """Issue each missing certificate (with its PDF and e-mail), counting the progress."""
    # Queued, or failed (or lost) and tried again (crossborder/scheduling/retrying.py): it goes
    # on with what is still missing. Only a finished batch is left alone.
    claimed = (
        CredentialBatch.objects.filter(pk=batch.pk)
        .exclude(status=CredentialBatch.Status.DONE)
        .update(status=CredentialBatch.Status.RUNNING, error="", finished_at=None)
    )
    if not claimed:
        batch.refresh_from_db()
        return batch
    todo = list(missing(batch.seminar).select_related("user", "call__seminar").order_by("pk"))
    CredentialBatch.objects.filter(pk=batch.pk).update(total=len(todo), done=0)
    done = issued = 0
    try:
        for application in todo:
            before = Credential.objects.filter(
                holder_id=application.user_id, seminar=batch.seminar
            ).exists()
            issue_attendance(application, by=batch.created_by, notify=True)
            done, issued = done + 1, issued + (not before)
            CredentialBatch.objects.filter(pk=batch.pk).update(done=done, issued=issued)
    except Exception as error:
        CredentialBatch.objects.filter(pk=batch.pk).update(
            status=CredentialBatch.Status.FAILED,
            error=(str(error) or error.__class__.__name__)[:2000],
            finished_at=timezone.now(),
        )
    else:
        CredentialBatch.objects.filter(pk=batch.pk).update(
            status=CredentialBatch.Status.DONE, finished_at=timezone.now()
        )
    batch.refresh_from_db()
    return batch


def seminar_zip(seminar) -> bytes:
    """The seminar's valid attendance certificates in one zip, each in its three forms: the PDF
    (pdf/), the signed Open Badges 3.0 credential (open-badges/) and the European Learning Model
    file to hand to the trust-service provider for sealing (elm/)."""
    from .pdf import pdf_bytes
    from .signing.elm import elm_document

    credentials = Credential.objects.filter(
        seminar=seminar, kind=Credential.Kind.ATTENDANCE, revoked_at__isnull=True
    ).order_by("pk")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for credential in credentials:
            name = slugify(credential.facts.get("holder_name", ""), allow_unicode=True) or "x"
            name = f"{name}-{credential.code}"
            # PDFs are compressed already: stored as they are
            archive.writestr(f"pdf/{name}.pdf", pdf_bytes(credential), zipfile.ZIP_STORED)
            if credential.open_badge:
                archive.writestr(f"open-badges/{name}.json", _json(credential.open_badge))
            archive.writestr(f"elm/{name}.jsonld", _json(elm_document(credential)))
    return buffer.getvalue()


def _json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)
