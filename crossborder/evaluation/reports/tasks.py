"""Background work of the funder report, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def generate_funder_report(report_id: int) -> str:
    """Build one queued funder report; its status page follows the progress."""
    from crossborder.evaluation.models import FunderReport

    from .services import build_funder_report

    report = build_funder_report(
        report=FunderReport.objects.select_related("programme", "seminar").get(pk=report_id)
    )
    if report.status == FunderReport.Status.FAILED:
        # the queue records the run as failed, and tries it again (scheduling/retrying.py)
        raise ReportFailed(f"funder report {report.pk}")
    return report.status


class ReportFailed(Exception):
    """Building the report stopped on an error (logged; the report's page says it failed)."""


@task
def draw_indicator_charts() -> int:
    """Draw the indicator dashboard's charts ahead of its visitors (recurring: see
    crossborder/scheduling/recurring.py): each programme's default view, as staff and as the
    funder see it, in every language. A chart whose figures did not change is found in the
    shared "charts" cache and not drawn again. Returns how many charts are ready."""
    from django.conf import settings
    from django.utils import translation

    from crossborder.seminars.models import Programme

    from .charts import drawn_charts
    from .indicators import indicator_set
    from .scope import Scope
    from .suppression import suppress

    ready = 0
    for programme in Programme.objects.all():
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                full = indicator_set(Scope(programme=programme))
                for view in (full, suppress(full)):
                    ready += sum(len(drawn_charts(section)) for section in view.sections)
    return ready
