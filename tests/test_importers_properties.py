"""Property-based tests (Hypothesis) over every importer: nominee lists (CSV and XLSX), Moodle
XML and GIFT question banks, the library's content files (`load_library`, `load_content --from`)
and the workshop exercises (`load_workshops`).

For any input, each importer either succeeds or refuses with its own, user-facing error
(ImportFileError, InterchangeError, ContentError, an item's error list) — never another
exception — and a refused file changes nothing in the database. Structure-aware strategies
build files that look right (the expected headers or front matter, generated values) and check
that the values come back as they went in, with only the documented normalisation.

Deterministic for CI: every test runs with `derandomize=True` (the examples are a function of
the test's source) and without the example database, so CI tries exactly the examples a local
run tried and never finds a new failure on its own. To search harder while developing, raise
`max_examples` and drop `derandomize` locally; put what it finds in a plain regression test.
"""

import csv
import html
import io
import json
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import transaction
from django_countries import countries
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from crossborder.accounts.models import Gender, Profession, Role, User
from crossborder.enrolment.importing import ImportFileError, import_rows, parse
from crossborder.enrolment.importing.preview import LIMITS
from crossborder.enrolment.models import Application
from crossborder.learning import importing as question_importing
from crossborder.learning.interchange import (
    InterchangeError,
    export_gift,
    export_moodle_xml,
    parse_gift,
    parse_moodle_xml,
)
from crossborder.learning.models import Module, Question
from crossborder.learning.richtext import as_text, html_as_text, looks_like_html
from crossborder.library.content import ContentError as LibraryContentError
from crossborder.library.content import load_library
from crossborder.library.models import Entry
from crossborder.workshops.exercises.loader import WORKSHOPS_DIR, load_workshops
from crossborder.workshops.exercises.loader import ContentError as WorkshopContentError
from crossborder.workshops.models import Exercise, Inject, RoleCard
from tests.factories import make_call, make_seminar, make_user

pytestmark = pytest.mark.django_db


def fast(examples: int):
    """The settings of every test here: derandomized (see the module docstring), no deadline."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# --- strategies ------------------------------------------------------------------------------

# Characters that break naive parsers: NUL and control characters, lone surrogates, the byte
# order mark, bidirectional overrides, every kind of line break, and each format's syntax.
SPECIALS = [
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u200f",
    "\u2066",
    "\ud800",
    "\udfff",
    "~",
    "=",
    "#",
    "{",
    "}",
    ":",
    "\\",
    "->",
    "%",
    ";",
    ",",
    '"',
    "'",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "--",
    "---",
    "//",
    "$CATEGORY:",
    "[html]",
    "@@PLUGINFILE@@/x.png",
    "nan",
    "inf",
    "-1e999",
    "²",
    "١٢",
    "2024-02-30",
    "Staatsanwältin",
    "Österreich",
    "ł",
]


def nasty_text(max_size: int = 60, *, surrogates: bool = True) -> st.SearchStrategy[str]:
    """Text from any code point plus the SPECIALS (lone surrogates only where asked), and
    now and then a very long run of one character."""
    specials = [s for s in SPECIALS if surrogates or not any("\ud800" <= c <= "\udfff" for c in s)]
    piece = st.one_of(st.characters(), st.sampled_from(specials))
    short = st.lists(piece, max_size=max_size).map("".join)
    long = st.tuples(st.sampled_from(["a", "é", " ", "\n", "{", "<", ";"]), st.integers(300, 5000))
    return st.one_of(short, short, short, long.map(lambda t: t[0] * t[1]))


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")


texts_as_bytes = st.builds(
    encoded,
    nasty_text(200),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "cp1250"]),
)
any_bytes = st.one_of(st.binary(max_size=600), texts_as_bytes)

# Text a database can hold (PostgreSQL refuses NUL; nobody can store a lone surrogate).
storable_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60
)


def xml_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Text that XML 1.0 can carry (what a real Moodle export contains)."""
    allowed = st.characters(
        exclude_categories=("Cs",),
        exclude_characters="".join(chr(c) for c in range(32) if c not in (9, 10, 13))
        + "\ufffe\uffff",
    )
    return st.text(allowed, max_size=max_size)


def json_for_database(value) -> None:
    """What a JSONField will store: plain JSON, no NaN or Infinity (PostgreSQL refuses them)."""
    json.dumps(value, allow_nan=False)


# --- 1. nominee lists (CSV, XLSX) --------------------------------------------------------------

APPLICATION_HEADERS = {
    "en": [
        "Email",
        "First name",
        "Last name",
        "Profession",
        "Country",
        "Organisation",
        "Gender",
        "First time",
    ],
    "de": [
        "E-Mail",
        "Vorname",
        "Nachname",
        "Funktion",
        "Land",
        "Behörde",
        "Geschlecht",
        "Erstteilnahme",
    ],
}
PROFESSION_WORDS = ["Staatsanwältin", "judge", "Richter", "procureur", "NGO", "Referentin"]
COUNTRY_WORDS = ["Österreich", "DE", "Polska", "France", "Ukraine", "Atlantis", ""]
GENDER_WORDS = ["w", "m", "F", "female", "", "?"]
YES_NO_WORDS = ["Ja", "Nein", "yes", "x", "", "vielleicht"]


@pytest.fixture
def call(db):
    return make_call(make_seminar(sessions=False, capacity=30))


@pytest.fixture
def manager(db):
    return make_user("manager@example.org", role=Role.MANAGER, first_name="C", last_name="D")


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Application.objects.count(),
        Question.objects.count(),
        Entry.objects.count(),
        Exercise.objects.count(),
        RoleCard.objects.count(),
        Inject.objects.count(),
    )


def _check_preview(rows, notices) -> None:
    """What the preview page and the session need of the rows: cells to show, values that are
    what they claim to be, kept rows that serialise to JSON."""
    assert all(isinstance(n, str) and n for n in notices)
    for row in rows:
        row.cells()
        assert all(isinstance(e, str) and e for e in row.errors + row.warnings)
        if not row.ok:
            continue
        values = row.values
        validate_email(values["email"])
        for name, limit in LIMITS.items():
            assert len(values[name]) <= limit
            assert name == "email" or values[name] == " ".join(values[name].split()) != ""
        assert values["profession"] in [*Profession.values, ""]
        assert values["country"] in countries
        assert values["gender"] in [*Gender.values, ""]
        assert isinstance(values["first_time"], bool)
        json_for_database(row.as_kept())


def _parse_or_refuse(name, content, call):
    try:
        return parse(name, content, call=call)
    except ImportFileError as error:
        assert str(error).strip()
        return None


@fast(150)
@given(content=any_bytes, name=st.sampled_from(["list.csv", "list.xlsx", "list.txt"]))
def test_a_nominee_list_of_any_bytes_is_read_or_refused_with_a_message(call, content, name):
    parsed = _parse_or_refuse(name, content, call)
    if parsed is not None:
        _check_preview(*parsed)


def _csv_bytes(rows, delimiter, encoding) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return encoded(out.getvalue(), encoding)


cell = st.one_of(nasty_text(40), st.sampled_from(PROFESSION_WORDS + COUNTRY_WORDS))


@fast(100)
@given(
    header=st.sampled_from(sorted(APPLICATION_HEADERS)),
    body=st.lists(st.lists(cell, min_size=0, max_size=10), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_a_csv_with_the_right_header_and_any_cells_is_previewed_or_refused(
    call, manager, header, body, delimiter, encoding
):
    content = _csv_bytes([APPLICATION_HEADERS[header], *body], delimiter, encoding)
    parsed = _parse_or_refuse("list.csv", content, call)
    if parsed is None:
        return
    rows, notices = parsed
    _check_preview(rows, notices)
    before = Application.objects.count()
    kept = [r.as_kept() for r in rows if r.kept]
    counts = import_rows(call=call, rows=json.loads(json.dumps(kept)), choices={}, by=manager)
    assert Application.objects.count() == before + counts["applications"]


# A cell of a real list: no separator, so that the separator is still the one used most.
tame = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters=';,\t"'),
    max_size=40,
).filter(lambda t: not t.startswith("="))  # XLSX would store "=…" as a formula


@st.composite
def nominee_rows(draw, *, for_xlsx: bool = False):
    n = draw(st.integers(1, 6))
    rows = []
    for i in range(n):
        rows.append(
            [
                f"person{i}@example.org",
                draw(tame.filter(lambda t: t.strip())),
                draw(tame.filter(lambda t: t.strip())),
                draw(st.sampled_from(PROFESSION_WORDS)),
                draw(st.sampled_from(COUNTRY_WORDS)),
                draw(tame),
                draw(st.sampled_from(GENDER_WORDS)),
                draw(
                    st.sampled_from(YES_NO_WORDS)
                    | (st.sampled_from([True, False, 1, 0, None]) if for_xlsx else st.nothing())
                ),
            ]
        )
    return rows


def _check_round_trip(rows, body, call, manager):
    """Every generated line is previewed with the cell values as written (spacing collapsed),
    and stored as previewed."""
    by_email = {r.values.get("email"): r for r in rows}
    assert len(rows) == len(body)
    for cells in body:
        row = by_email[cells[0]]
        for name, value in zip(
            ("first_name", "last_name", "organisation"), (cells[1], cells[2], cells[5])
        ):
            assert row.values[name] == " ".join(str(value).split())
    kept = [r for r in rows if r.kept]
    before = Application.objects.count()
    import_rows(
        call=call,
        rows=json.loads(json.dumps([r.as_kept() for r in kept])),
        choices={},
        by=manager,
    )
    stored = {a.user.email: a for a in Application.objects.filter(call=call)}
    with_profession = [r for r in kept if r.values["profession"]]
    assert Application.objects.count() == before + len(with_profession)
    for row in with_profession:
        application = stored[row.account]
        assert application.organisation == row.values["organisation"]
        assert application.user.first_name == row.values["first_name"]


@fast(60)
@given(
    header=st.sampled_from(sorted(APPLICATION_HEADERS)),
    body=nominee_rows(),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_a_csv_nominee_list_round_trips_its_values(
    call, manager, header, body, delimiter, encoding
):
    content = _csv_bytes([APPLICATION_HEADERS[header], *body], delimiter, encoding)
    rows, notices = parse("list.csv", content, call=call)
    _check_preview(rows, notices)
    with transaction.atomic():
        _check_round_trip(rows, body, call, manager)
        transaction.set_rollback(True)


def _xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for values in rows:
        book.active.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


xlsx_value = st.one_of(
    tame,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.none(),
)


@fast(50)
@given(
    header=st.sampled_from(sorted(APPLICATION_HEADERS)),
    body=st.lists(st.lists(xlsx_value, max_size=9), max_size=6),
)
def test_an_xlsx_with_the_right_header_and_any_cell_types_is_previewed(call, header, body):
    content = _xlsx_bytes([APPLICATION_HEADERS[header], *body])
    parsed = _parse_or_refuse("list.xlsx", content, call)
    if parsed is not None:
        _check_preview(*parsed)


@fast(40)
@given(header=st.sampled_from(sorted(APPLICATION_HEADERS)), body=nominee_rows(for_xlsx=True))
def test_an_xlsx_nominee_list_round_trips_its_values(call, manager, header, body):
    content = _xlsx_bytes([APPLICATION_HEADERS[header], *body])
    rows, notices = parse("list.xlsx", content, call=call)
    _check_preview(rows, notices)
    # openpyxl strips nothing, the reader strips each cell: compare with the stripped text.
    body = [[str(c).strip() if isinstance(c, str) else c for c in cells] for cells in body]
    with transaction.atomic():
        _check_round_trip(rows, body, call, manager)
        transaction.set_rollback(True)


@fast(60)
@given(content=any_bytes, name=st.sampled_from(["list.csv", "list.xlsx"]))
def test_the_import_page_refuses_a_bad_list_with_a_message_and_stores_nothing(
    client, call, manager, content, name
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(manager)
    url = f"/manage/seminars/{call.seminar.slug}/import/"
    before = _counts()
    r = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert r.status_code in (200, 400)
    assert _counts() == before
    if r.status_code == 400:
        assert r.context["error"]
        return
    if r.context["can_confirm"]:
        r = client.post(url, {"confirm": "1", "token": r.context["token"]})
        assert r.status_code == 302


# --- 2. question banks: Moodle XML and GIFT ----------------------------------------------------


@pytest.fixture
def module(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Module.objects.create(slug="m", title="M", level="public")


def _check_items(items) -> None:
    """What the preview and the import need of each parsed question."""
    assert items
    for item in items:
        assert isinstance(item["errors"], list)
        assert all(isinstance(e, str) and e for e in item["errors"])
        assert isinstance(item["text"], str) and isinstance(item["name"], str)
        if not item["errors"]:
            json_for_database(item)


def _import_or_refuse(parser, content, module, manager):
    """Parse, then store the valid items as the page does; a refused file stores nothing."""
    before = _counts()
    try:
        items = parser(content)
    except InterchangeError as error:
        assert str(error).strip()
        assert _counts() == before
        return None
    _check_items(items)
    question_importing.mark_present(module, items)
    valid = [i for i in items if not i["errors"] and not i.get("note")]
    created = question_importing.import_questions(
        module=module, items=json.loads(json.dumps(valid)), by=manager
    )
    assert created == len(valid)
    assert Question.objects.count() == before[2] + created
    return items


@fast(150)
@given(content=any_bytes)
def test_a_gift_file_of_any_bytes_is_read_or_refused_with_a_message(module, manager, content):
    _import_or_refuse(parse_gift, content, module, manager)


@fast(150)
@given(content=st.one_of(any_bytes, any_bytes.map(lambda b: b"<quiz>" + b + b"</quiz>")))
def test_a_moodle_file_of_any_bytes_is_read_or_refused_with_a_message(module, manager, content):
    _import_or_refuse(parse_moodle_xml, content, module, manager)


def _gift_escape(text: str) -> str:
    return "".join("\\" + c if c in "~=#{}:\\" else c for c in text)


gift_piece = nasty_text(30)


@st.composite
def gift_files(draw):
    """A GIFT file from generated names, stems, answers and feedback, escaped or not."""
    escape = draw(st.booleans())
    e = _gift_escape if escape else (lambda t: t)
    out = []
    for _n in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            out.append(f"$CATEGORY: $course$/top/{e(draw(gift_piece))}")
        name = f"::{e(draw(gift_piece))}::" if draw(st.booleans()) else ""
        fmt = draw(st.sampled_from(["", "[html]", "[markdown]", "[plain]", "[moodle]"]))
        stem = e(draw(gift_piece))
        answer = e(draw(gift_piece))
        feedback = e(draw(gift_piece))
        block = draw(
            st.sampled_from(
                [
                    f"{{={answer}#{feedback} ~{e(draw(gift_piece))}}}",
                    f"{{~%50%{answer} ~%50%{feedback} ~%-100%x}}",
                    "{T}",
                    f"{{FALSE#{feedback}#{answer}}}",
                    f"{{={answer} ={feedback}}}",
                    f"{{={answer} -> {feedback} =b -> c}}",
                    f"{{#{draw(st.sampled_from(['1', '1:0.5', '1..2', 'nan', 'inf', '1e999', answer]))}}}",
                    f"{{#={answer} =%50%2:1}}",
                    "{}",
                    "",
                    f"{{={answer}####{feedback}Source: {e(draw(gift_piece))}}}",
                ]
            )
        )
        out.append(f"{name}{fmt}{stem} {block}")
    return "\n\n".join(out).encode("utf-8", errors="surrogatepass")


@fast(150)
@given(content=gift_files())
def test_a_gift_file_built_from_any_text_is_imported_or_refused(module, manager, content):
    _import_or_refuse(parse_gift, content, module, manager)


# A question's stem as a trainer writes it: one line, any characters, GIFT syntax escaped.
one_line = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x85"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip())


@fast(100)
@given(stem=one_line, answer=one_line, kind=st.sampled_from(["short", "single", "true_false"]))
def test_an_escaped_gift_stem_and_answer_come_back_as_written(stem, answer, kind):
    assume("->" not in answer and not answer.startswith("%"))  # matching pairs, weights
    block = {
        "short": f"={_gift_escape(answer)}",
        "single": f"={_gift_escape(answer)} ~wrong",
        "true_false": "T",
    }[kind]
    content = f"::q::[plain]Q {_gift_escape(stem)} {{{block}}}".encode()
    (item,) = parse_gift(content)
    assert not item["errors"]
    assert as_text(item["text"]) == " ".join(f"Q {stem}".split())
    # An answer in [plain] is text with its entities read, as a learner types it.
    if kind == "short":
        assert item["data"]["answers"][0]["text"] == html.unescape(answer.strip())
    if kind == "single":
        assert item["data"]["options"][0]["text"] == html.unescape(answer.strip()).strip()


moodle_number = st.sampled_from(["1", "0.5", "-3", "1e3", "nan", "inf", "-inf", "1e999", "²", ""])


@st.composite
def moodle_files(draw):
    """A Moodle XML export with generated texts and numbers in every field it reads."""
    text = xml_text(40)
    questions = []
    for _n in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                [
                    "multichoice",
                    "truefalse",
                    "matching",
                    "ordering",
                    "shortanswer",
                    "numerical",
                    "essay",
                    "description",
                    "gapselect",
                    "ddwtos",
                    "calculated",
                ]
            )
        )
        fmt = draw(st.sampled_from(["html", "markdown", "plain_text", "moodle_auto_format"]))

        def rich(tag, value, fmt=fmt):
            return f'<{tag} format="{fmt}"><text><![CDATA[{value}]]></text></{tag}>'

        def number(tag):
            return f"<{tag}>{html.escape(draw(moodle_number))}</{tag}>"

        answers = "".join(
            f'<answer fraction="{html.escape(draw(moodle_number))}" format="{fmt}">'
            f"<text>{html.escape(draw(text | moodle_number))}</text>"
            f"{rich('feedback', draw(text))}{number('tolerance')}</answer>"
            for _a in range(draw(st.integers(0, 3)))
        )
        extra = "".join(
            draw(
                st.lists(
                    st.sampled_from(
                        [
                            number("penalty"),
                            number("defaultgrade"),
                            number("unitgradingtype"),
                            number("unitpenalty"),
                            number("showunits"),
                            number("minwordlimit"),
                            number("maxwordlimit"),
                            "<single>true</single>",
                            "<units><unit>" + number("multiplier") + "<unit_name>m</unit_name>"
                            "</unit></units>",
                            "<selectoption><text>a</text>" + number("group") + "</selectoption>",
                            "<dragbox><text>a</text>" + number("group") + "</dragbox>",
                            "<subquestion><text>l</text><answer><text>r</text></answer>"
                            "</subquestion>",
                            rich("generalfeedback", "<p>Source: x</p>"),
                            '<file name="a.png" path="/">not base64</file>',
                            "<tags><tag><text>t</text></tag></tags>",
                            "<hint><text>h</text></hint>",
                        ]
                    ),
                    max_size=5,
                )
            )
        )
        questions.append(
            f'<question type="{kind}"><name><text>{html.escape(draw(text))}</text></name>'
            f"{rich('questiontext', draw(text) + draw(st.sampled_from(['', ' [[1]]'])))}"
            f"{answers}{extra}</question>"
        )
    category = f'<question type="category"><category><text>{html.escape(draw(text))}</text>'
    return f"<quiz>{category}</category></question>{''.join(questions)}</quiz>".encode()


@fast(150)
@given(content=moodle_files())
def test_a_moodle_file_built_from_any_text_and_numbers_is_imported_or_refused(
    module, manager, content
):
    _import_or_refuse(parse_moodle_xml, content, module, manager)


def _plain(text: str) -> str:
    """What a plain text reads as once written as HTML: entities read, spacing collapsed."""
    return " ".join(html.unescape(text).split())


exportable = xml_text(60).filter(lambda t: t.strip() and not looks_like_html(t))


@fast(100)
@given(
    name=exportable,
    text=exportable,
    options=st.lists(exportable, min_size=2, max_size=4),
    fmt=st.sampled_from(["gift", "xml"]),
)
def test_export_then_import_keeps_the_question_text(name, text, options, fmt):
    question = Question(
        module=None,
        key="q",
        name=name,
        kind="single",
        category="c",
        text=text,
        data={
            "options": [
                {"text": o, "correct": n == 0, "fraction": 1.0 if n == 0 else 0.0, "feedback": ""}
                for n, o in enumerate(options)
            ]
        },
        explanation="",
        source="",
    )
    if fmt == "gift":
        (item,) = parse_gift(export_gift([question]).encode())
        expected = _plain(text.replace("\r", ""))
    else:
        (item,) = parse_moodle_xml(export_moodle_xml([question]).encode())
        expected = _plain(text)
    # What comes back is HTML ("&nbsp;" for a no-break space), read here as text.
    assert not item["errors"]
    assert html_as_text(item["text"]) == expected
    assert [html_as_text(o["text"]) for o in item["data"]["options"]] == [
        _plain(o.replace("\r", "") if fmt == "gift" else o) for o in options
    ]


@fast(60)
@given(content=any_bytes | gift_files(), name=st.sampled_from(["bank.gift", "bank.xml"]))
def test_the_question_import_page_refuses_with_a_message_and_stores_nothing(
    client, module, manager, content, name
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(manager)
    url = f"/learn/{module.slug}/import/"
    before = _counts()
    r = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert r.status_code in (200, 400)
    assert _counts() == before
    if r.status_code == 400:
        assert r.context["error"]
    elif r.context["valid"]:
        valid = r.context["valid"]
        r = client.post(url, {"confirm": "1", "token": r.context["token"]})
        assert r.status_code == 302
        assert Question.objects.count() == before[2] + valid


# --- 3. the library's content files (load_library, load_content --from) ------------------------

BODY = " ".join(["The directive sets minimum rules on offences and sanctions."] * 8)
VALID_ENTRY = {
    "slug": "fuzzed-entry",
    "kind": "instrument",
    "title": {"en": "A fuzzed instrument", "fr": "", "de": ""},
    "summary": {"en": "What it does.", "fr": "", "de": ""},
    "access": "public",
    "elements": ["A"],
    "forms": ["S"],
    "themes": [],
    "professions": ["judge"],
    "countries": [],
    "citations": ["2011/36/EU"],
    "related": [],
    "reviewed": date(2026, 1, 1),
    "sources": [{"title": "Directive 2011/36/EU", "url": "https://eur-lex.europa.eu/"}],
    "details": {
        "celex": "32011L0036",
        "date": "2011-04-05",
        "status": "In force",
        "key_articles": [],
    },
}

# Any value YAML can write: scalars of every type, lists and mappings of them.
yaml_value = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.dates(),
        storable_text,
        st.sampled_from(SPECIALS),
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.one_of(storable_text, st.integers()), inner, max_size=3)
    ),
    max_leaves=8,
)
# YAML as people mistype it: raw text where a value goes (dates that do not exist, tags,
# aliases, flow collections left open, nesting far too deep).
yaml_raw = st.one_of(
    nasty_text(40, surrogates=False),
    st.sampled_from(
        [
            "2024-02-30",
            "2024-13-01",
            "!!int abc",
            "!!float x",
            "!!binary zz",
            "!!timestamp 2024-99-99",
            "!!python/object:os.system ls",
            "&a [*a]",
            "&a {k: *a}",
            "[a, b",
            "{a: 1",
            "[" * 400 + "]" * 400,
            "{x: " * 400 + "1" + "}" * 400,
            "*nowhere",
            "|\n  text",
            ">-",
            "? [a]\n: b",
            "@at",
            "`tick",
        ]
    ),
)


def _library_file(folder: Path, meta_text: str, body: str = BODY) -> Path:
    path = folder / "instrument" / "fuzzed-entry.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{meta_text}\n---\n{body}\n", encoding="utf-8", errors="surrogatepass")
    return path


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000)


def _load_library_or_refuse(folder: Path) -> dict | None:
    before = _counts()
    try:
        return load_library(folder)
    except LibraryContentError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        assert _counts() == before
        return None


@fast(100)
@given(content=any_bytes)
def test_a_library_file_of_any_bytes_is_loaded_or_refused_naming_the_file(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "instrument" / "fuzzed-entry.md"
        path.parent.mkdir()
        path.write_bytes(content)
        _load_library_or_refuse(Path(folder))


@fast(80)
@given(
    field=st.sampled_from(sorted(VALID_ENTRY)),
    value=yaml_value,
    raw=st.none() | yaml_raw,
)
def test_a_library_entry_with_any_value_in_a_field_is_loaded_or_refused(field, value, raw):
    meta = _dump({**VALID_ENTRY, field: value})
    if raw is not None:  # the field's value as typed, not as YAML would write it
        meta = _dump({k: v for k, v in VALID_ENTRY.items() if k != field})
        meta += f"{field}: {raw}"
    with tempfile.TemporaryDirectory() as folder:
        _library_file(Path(folder), meta)
        _load_library_or_refuse(Path(folder))


@fast(60)
@given(title=storable_text, summary=storable_text, body_words=st.lists(storable_text, max_size=80))
def test_a_library_entry_round_trips_its_texts_through_export_and_load_content(
    title, summary, body_words
):
    from crossborder.curriculum.exporting import export_library

    body = " ".join(["word"] * 60 + body_words)
    meta = {**VALID_ENTRY, "title": {"en": title, "fr": "", "de": ""}, "summary": summary}
    with tempfile.TemporaryDirectory() as folder:
        _library_file(Path(folder), _dump(meta), body)
        if _load_library_or_refuse(Path(folder)) is None:
            assert not title.strip() or not str(summary).strip()
            return
    entry = Entry.objects.get(slug="fuzzed-entry")
    # The files are read as text: "\r\n" and "\r" in the body are line ends ("\n").
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    assert (entry.title, entry.summary, entry.body) == (
        title.strip(),
        summary.strip(),
        body.strip(),
    )
    with tempfile.TemporaryDirectory() as folder:
        export_library(Path(folder) / "library")
        (Path(folder) / "modules").mkdir()
        call_command("load_content", "--from", folder, stdout=io.StringIO())
    again = Entry.objects.get(slug="fuzzed-entry")
    assert (again.title, again.summary, again.body) == (entry.title, entry.summary, entry.body)


# --- 4. workshop exercises (load_workshops) ----------------------------------------------------

WORKSHOP_FILES = [
    "exercise.yaml",
    "injects.yaml",
    "checklist.yaml",
    "case-file.md",
    "roles/judge.md",
    "roles/judge.fr.md",
]


def _load_workshops_or_refuse(root: Path) -> dict | None:
    before = _counts()
    try:
        return load_workshops(root)
    except WorkshopContentError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        assert _counts() == before
        return None


def _workshop_copy(folder: str) -> Path:
    root = Path(folder) / "workshops"
    shutil.copytree(WORKSHOPS_DIR, root, ignore=shutil.ignore_patterns("README*"))
    return root


@fast(50)
@given(file=st.sampled_from(WORKSHOP_FILES), content=any_bytes)
def test_a_workshop_file_of_any_bytes_is_loaded_or_refused_naming_the_file(file, content):
    with tempfile.TemporaryDirectory() as folder:
        root = _workshop_copy(folder)
        (root / "jit-simulation" / file).write_bytes(content)
        _load_workshops_or_refuse(root)


@st.composite
def workshop_edits(draw):
    """One file of the JIT exercise with one key's value replaced by generated YAML."""
    file, keys = draw(
        st.sampled_from(
            [
                ("exercise.yaml", ["slug", "kind", "title", "summary", "sources", "title_fr"]),
                ("injects.yaml", ["key", "order", "minute", "title", "body", "sources"]),
                ("checklist.yaml", ["key", "section", "text", "rule", "field", "columns", "min"]),
                ("roles/judge.md", ["key", "order", "title", "professions", "sources"]),
            ]
        )
    )
    key = draw(st.sampled_from(keys))
    if draw(st.booleans()):
        value = json.dumps(draw(yaml_value), default=str)  # JSON is YAML (flow style)
    else:
        value = draw(yaml_raw).replace("\n", " ")
    return file, key, value


@fast(80)
@given(edit=workshop_edits())
def test_a_workshop_file_with_any_value_for_a_key_is_loaded_or_refused(edit):
    import re

    file, key, value = edit
    with tempfile.TemporaryDirectory() as folder:
        root = _workshop_copy(folder)
        path = root / "jit-simulation" / file
        text = path.read_text(encoding="utf-8")
        pattern = re.compile(rf"^(\s*-?\s*{key}:)[^\n]*$", re.M)
        assume(pattern.search(text))
        path.write_text(pattern.sub(lambda m: f"{m.group(1)} {value}", text, count=1))
        _load_workshops_or_refuse(root)


@fast(40)
@given(title=one_line, body=one_line)
def test_an_inject_round_trips_its_title_and_body(title, body):
    with tempfile.TemporaryDirectory() as folder:
        root = _workshop_copy(folder)
        path = root / "jit-simulation" / "injects.yaml"
        injects = yaml.safe_load(path.read_text(encoding="utf-8"))
        injects[0].update(title=title, body=body)
        path.write_text(_dump(injects), encoding="utf-8")
        loaded = _load_workshops_or_refuse(root)
    if loaded is None:
        return
    inject = Inject.objects.get(key=injects[0]["key"])
    assert (inject.title, inject.body) == (title.strip(), body.strip())


# --- regressions: the minimal examples Hypothesis found ----------------------------------------


def _moodle(kind: str, inner: str) -> bytes:
    return (
        f'<quiz><question type="{kind}"><name><text>n</text></name>'
        f"<questiontext><text>t</text></questiontext>{inner}</question></quiz>"
    ).encode()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        # nan / inf are floats to Python but not numbers to JSON: the import crashed on storing.
        (_moodle("numerical", '<answer fraction="100"><text>nan</text></answer>'), "not a number"),
        (
            _moodle("numerical", '<answer fraction="100"><text>1e999</text></answer>'),
            "not a number",
        ),
        (b"::q::Q{#nan}", "not a number or range"),
        (b"::q::Q{#1:inf}", "not a number or range"),
        (b"::q::Q{=%" + b"9" * 400 + b"%a}", "weight is not a number"),
    ],
)
def test_a_number_json_cannot_store_is_an_error_of_its_question(module, manager, content, error):
    parser = parse_moodle_xml if content.startswith(b"<") else parse_gift
    (item,) = parser(content)
    assert any(error in e for e in item["errors"])


@pytest.mark.parametrize(
    "inner",
    [
        "<unitgradingtype>inf</unitgradingtype>",  # int(inf): OverflowError
        "<showunits>nan</showunits>",  # int(nan): ValueError
        "<penalty>nan</penalty>",  # stored as NULL by SQLite: IntegrityError
        "<minwordlimit>²</minwordlimit>",  # "²".isdigit(), but int("²") fails
        "<selectoption><text>a</text><group>1e400</group></selectoption>",
    ],
)
def test_a_moodle_number_that_is_not_one_falls_back_to_the_default(module, manager, inner):
    kind = "essay" if "word" in inner else "gapselect" if "select" in inner else "numerical"
    items = parse_moodle_xml(_moodle(kind, inner))
    json_for_database(items)


def test_an_xml_declaration_with_an_unknown_encoding_is_refused_with_a_message():
    with pytest.raises(InterchangeError, match="not well-formed XML"):
        parse_moodle_xml(b'<?xml version="1.0" encoding="bogus"?><quiz/>')


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("exercise.yaml", None, "", "exercise.yaml, line 1: must be a mapping"),  # was KeyError
        ("injects.yaml", "minute: 10", "minute: 2024-02-30", "not valid YAML (day is out of range"),
        ("injects.yaml", "minute: 10", "minute: &a {k: *a}", "recursive node"),
        ("injects.yaml", "minute: 10", "minute: " + "[" * 2000 + "]" * 2000, "not valid YAML"),
        ("exercise.yaml", "title:", "title: {1: x, en: y}\nold_title:", "unknown language(s) 1"),
        ("checklist.yaml", "- key: ", "- key: [a]\n  old: ", "each item needs a key"),
        ("checklist.yaml", "  section: ", "  section: [a]\n  old: ", "unknown section “['a']”"),
        ("checklist.yaml", "  rule: ", "  rule: [a]\n  old: ", "unknown rule “['a']”"),
    ],
)
def test_a_workshop_file_that_crashed_the_loader_is_refused_with_a_problem(file, old, new, problem):
    with tempfile.TemporaryDirectory() as folder:
        root = _workshop_copy(folder)
        path = root / "jit-simulation" / file
        text = path.read_text(encoding="utf-8")
        assert old is None or old in text
        path.write_text(new if old is None else text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(WorkshopContentError) as refused:
            load_workshops(root)
    assert any(problem in p for p in refused.value.problems), refused.value.problems
    assert not Exercise.objects.exists()


@pytest.mark.parametrize(
    ("field", "raw", "problem"),
    [
        ("slug", "[a]", "slug: must be text"),  # a list is unhashable: TypeError
        ("elements", "5", "elements: must be a list"),  # int is not iterable: TypeError
        ("related", "[[a]]", "related: each item must be text"),
        ("title", "[1]", "title: must be text or a mapping"),  # KeyError
        ("details", "&a {k: *a}", "Circular reference"),  # RecursionError
        ("details", "[" * 2000 + "]" * 2000, "nested too deeply"),  # RecursionError
    ],
)
def test_a_library_front_matter_that_crashed_the_loader_is_refused_with_a_problem(
    field, raw, problem
):
    meta = _dump({k: v for k, v in VALID_ENTRY.items() if k != field}) + f"{field}: {raw}"
    with tempfile.TemporaryDirectory() as folder:
        _library_file(Path(folder), meta)
        with pytest.raises(LibraryContentError) as refused:
            load_library(Path(folder))
    assert any(problem in p for p in refused.value.problems), refused.value.problems
    assert not Entry.objects.exists()


@pytest.mark.parametrize("file", ["case-file.md", "roles/judge.fr.md", "roles/judge.md"])
def test_a_workshop_file_with_a_nul_character_is_refused_not_stored(file):
    """SQLite stored it; PostgreSQL refused it with a DataError while loading."""
    with tempfile.TemporaryDirectory() as folder:
        root = _workshop_copy(folder)
        path = root / "jit-simulation" / file
        path.write_text(path.read_text(encoding="utf-8") + "\x00", encoding="utf-8")
        with pytest.raises(WorkshopContentError) as refused:
            load_workshops(root)
    assert any("NUL character" in p for p in refused.value.problems)


def test_a_library_file_with_a_nul_character_is_refused_not_stored():
    with tempfile.TemporaryDirectory() as folder:
        _library_file(Path(folder), _dump(VALID_ENTRY), BODY + "\x00")
        with pytest.raises(LibraryContentError, match="NUL character"):
            load_library(Path(folder))


@pytest.mark.parametrize(("encoding", "padding"), [("utf-16", ""), ("utf-8", "x" * 5000)])
def test_a_nominee_list_with_a_nul_character_in_a_cell_is_refused(call, encoding, padding):
    """It was stored on SQLite, and confirming it failed on PostgreSQL with a DataError."""
    rows = [
        APPLICATION_HEADERS["en"],
        ["b@example.org", padding, "B", "judge", "DE", "O", "", ""],
        ["a@example.org", "A\x00", "B", "judge", "DE", "O", "", ""],
    ]
    with pytest.raises(ImportFileError, match="NUL character"):
        parse("list.csv", _csv_bytes(rows, ";", encoding), call=call)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"::" + b"n" * 256 + b"::Q{T}", "The name is longer than 255 characters."),
        (b"$CATEGORY: " + b"c" * 256 + b"\n\n::q::Q{T}", "The category is longer than 255"),
        (_moodle("essay", "<idnumber>" + "i" * 101 + "</idnumber>"), "The ID number is longer"),
    ],
)
def test_a_name_longer_than_the_bank_keeps_is_an_error_of_its_question(content, error):
    """SQLite stored it; PostgreSQL refused it with a DataError when the import was confirmed."""
    parser = parse_moodle_xml if content.startswith(b"<") else parse_gift
    (item,) = parser(content)
    assert any(error in e for e in item["errors"])
