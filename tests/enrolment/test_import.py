"""Importing nominee lists as national bodies send them: the preview and the stored values,
row by row, and the files that must be refused with a clear message."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.accounts.models import User
from crossborder.enrolment.models import Application
from tests.factories import make_applicant, make_call, make_seminar

from .nominee_lists import LONG_ORGANISATION, french_csv, german_csv, polish_xlsx

pytestmark = pytest.mark.django_db
URL = "/manage/seminars/vienna/import/"
FIELDS = ("profession", "country", "organisation", "gender", "first_time")
# Session, user, call lookups plus one query per kind of object: the same for 10 or 200 rows.
QUERIES_PREVIEW, QUERIES_STORE = 11, 17


@pytest.fixture
def call():
    return make_call(make_seminar(sessions=False, capacity=30))


def _upload(client, name, content):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def _confirm(client, preview, **choices):
    return client.post(URL, {"confirm": "1", "token": preview.context["token"], **choices})


def _stored():
    return {
        a.user.email: a
        for a in Application.objects.select_related("user__profile").filter(imported=True)
    }


def test_it_reads_a_german_excel_csv_row_by_row(client_of, manager, call):
    content, expected = german_csv()
    c = client_of(manager)
    r = _upload(c, "Teilnehmer.csv", content)
    assert r.status_code == 200
    body = r.content.decode()
    assert "it was read as Western European (Windows-1252)" in body
    rows = {row.line: row for row in r.context["rows"]}
    # Line numbers are the file's lines: the quoted two-line cell of line 3 ends on line 4.
    assert sorted(rows)[:9] == [2, 3, 5, 6, 7, 8, 9, 10, 11]
    assert rows[3].original["organisation"] == "Landeskriminalamt Berlin\nDezernat 43"
    # Errors: the row with too few fields and the 300-character organisation.
    assert {row.line: row.errors for row in r.context["errors"]} == {
        7: ["This line has 4 fields; the header has 8."],
        8: ["Organisation is longer than 200 characters (300)."],
    }
    assert len(LONG_ORGANISATION) == 300
    # Warnings: the shared mailbox (both people kept), unmapped wording, a non-EU country.
    warnings = {row.line: row.warnings for row in r.context["warnings"]}
    assert warnings[5] == [
        "Shared mailbox: office@bmi.gv.at is also used by line 6 (Eva Gruber). Both are kept "
        "as separate applicants; this one signs in as office@bmi.gv.at."
    ]
    assert warnings[6] == [
        "Profession “Referentin” is not one we know: choose its group below.",
        "Shared mailbox: office@bmi.gv.at is also used by line 5 (Max Muster). Both are kept "
        "as separate applicants; this one signs in as office+eva.gruber@bmi.gv.at.",
    ]
    assert warnings[9] == ["Ukraine is not an EU Member State."]
    assert set(warnings) == {5, 6, 9}
    # The duplicate of line 2 with another organisation asks which values to keep.
    (duplicate,) = r.context["duplicates"]
    assert duplicate.line == 10
    assert duplicate.duplicate == "The same person as line 2."
    assert [(str(label), a, b) for label, a, b in duplicate.conflicts] == [
        ("Organisation", "Staatsanwaltschaft Wien", "StA Wien")
    ]
    assert 'name="keep-10"' in body and 'name="profession-6"' in body
    # Every stored value is shown, with the file's wording beside it where they differ.
    assert rows[2].cells() == [
        ("email", "anna.huber@justiz.gv.at", ""),
        ("first_name", "Anna", ""),
        ("last_name", "Huber", ""),
        ("profession", "Prosecutor", "Staatsanwältin"),
        ("country", "Austria (AT)", "Österreich"),
        ("organisation", "Staatsanwaltschaft Wien", ""),
        ("gender", "Woman", "w"),
        ("first_time", "yes", "Ja"),
    ]
    assert rows[9].cells()[-1] == ("first_time", "yes", "(blank)")
    assert "file: “Staatsanwältin”" in body
    assert r.context["valid"] == 295  # 298 data rows less 2 errors, less the duplicate
    assert not Application.objects.exists()  # nothing before confirming

    r = _confirm(c, r, **{"profession-6": "other_authority", "keep-10": "file"})
    assert r.status_code == 302
    stored = _stored()
    assert len(stored) == 295  # line 10 is line 2's person
    for line, values in expected.items():
        application = stored[values["email"]]
        want = dict(values, organisation="StA Wien") if line == 2 else values
        if line == 6:
            want = dict(values, profession="other_authority")
        assert application.user.first_name == want["first_name"], line
        assert application.user.last_name == want["last_name"], line
        assert {f: getattr(application, f) for f in FIELDS} == {f: want[f] for f in FIELDS}, line
    # The shared mailbox: two people, two accounts, one of them at the sub-address.
    assert User.objects.filter(email__startswith="office").count() == 2
    assert stored["office@bmi.gv.at"].user.get_full_name() == "Max Muster"
    assert stored["office+eva.gruber@bmi.gv.at"].user.profile.profession == "other_authority"
    assert "kurz@example.de" not in stored and "lang@example.at" not in stored

    # The same file again changes nothing and asks about nothing new.
    r = _upload(c, "Teilnehmer.csv", content)
    # Line 2 now differs from what is stored, line 10 from line 2: both ask, keeping by default.
    assert r.context["valid"] == 0 and r.context["can_confirm"]
    assert {row.line for row in r.context["duplicates"]} >= {2, 3, 5, 6, 10, 11}
    assert 'name="profession-6"' not in r.content.decode()  # Eva is stored: nothing to choose
    _confirm(c, r)
    assert Application.objects.count() == 295
    assert Application.objects.get(user__email="anna.huber@justiz.gv.at").organisation == (
        "StA Wien"
    )


def test_it_reads_a_french_csv_and_asks_about_an_existing_application(client_of, manager, call):
    existing = make_applicant(call, 1, profession="judge", country="BE")
    content, expected = french_csv()
    c = client_of(manager)
    r = _upload(c, "candidats.csv", content)
    assert r.status_code == 200
    rows = {row.line: row for row in r.context["rows"]}
    for line, (email, profession, country, gender, first_time) in expected.items():
        values = rows[line].values
        assert (values["email"], values["profession"], values["country"]) == (
            email,
            profession,
            country,
        )
        assert (values["gender"], values["first_time"]) == (gender, first_time), line
        assert not rows[line].warnings and not rows[line].errors, line
    (duplicate,) = r.context["duplicates"]
    assert (duplicate.line, duplicate.duplicate) == (7, "Already applied to this seminar.")
    assert [str(label) for label, _a, _b in duplicate.conflicts] == [
        "Profession",
        "Organisation",
        "First time",
    ]
    assert "The existing values" in r.content.decode()
    _confirm(c, r, **{"keep-7": "file"})
    existing.refresh_from_db()
    assert (existing.profession, existing.organisation, existing.first_time) == (
        "prosecutor",
        "Parquet de Bruxelles",
        False,
    )
    assert existing.user.profile.profession == "judge"  # the person's own profile is theirs
    stored = _stored()
    for email, profession, country, gender, first_time in expected.values():
        a = stored[email]
        assert (a.profession, a.country, a.gender, a.first_time) == (
            profession,
            country,
            gender,
            first_time,
        )


def test_it_keeps_the_existing_values_unless_told_otherwise(client_of, manager, call):
    existing = make_applicant(call, 1, profession="judge", country="BE")
    c = client_of(manager)
    r = _upload(c, "candidats.csv", french_csv()[0])
    _confirm(c, r)
    existing.refresh_from_db()
    assert (existing.profession, existing.organisation) == ("judge", "Organisation 1")


def test_it_reads_a_polish_xlsx_with_excel_types_and_local_names(client_of, manager, call):
    content, expected = polish_xlsx()
    c = client_of(manager)
    r = _upload(c, "kandydaci.xlsx", content)
    assert r.status_code == 200
    rows = {row.line: row for row in r.context["rows"]}
    assert sorted(rows) == [4, 5, 6, 7, 8, 9]  # sheet rows, under a title and a blank row
    for line, (email, profession, country, gender, first_time) in expected.items():
        values = rows[line].values
        assert (values["email"], values["profession"], values["country"]) == (
            email,
            profession,
            country,
        ), line
        assert (values["gender"], values["first_time"]) == (gender, first_time), line
    assert rows[5].cells()[-1] == ("first_time", "no", "FALSE")  # an Excel boolean
    assert rows[7].cells()[4] == ("country", "Greece (GR)", "EL")
    assert rows[8].warnings == ["Ukraine is not an EU Member State."]
    assert rows[6].cells()[4] == ("country", "Greece (GR)", "Ελλάδα")
    _confirm(c, r)
    stored = _stored()
    assert {
        email: (a.profession, a.country, a.gender, a.first_time) for email, a in stored.items()
    } == {e: (p, k, g, f) for e, p, k, g, f in expected.values()}
    assert stored["o.shevchenko@npu.gov.ua"].organisation == "Державна служба з питань праці"


def test_it_reads_excel_unicode_text_in_utf16(client_of, manager, call):
    text = (
        "Email\tFirst name\tLast name\tProfession\tCountry\tOrganisation\tGender\tFirst time\r\n"
        "eva.novak@example.si\tEva\tNovak\tPublic prosecutor\tSlovenija\tDržavno tožilstvo\tF\tyes\r\n"
    )
    r = _upload(client_of(manager), "unicode.txt", text.encode("utf-16"))  # BOM + UTF-16LE
    (row,) = r.context["rows"]
    assert (row.values["profession"], row.values["country"], row.values["organisation"]) == (
        "prosecutor",
        "SI",
        "Državno tožilstvo",
    )


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.csv", b"email;x\n" + b"a" * (6 * 1024 * 1024), "The file is larger than 5 MB."),
        ("bomb.xlsx", _zip_bomb(), "This XLSX file would unpack to 60 MB, more than the 50 MB"),
        ("fake.xlsx", b"E-Mail;Name\nkeine@zip.de;X\n", "This is not a readable XLSX file."),
        (
            "utf16.csv",
            "email;first name\n".encode("utf-16-le"),
            "The file looks like UTF-16 without a byte-order mark",
        ),
        ("damaged.csv", b"\xff\xfe\x00\xd8", "The file is damaged"),
    ],
)
def test_it_refuses_bad_input_with_a_clear_message(
    client_of, manager, call, name, content, message
):
    r = _upload(client_of(manager), name, content)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not User.objects.filter(role="participant").exists()
    assert not Application.objects.exists()


def test_it_leaves_out_a_row_whose_profession_was_not_chosen(client_of, manager, call):
    content = (
        "email,first name,last name,profession,country,organisation\n"
        "a@example.org,Ana,Silva,Astronaut,PT,ESA\n"
        "b@example.org,Rui,Costa,Magistrado do Ministério Público,Portugal,PGR\n"
    ).encode()
    c = client_of(manager)
    r = _upload(c, "list.csv", content)
    assert [row.line for row in r.context["warnings"]] == [2, 3]
    r = _confirm(c, r, **{"profession-3": "prosecutor"})
    assert set(_stored()) == {"b@example.org"}
    r = c.get("/manage/seminars/vienna/applications/")
    assert "Left out because no profession was chosen: lines 2." in r.content.decode()


@pytest.mark.parametrize("generated", [10, 200])
def test_it_previews_and_stores_in_queries_that_do_not_grow_with_rows(
    client_of, manager, call, generated
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_of(manager)
    content, _expected = german_csv(generated=generated)
    with CaptureQueriesContext(connection) as preview:
        r = _upload(c, "Teilnehmer.csv", content)
    with CaptureQueriesContext(connection) as store:
        _confirm(c, r, **{"profession-6": "other_authority"})
    assert Application.objects.count() == generated + 5
    assert (len(preview), len(store)) == (QUERIES_PREVIEW, QUERIES_STORE)


def test_it_finds_the_header_under_a_title_line_in_a_comma_csv(client_of, manager, call):
    content = (
        b"Nominations, Vienna seminar, March 2026\n"
        b"\n"
        b"Email,First name,Last name,Profession,Country,Organisation,First time\n"
        b'r.costa@pgr.pt,Rui,Costa,"Prosecutor, organised crime",Portugal,PGR,no\n'
    )
    r = _upload(client_of(manager), "list.csv", content)
    (row,) = r.context["rows"]
    assert row.line == 4
    assert (row.values["profession"], row.values["country"], row.values["first_time"]) == (
        "prosecutor",
        "PT",
        False,
    )
