"""Spreadsheets handed out by Crossborder never run what a person typed (CSV injection)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from crossborder import spreadsheets
from crossborder.learning.models import Lesson, LessonView, Module
from tests.factories import make_user


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Anna = Bob", "Anna = Bob"),
        ("", ""),
        (None, ""),
        (-2, -2),
        (87.5, 87.5),
    ],
)
def test_it_quotes_text_that_a_spreadsheet_would_run(typed, written):
    assert spreadsheets.safe_cell(typed) == written


def test_it_writes_csv_with_a_bom_and_quoted_formulas():
    data = spreadsheets.as_csv(["Name", "Score"], [['=HYPERLINK("http://evil")', 3]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Name", "Score"], ['\'=HYPERLINK("http://evil")', "3"]]


def test_it_writes_xlsx_text_as_text_and_numbers_as_numbers():
    data = spreadsheets.as_xlsx(["Name", "Score"], [["=1+1", 87.5]], title="x" * 40)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "x" * 31
    assert sheet["A1"].font.bold
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("'=1+1", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == (87.5, "n")


@pytest.mark.django_db
def test_the_progress_export_quotes_a_learners_formula_name(client_of, manager):
    module = Module.objects.create(slug="basics", title="Basics", level="public")
    lesson = Lesson.objects.create(module=module, order=1, slug="one", title="One", body="Text")
    learner = make_user("learner@example.org", first_name="@cmd", last_name="=2+3")
    LessonView.objects.create(user=learner, lesson=lesson)
    r = client_of(manager).get("/learn/basics/report/?format=xlsx")
    assert r["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in sheet[2]][:4] == ["'=2+3", "'@cmd", "learner@example.org", "1/1"]
    assert sheet["A2"].data_type == "s"
