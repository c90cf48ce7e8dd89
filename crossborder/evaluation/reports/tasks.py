"""Background work of the funder report, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def generate_funder_report(report_id: int) -> str:
    """Build one queued funder report; its status page follows the progress."""
    from crossborder.evaluation.models import FunderReport

    from .services import build_funder_report

    report = FunderReport.objects.select_related("programme", "seminar").get(pk=report_id)
    return build_funder_report(report=report).status
