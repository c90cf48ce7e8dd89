"""The funder report: asked for in one click, built by the background task, kept, downloaded.

The PDF's pages are rendered to PNG with pdftoppm into artifacts/reports/ to be looked at."""

import io
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from crossborder.audit.models import AuditEntry
from crossborder.evaluation.models import FunderReport
from crossborder.evaluation.reports.tables import SUPPRESSED

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "reports"


def _make_report(client, capture, **data):
    with capture(execute=True):
        r = client.post("/reports/funder/", {"programme": "programme", **data})
    assert r.status_code == 302, r.content.decode()[:2000]
    report = FunderReport.objects.latest("pk")
    assert r["Location"] == f"/reports/funder/{report.pk}/"
    return report


@pytest.fixture
def report(world, client_of, funder, django_capture_on_commit_callbacks):
    client = client_of(funder)
    report = _make_report(client, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    return report


def test_it_builds_the_report_in_the_background_and_keeps_it(report, funder, client_of):
    assert report.status == FunderReport.Status.DONE, report.error
    assert report.progress == 100 and report.requested_by == funder
    assert report.xlsx.name.endswith(".xlsx") and report.pdf.name.endswith(".pdf")
    entry = AuditEntry.objects.get(action="funder_report.request")
    assert entry.actor == funder and entry.details == {"programme": "programme"}
    client = client_of(funder)
    page = client.get(f"/reports/funder/{report.pk}/").content.decode()
    assert "The report is ready." in page
    listing = client.get("/reports/funder/").content.decode()
    assert f"/reports/funder/{report.pk}/report.xlsx" in listing


def test_it_writes_a_workbook_with_one_sheet_per_table_and_suppressed_cells(
    report, client_of, funder, world
):
    r = client_of(funder).get(f"/reports/funder/{report.pk}/report.xlsx")
    assert r.status_code == 200
    assert "attachment" in r["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(r.streaming_content)))
    assert book.sheetnames == [
        "Summary",
        "By profession",
        "By country",
        "By gender",
        "Diversity per seminar",
        "Attendance per seminar",
        "Module completion",
        "Anonymised data",
    ]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Practitioners trained: practitioners trained"] == 8
    professions = {
        row[0]: row[1] for row in book["By profession"].iter_rows(min_row=3, values_only=True)
    }
    assert professions["Prosecutor"] == SUPPRESSED
    assert professions["Other national authority"] == 0
    attendance = list(book["Attendance per seminar"].iter_rows(min_row=3, values_only=True))
    assert attendance[0][1:4] == (7, 6, 85.7)
    assert book["Attendance per seminar"]._images  # the chart as a picture
    assert not book["By country"]._images  # every country < 5: nothing to draw
    # Anonymised data: no names, emails or organisations; every combination shared by ≥ 5 rows
    raw = list(book["Anonymised data"].iter_rows(values_only=True))
    assert raw[0] == ("Seminar", "Profession", "Country", "Gender", "Sessions attended")
    rows = [row for row in raw[1:] if row and row[4] is not None and isinstance(row[4], int)]
    assert len(rows) == 6  # Vienna's 6 attendances; The Hague had 3 (left out, counted)
    assert all(n >= 5 for n in Counter(row[:4] for row in rows).values())
    text = repr(raw)
    for app in world["a"].values():
        assert app.user.email not in text and app.organisation not in text
    assert any("3 rows of seminars with fewer than 5 attendees" in str(row) for row in raw)


def test_it_writes_a_pdf_with_a_summary_page_and_charts(report, client_of, funder, world):
    r = client_of(funder).get(f"/reports/funder/{report.pk}/report.pdf")
    assert r.status_code == 200
    pdf = b"".join(r.streaming_content)
    assert pdf.startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "funder-report.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(ARTIFACTS / "funder-report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    first_page = text.split("\f")[0]
    assert "Funder report" in first_page and "Summary" in first_page
    assert "practitioners trained" in first_page
    assert "< 5" in text
    for app in world["a"].values():  # no personal data in the PDF either
        assert app.user.email not in text and app.organisation not in text
        assert app.user.first_name not in text
    assert "Practitioners trained by country" in text.split("\f", 1)[1]
    for old in ARTIFACTS.glob("funder-report-page-*.png"):
        old.unlink()
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            str(ARTIFACTS / "funder-report.pdf"),
            str(ARTIFACTS / "funder-report-page"),
        ],
        check=True,
    )
    pages = sorted(ARTIFACTS.glob("funder-report-page-*.png"))
    assert len(pages) >= 2
    # A page with charts holds far more ink than a page of text alone: the charts were drawn.
    from PIL import Image, ImageStat

    second = Image.open(pages[1]).convert("L")
    assert ImageStat.Stat(second).mean[0] < 250


def test_it_regenerates_with_the_same_filters(
    world, client_of, manager, django_capture_on_commit_callbacks
):
    client = client_of(manager)
    first = _make_report(client, django_capture_on_commit_callbacks, seminar="vienna")
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"/reports/funder/{first.pk}/regenerate")
    second = FunderReport.objects.latest("pk")
    assert second.pk != first.pk and r["Location"] == f"/reports/funder/{second.pk}/"
    assert second.seminar == world["vienna"] and second.status == "done"
    assert FunderReport.objects.count() == 2  # the old one is kept


def test_it_refuses_bad_filters_and_stores_nothing(world, client_of, funder):
    r = client_of(funder).post(
        "/reports/funder/", {"programme": "programme", "start": "2027-06-01", "end": "2027-01-01"}
    )
    assert r.status_code == 400
    assert "The end of the period cannot be before its start." in r.content.decode()
    assert not FunderReport.objects.exists()


def test_it_reports_a_failure_without_a_500(
    world, client_of, funder, django_capture_on_commit_callbacks, monkeypatch
):
    from crossborder.evaluation.reports import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "pdf_report", broken)
    report = _make_report(client_of(funder), django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == "failed" and not report.pdf
    page = client_of(funder).get(f"/reports/funder/{report.pk}/").content.decode()
    assert "The report failed." in page
    assert client_of(funder).get(f"/reports/funder/{report.pk}/report.pdf").status_code == 404


def test_a_failed_report_is_built_whole_when_its_task_runs_again(
    world, client_of, funder, django_capture_on_commit_callbacks, monkeypatch
):
    """The queue runs a failed report's task again (crossborder/scheduling/retrying.py): the
    task says it failed, and the next run builds the whole report."""
    from crossborder.evaluation.reports import services
    from crossborder.evaluation.reports.tasks import ReportFailed, generate_funder_report

    real = services.pdf_report
    monkeypatch.setattr(services, "pdf_report", lambda *a, **k: 1 / 0)
    report = _make_report(client_of(funder), django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == "failed" and not report.xlsx and not report.pdf
    with pytest.raises(ReportFailed):
        generate_funder_report.call(report_id=report.pk)  # still failing: the queue is told
    monkeypatch.setattr(services, "pdf_report", real)
    assert generate_funder_report.call(report_id=report.pk) == "done"
    report.refresh_from_db()
    assert report.status == "done" and report.error == "" and report.xlsx and report.pdf
    assert generate_funder_report.call(report_id=report.pk) == "done"  # a finished one stays


def test_it_keeps_reports_from_participants(report, client_of, participant):
    client = client_of(participant)
    assert client.get(f"/reports/funder/{report.pk}/report.xlsx").status_code == 403
    assert client.get(f"/reports/funder/{report.pk}/").status_code == 403
    assert client.post("/reports/funder/", {"programme": "programme"}).status_code == 403


def test_it_polls_a_pending_report(world, client_of, funder):
    from crossborder.seminars.models import Programme

    pending = FunderReport.objects.create(
        programme=Programme.objects.get(slug="programme"), requested_by=funder
    )
    r = client_of(funder).get(f"/reports/funder/{pending.pk}/", headers={"HX-Request": "true"})
    html = r.content.decode()
    assert 'hx-trigger="every 2s"' in html and "<html" not in html
    assert "Queued" in html
