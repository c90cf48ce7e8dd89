"""Background work of credentials, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def issue_seminar_certificates(batch_id: int) -> str:
    """Issue the missing attendance certificates of one batch's seminar; the manager's status
    page follows its progress."""
    from .batch import run_batch
    from .models import CredentialBatch

    batch = CredentialBatch.objects.select_related("seminar", "created_by").get(pk=batch_id)
    return run_batch(batch).status
