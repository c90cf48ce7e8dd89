"""Moodle XML and GIFT in and out: the older fixtures, GIFT's own rules (partial credit, several
numerical answers, Markdown, HTML links, essay/description, syntax errors stop the file) and
bad input (size, DOCTYPE/entities, garbage, wrong root): a clear message and nothing stored."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.learning.content import load_modules
from crossborder.learning.grading import clean_response, grade
from crossborder.learning.interchange import (
    InterchangeError,
    export_gift,
    export_moodle_xml,
    parse_gift,
    parse_moodle_xml,
)
from crossborder.learning.models import Module, Question

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE = (FIXTURES / "moodle_export.xml").read_bytes()
GIFT = (FIXTURES / "moodle_export.gift").read_bytes()
FIELDS = ("name", "kind", "category", "text", "data", "explanation", "source")


def _questions(items):
    keep = (
        "name",
        "idnumber",
        "kind",
        "category",
        "text",
        "data",
        "explanation",
        "source",
        "hidden",
        "penalty",
        "labels",
        "hints",
        "feedback",
    )
    return [
        Question(module=None, key=f"q{n}", **{k: i[k] for k in keep})
        for n, i in enumerate(items)
        if not i["errors"]
    ]


def _comparable(items):
    return [{k: item[k] for k in FIELDS} for item in items if not item["errors"]]


def test_it_reads_every_type_from_the_older_moodle_export():
    items = parse_moodle_xml(FIXTURE)
    assert {i["name"]: i["kind"] for i in items} == {
        "EIO recognition deadline": "single",
        "JIT funding items": "multiple",
        "EIO Ireland Denmark": "true_false",
        "Instruments and deadlines": "matching",
        "JIT life cycle": "ordering",
        "Europol secure channel": "short",
        "EIO execution days": "numeric",
        "Essay not supported": "essay",
    }
    first = items[0]
    assert first["text"].startswith("<p>Within how long must the executing authority")
    assert first["source"] == "Directive 2014/41/EU, Art. 12"
    assert first["category"] == "Default for THB Foundations/Cooperation instruments"
    assert [o["correct"] for o in first["data"]["options"]] == [True, False, False]
    assert not any(i["errors"] for i in items)


def test_it_round_trips_moodle_xml():
    first = parse_moodle_xml(FIXTURE)
    again = parse_moodle_xml(export_moodle_xml(_questions(first)).encode())
    assert _comparable(again) == _comparable(first)


def test_it_round_trips_the_whole_curriculum_bank_through_gift():
    load_modules()
    questions = list(
        Question.objects.exclude(kind="ordering").order_by("module__order", "category", "pk")
    )
    again = parse_gift(export_gift(questions).encode())
    assert not any(i["errors"] for i in again)
    assert len(again) == len(questions)
    for original, item in zip(questions, again, strict=True):
        assert (item["name"], item["kind"], item["source"]) == (
            original.key,
            original.kind,
            original.source,
        )
        question = Question(kind=item["kind"], data=item["data"])
        if original.kind in ("single", "multiple"):
            assert [o["correct"] for o in item["data"]["options"]] == [
                o["correct"] for o in original.data["options"]
            ]
        if original.kind == "true_false":
            assert item["data"]["answer"] == original.data["answer"]
        if original.kind == "numeric":
            right = float(original.data["answer"])
            assert grade(question, right) == 1.0
        if original.kind == "short":
            assert all(grade(question, a) == 1.0 for a in original.data["accepted"])


def test_it_reads_gift_as_moodle_documents_it():
    items = {i["name"]: i for i in parse_gift(GIFT)}
    assert not any(i["errors"] for i in items.values())
    first = items["eio-recognition-deadline"]
    assert first["category"] == "Cooperation instruments"
    assert first["source"] == "Directive 2014/41/EU, Art. 12"
    assert first["explanation"] == "<p>Article 12 of Directive 2014/41/EU sets the time limits.</p>"
    funding = items["jit-funding-items"]
    assert funding["kind"] == "multiple"
    assert [o["fraction"] for o in funding["data"]["options"]] == [0.5, 0.5, -1.0]
    q = Question(kind="multiple", data=funding["data"])
    assert grade(q, [0, 1, 2]) == 0.0 and grade(q, [0, 1]) == 1.0
    assert items["eio-ireland-denmark"]["source"] == "Directive 2014/41/EU, recitals"
    # A short answer with a 50 % alternative stays a short answer worth 50 %.
    partial = items["Europol channel (partial credit)"]
    assert partial["kind"] == "short"
    q = Question(kind="short", data=partial["data"])
    assert grade(q, "siena") == 1.0
    assert grade(q, "Secure Information Exchange Network Application") == 0.5
    # Several numerical answers with partial credit.
    share = Question(kind="numeric", data=items["Confiscated share"]["data"])
    assert [grade(share, v) for v in (0.5, 1.5, 2.8, 3.5)] == [1.0, 1.0, 0.5, 0.0]
    # {#60..66}: both ends count.
    women = Question(kind="numeric", data=items["share-of-women"]["data"])
    assert [grade(women, v) for v in (60, 66, 59.9)] == [1.0, 1.0, 0.0]
    # [markdown] rendered; [html] kept sanitised, with its link.
    assert items["Palermo elements (markdown)"]["text"] == (
        "<p>The <strong>Palermo Protocol</strong> names three elements: <em>act</em>, "
        "<em>means</em> and <em>purpose</em>. Which one is <strong>consent</strong> relevant "
        "to?</p>"
    )
    link = items["Reporting (html link)"]["text"]
    assert '<a href="https://anti-trafficking.ec.europa.eu/"' in link and "<script" not in link
    assert items["JIT life cycle (essay)"]["kind"] == "essay"
    assert items["Case introduction"]["kind"] == "description"
    assert items["Europol channel (partial credit)"]["text"] == (
        "<p>Name Europol's secure channel for exchanging information.</p>"
    )


def test_it_round_trips_gift():
    first = [i for i in parse_gift(GIFT) if not i["errors"]]
    again = parse_gift(export_gift(_questions(first)).encode())
    assert _comparable(again) == _comparable(first)


@pytest.mark.parametrize(
    "export, parse", [(export_gift, parse_gift), (export_moodle_xml, parse_moodle_xml)]
)
def test_a_source_with_an_ampersand_comes_back_as_it_went(export, parse):
    """A EUR-Lex address with a query string and "A & B" in a title: the general feedback
    carries them as HTML ("&amp;"), the source field gets them back as text."""
    source = (
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036&qid=1; "
        "Europol & Eurojust, joint report (2023)"
    )
    question = Question(
        module=None,
        key="q1",
        name="Ampersand",
        kind="true_false",
        category="c",
        text="<p>Consent is irrelevant once a means is used.</p>",
        data={"answer": True, "feedback": {"true": "Right.", "false": "See Art. 2(4)."}},
        explanation="<p>Art. 2(4) of the Directive.</p>",
        source=source,
    )
    (item,) = parse(export([question]).encode())
    assert not item["errors"]
    assert item["source"] == source
    assert item["explanation"] == "<p>Art. 2(4) of the Directive.</p>"


BROKEN_GIFT = b"""// A bank with one syntax error
::First::Which instrument lets two states investigate together?{=JIT ~EIO}

::Unclosed question::Which channel does Europol use?{
  =SIENA
  ~e-mail

::Third::Consent is irrelevant once a means is used.{TRUE}
"""


def test_a_gift_syntax_error_stops_the_whole_file_naming_question_and_line(client_of, manager):
    with pytest.raises(InterchangeError) as error:
        parse_gift(BROKEN_GIFT)
    assert "Unclosed question" in str(error.value) and "line 4" in str(error.value)
    module = Module.objects.create(slug="m", title="M", level="public")
    r = client_of(manager).post(
        f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("bank.gift", BROKEN_GIFT)}
    )
    assert r.status_code == 400
    assert "Unclosed question" in r.content.decode() and "line 4" in r.content.decode()
    assert not module.questions.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not xml at all", "not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR garbage", "not well-formed XML"),
        (b"<root/>", "no <quiz> element"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><quiz>&a;</quiz>', "DOCTYPE"),
        (
            b'<?xml version="1.0"?><!DOCTYPE quiz SYSTEM "http://example.org/x.dtd"><quiz/>',
            "DOCTYPE",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;">]><quiz>&lol2;</quiz>',
            "DOCTYPE",
        ),
        (b"<quiz></quiz>", "contains no questions"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_it_refuses_broken_xml(content, message):
    with pytest.raises(InterchangeError, match=message):
        parse_moodle_xml(content)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00broken", "must be UTF-8"),
        (b"// only a comment\n\n", "contains no questions"),
        (b"x" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_it_refuses_broken_gift(content, message):
    with pytest.raises(InterchangeError, match=message):
        parse_gift(content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bank.xml", b"\x00\x01\x02binary\xff" * 50, "not well-formed XML"),
        ("bank.xml", b"<html><body>Not a bank</body></html>", "no &lt;quiz&gt; element"),
        (
            "bank.xml",
            b'<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>',
            "DOCTYPE",
        ),
        ("bank.gift", b"\x00\x01\x02", "not a text file"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_store_nothing(
    client_of, manager, name, content, message
):
    module = Module.objects.create(slug="m", title="M", level="public")
    r = client_of(manager).post(
        f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile(name, content)}
    )
    assert r.status_code == 400 and message in r.content.decode()
    assert not module.questions.exists()


def test_a_50_mb_file_is_refused_before_parsing_with_the_limit(client_of, manager, monkeypatch):
    module = Module.objects.create(slug="m", title="M", level="public")

    def never(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr("crossborder.learning.interchange.parse_moodle_xml", never)
    big = SimpleUploadedFile("bank.xml", b"<quiz>" + b" " * (12 * 1024 * 1024) + b"</quiz>")
    r = client_of(manager).post(f"/learn/{module.slug}/import/", {"file": big})
    assert r.status_code == 400
    assert "larger than 10 MB" in r.content.decode()
    # 50 MB is over the largest request of all (40 MB): refused before the body is read
    huge = SimpleUploadedFile("bank.xml", b"<quiz>" + b" " * (50 * 1024 * 1024) + b"</quiz>")
    r = client_of(manager).post(f"/learn/{module.slug}/import/", {"file": huge})
    assert r.status_code == 413 and "The upload is too large" in r.content.decode()
    assert not module.questions.exists()


def test_it_imports_gift_through_the_page(client_of, manager, participant):
    load_modules()
    module = Module.objects.get(slug="intelligence-led-eu-cooperation")
    before = module.questions.count()
    c = client_of(manager)
    r = c.post(f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("bank.gift", GIFT)})
    assert r.status_code == 200 and r.context["valid"] == 14
    c.post(f"/learn/{module.slug}/import/", {"confirm": "1", "token": r.context["token"]})
    assert module.questions.count() == before + 14
    stored = module.questions.get(name="Europol channel (partial credit)")
    assert stored.kind == "short" and stored.key == "europol-channel-partial-credit"
    answer = clean_response(stored, "Secure Information Exchange Network Application")
    assert grade(stored, answer) == 0.5
    assert client_of(participant).get(f"/learn/{module.slug}/import/").status_code == 403


def test_it_exports_both_formats_through_the_page(client_of, manager):
    load_modules()
    module = Module.objects.get(slug="intelligence-led-eu-cooperation")
    c = client_of(manager)
    text = c.get(f"/learn/{module.slug}/questions.gift").content.decode()
    assert text.startswith("$CATEGORY:")
    assert text.count("::") // 2 >= module.questions.exclude(kind="ordering").count()
    xml = c.get(f"/learn/{module.slug}/questions.xml")
    assert len(parse_moodle_xml(xml.content)) == module.questions.count()
