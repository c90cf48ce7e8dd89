"""The manager and the funder open the indicator dashboard (charts drawn on the server, shown
without breaking the strict CSP); the funder prepares the funder report and downloads it."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from crossborder.enrolment.models import Call
from tests.evaluation.reports.programme import attend, build_programme
from tests.factories import make_user

from .helpers import assert_accessible, open_from_menu, settle, sign_in

PROFESSIONS = ["judge", "prosecutor", "law_enforcement", "labour_inspector", "civil_society"]
COUNTRIES = ["IT", "ES", "RO", "SE", "CZ", "PT"]


def _programme():
    """The hand-counted programme plus 30 more attendees in Vienna, so that most groups are
    large enough to be shown to the funder."""
    world = build_programme()
    call = Call.objects.get(seminar__slug="vienna")
    for n in range(100, 130):
        attend(call, n, PROFESSIONS[n % 5], COUNTRIES[n % 6], ["female", "male"][n % 2])
    return world


def _watch_csp(page) -> list[str]:
    errors = []
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return errors


def _charts_drawn(page, at_least: int) -> None:
    charts = page.locator(".indicator-chart img")
    expect(charts.first).to_be_visible()
    assert charts.count() >= at_least
    widths = charts.evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
    assert all(w > 100 for w in widths), widths  # every SVG decoded and drawn


def test_a_manager_reads_the_indicators(live_server, page, screenshots, manager):
    _programme()
    csp = _watch_csp(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, manager.email, totp=True)
    open_from_menu(page, "Indicators")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators")
    expect(page.locator(".indicator-stat .stat-value").first).to_have_text("38")  # 8 + 30
    _charts_drawn(page, 6)
    assert_accessible(page)
    page.screenshot(path=screenshots / "indicators-manager.png", full_page=True)
    page.get_by_label("Seminar", exact=True).select_option("hague")
    page.get_by_role("button", name="Show").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators")
    expect(page.locator(".indicator-stat .stat-value").first).to_have_text("3")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "indicators-manager-phone.png", full_page=True)
    assert not csp, csp


def test_a_funder_reads_suppressed_indicators_and_downloads_the_report(
    live_server, page, screenshots, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _programme()
    funder = make_user("funder@example.org", role="funder", first_name="Eva", last_name="Berg")
    csp = _watch_csp(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, funder.email)
    open_from_menu(page, "Indicators")
    expect(page.get_by_text("so that nobody can be recognised")).to_be_visible()
    expect(page.get_by_role("cell", name="< 5").first).to_be_visible()
    _charts_drawn(page, 4)  # a chart whose groups are all under 5 is not drawn
    assert_accessible(page)
    page.screenshot(path=screenshots / "indicators-funder.png", full_page=True)

    page.get_by_role("link", name="Funder report (XLSX and PDF)").click()
    settle(page)
    assert_accessible(page)
    page.get_by_role("button", name="Prepare the report").click()
    settle(page)
    expect(page.get_by_text("The report is ready.")).to_be_visible(timeout=60_000)
    assert_accessible(page)
    page.screenshot(path=screenshots / "funder-report-ready.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workbook (XLSX)").click()
    path = tmp_path / "report.xlsx"
    download.value.save_as(path)
    book = load_workbook(io.BytesIO(path.read_bytes()))
    assert "Anonymised data" in book.sheetnames and "By profession" in book.sheetnames
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the report (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert not csp, csp
