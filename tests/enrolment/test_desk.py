"""Bulk import, exports, check-in and attendance sheets."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.enrolment.models import Application, SessionAttendance
from tests.factories import make_applicant, make_call, make_seminar

pytestmark = pytest.mark.django_db
S = Application.Status

GOOD_CSV = (
    "Email;First name;Last name;Profession;Country;Organisation;Gender\n"
    "jana.novakova@example.org;Jana;Nováková;prosecutor;CZ;Nejvyšší státní zastupitelství;female\n"
    "tomas.lind@example.org;Tomas;Lind;Law-enforcement officer;Sweden;Polismyndigheten;male\n"
)
BAD_CSV = (
    "email,first name,last name,profession,country,organisation\n"
    "not-an-email,A,B,judge,AT,Court\n"
    "ok@example.org,C,D,,AT,Court\n"
    "ok2@example.org,E,F,judge,Atlantis,Court\n"
    "ok3@example.org,G,H,judge,AT,Court\n"
    "ok3@example.org,G,H,judge,AT,Court\n"
)


@pytest.fixture
def call():
    return make_call(make_seminar(sessions=True, capacity=30))


def _upload(client, name, content):
    return client.post(
        "/manage/seminars/vienna/import/", {"file": SimpleUploadedFile(name, content)}
    )


def test_it_previews_then_imports_an_excel_csv_with_bom_and_semicolons(client_of, manager, call):
    c = client_of(manager)
    r = _upload(c, "nominations.csv", "\ufeff".encode() + GOOD_CSV.encode("utf-8"))
    assert r.status_code == 200
    assert "2 rows will be imported; 0 rows have errors" in r.content.decode()
    assert not Application.objects.exists()  # nothing before confirming
    token = r.context["token"]
    r = c.post("/manage/seminars/vienna/import/", {"confirm": "1", "token": token})
    assert r.status_code == 302
    imported = Application.objects.select_related("user").order_by("user__email")
    assert [(a.user.email, a.country, a.profession, a.status) for a in imported] == [
        ("jana.novakova@example.org", "CZ", "prosecutor", S.SUBMITTED),
        ("tomas.lind@example.org", "SE", "law_enforcement", S.SUBMITTED),
    ]
    assert imported[0].user.last_name == "Nováková"
    # The same file again adds nothing.
    r = _upload(c, "nominations.csv", GOOD_CSV.encode("utf-8"))
    assert "Already applied" in r.content.decode()
    c.post("/manage/seminars/vienna/import/", {"confirm": "1", "token": r.context["token"]})
    assert Application.objects.count() == 2


def test_it_reports_errors_per_row(client_of, manager, call):
    r = _upload(client_of(manager), "bad.csv", BAD_CSV.encode())
    body = r.content.decode()
    assert "“not-an-email” is not a valid email address." in body
    assert "The profession is missing." in body
    assert "Unknown country “Atlantis”." in body
    assert "The same person as line 5." in body  # identical: imported once, not an error
    assert r.context["valid"] == 1 and r.context["invalid"] == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ansi.csv",
            "email;first name;last name;profession;country;organisation\n"
            "a@example.org;Paweł;Łukasik;judge;PL;Sąd Okręgowy\n".encode("cp1250"),
            "The file is not in UTF-8 and its characters do not read as Western European",
        ),
        ("broken.xlsx", b"PK\x03\x04 not really", "This is not a readable XLSX file."),
        ("list.pdf", b"%PDF", "Only CSV and XLSX files can be imported."),
        ("empty.csv", b"", "The file is empty."),
        (
            "cols.csv",
            b"name;mail\nA;b@example.org\n",
            "Columns missing: Given name, Family name, Profession",
        ),
    ],
)
def test_it_refuses_files_it_cannot_read(client_of, manager, call, name, content, message):
    r = _upload(client_of(manager), name, content)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Application.objects.exists()


def test_it_imports_xlsx(client_of, manager, call):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in GOOD_CSV.strip().split("\n"):
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    r = _upload(client_of(manager), "nominations.xlsx", buffer.getvalue())
    assert r.context["valid"] == 2


def test_it_exports_participants_without_formula_injection(client_of, manager, call):
    make_applicant(call, 1, status=S.CONFIRMED, organisation='=HYPERLINK("http://evil")')
    make_applicant(call, 2, status=S.WAITLISTED)
    c = client_of(manager)
    r = c.get("/manage/seminars/vienna/participants.csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # header + the one confirmed participant
    assert rows[1][5] == '\'=HYPERLINK("http://evil")'
    from openpyxl import load_workbook

    r = c.get("/manage/seminars/vienna/participants.xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).active
    assert sheet["F2"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["F2"].data_type == "s"
    assert "Applicant1" in c.get("/manage/seminars/vienna/participants.html").content.decode()


def test_it_checks_in_by_badge_code_and_records_session_attendance(client_of, manager, call):
    a = make_applicant(call, 1, status=S.CONFIRMED)
    b = make_applicant(call, 2, status=S.CONFIRMED)
    c = client_of(manager)
    r = c.post("/manage/seminars/vienna/check-in/", {"code": a.badge_code.lower()}, follow=True)
    assert "Applicant1 Test is checked in." in r.content.decode()
    a.refresh_from_db()
    assert a.status == S.ATTENDED and a.checked_in_at
    r = c.post("/manage/seminars/vienna/check-in/", {"code": "NOPE"}, follow=True)
    assert "No participant of this seminar has the code NOPE." in r.content.decode()
    session = call.seminar.sessions.exclude(kind="break").first()
    c.post(f"/manage/seminars/vienna/attendance/{session.pk}/", {"present": [a.pk]})
    marks = dict(SessionAttendance.objects.values_list("application_id", "present"))
    assert marks == {a.pk: True, b.pk: False}


def test_it_keeps_the_desk_from_participants(client_of, participant, call):
    c = client_of(participant)
    for url in [
        "/manage/seminars/vienna/check-in/",
        "/manage/seminars/vienna/import/",
        "/manage/seminars/vienna/participants.csv",
        "/manage/seminars/vienna/selection/",
    ]:
        assert c.get(url).status_code == 403, url
