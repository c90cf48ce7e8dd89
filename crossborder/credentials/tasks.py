"""Background work of credentials, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def issue_seminar_certificates(batch_id: int) -> str:
    """Issue the missing attendance certificates of one batch's seminar; the manager's status
    page follows its progress."""
    from .batch import run_batch
    from .models import CredentialBatch

    batch = run_batch(
        CredentialBatch.objects.select_related("seminar", "created_by").get(pk=batch_id)
    )
    if batch.status == CredentialBatch.Status.FAILED:
        # the queue records the run as failed, and tries it again (scheduling/retrying.py)
        raise BatchFailed(batch.error)
    return batch.status


class BatchFailed(Exception):
    """The batch stopped on an error (kept on the batch for its status page)."""
