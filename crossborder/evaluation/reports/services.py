"""The funder report's workflow: asked for (audited, queued after commit), then built by a task."""

import logging
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crossborder.audit.models import record
from crossborder.evaluation.models import FunderReport

from .anonymised import anonymised_rows
from .charts import drawable, png, vega_lite
from .pdf import pdf_report
from .scope import Scope
from .suppression import funder_view
from .workbook import workbook

log = logging.getLogger(__name__)
R = FunderReport.Status


@transaction.atomic
def request_funder_report(*, scope: Scope, by) -> FunderReport:
    """Queue a funder report for these filters; a background task builds it
    (see tasks.generate_funder_report)."""
    from .tasks import generate_funder_report

    report = FunderReport.objects.create(
        programme=scope.programme,
        seminar=scope.seminar,
        period_start=scope.start,
        period_end=scope.end,
        language=(get_language() or "en")[:2],
        requested_by=by,
    )
    record(actor=by, action="funder_report.request", obj=report, details=scope.as_params())
    transaction.on_commit(partial(generate_funder_report.enqueue, report_id=report.pk))
    return report


def scope_of(report: FunderReport) -> Scope:
    return Scope(
        programme=report.programme,
        seminar=report.seminar,
        start=report.period_start,
        end=report.period_end,
    )


def filter_labels(scope: Scope) -> list[tuple[str, str]]:
    """The filters in words, for the report's first page and summary sheet."""
    rows = [(_("Programme"), scope.programme.title_local)]
    rows.append((_("Seminar"), scope.seminar.title_local if scope.seminar else _("All seminars")))
    if scope.start or scope.end:
        start = scope.start.isoformat() if scope.start else "…"
        end = scope.end.isoformat() if scope.end else "…"
        rows.append((_("Period"), f"{start} – {end}"))
    return rows


def _progress(report: FunderReport, percent: int, step: str) -> None:
    report.progress, report.step = percent, step
    report.save(update_fields=["progress", "step"])


def build_funder_report(*, report: FunderReport) -> FunderReport:
    """Build the workbook and the PDF of a queued report. Not atomic on purpose: drawing and
    writing take seconds and hold no transaction open; each progress step is its own write."""
    # Queued, or failed (or lost) and tried again (crossborder/scheduling/retrying.py): built
    # from the start. Only a finished report is left alone.
    claimed = (
        FunderReport.objects.filter(pk=report.pk)
        .exclude(status=R.DONE)
        .update(status=R.RUNNING, error="", finished_at=None)
    )
    if not claimed:
        report.refresh_from_db()
        return report
    report.status = R.RUNNING
    try:
        with translation.override(report.language):
            scope = scope_of(report)
            _progress(report, 10, "indicators")
            indicators = funder_view(scope)
            raw, left_out = anonymised_rows(scope)
            filters = filter_labels(scope)
            _progress(report, 30, "charts")
            pictures = {}
            for section in indicators.sections:
                for chart in section.charts:
                    table = section.table(chart.table)
                    if drawable(chart, table):
                        spec = vega_lite(chart, table)
                        pictures.setdefault((section.key, table.key), []).append(png(spec))
            _progress(report, 50, "workbook")
            xlsx = workbook(
                indicators, charts=pictures, raw=raw, left_out=left_out, filters=filters
            )
            _progress(report, 70, "pdf")
            now = timezone.now()
            pdf = pdf_report(indicators, filters=filters, generated_at=now)
        stem = f"funder-report-{report.programme.slug}-{now:%Y%m%d-%H%M}-{report.pk}"
        report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.status, report.progress, report.step, report.finished_at = R.DONE, 100, "", now
        report.save(update_fields=["xlsx", "pdf", "status", "progress", "step", "finished_at"])
    except Exception:
        log.exception("Funder report %s failed", report.pk)
        report.status, report.finished_at = R.FAILED, timezone.now()
        report.error = _(
            "The report could not be built. Try again; if it fails again, tell "
            "the administrator (the server log has the details)."
        )
        report.save(update_fields=["status", "error", "finished_at"])
    return report
