"""Moodle XML and GIFT in and out. A Moodle export imported and exported again gives the same
questions."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.learning.content import load_modules
from crossborder.learning.interchange import (
    InterchangeError,
    export_gift,
    export_moodle_xml,
    parse_gift,
    parse_moodle_xml,
)
from crossborder.learning.models import Module, Question

pytestmark = pytest.mark.django_db
FIXTURE = (Path(__file__).parent / "fixtures" / "moodle_export.xml").read_bytes()


def _comparable(items):
    return [
        {k: item[k] for k in ("key", "kind", "category", "text", "data", "explanation", "source")}
        for item in items
        if not item["errors"]
    ]


def test_it_reads_every_supported_type_from_a_moodle_export():
    items = parse_moodle_xml(FIXTURE)
    kinds = {i["key"]: i["kind"] for i in items}
    assert kinds == {
        "eio-recognition-deadline": "single",
        "jit-funding-items": "multiple",
        "eio-ireland-denmark": "true_false",
        "instruments-and-deadlines": "matching",
        "jit-life-cycle": "ordering",
        "europol-secure-channel": "short",
        "eio-execution-days": "numeric",
        "essay-not-supported": "essay",
    }
    by_key = {i["key"]: i for i in items}
    first = by_key["eio-recognition-deadline"]
    assert first["text"].startswith("Within how long must the executing authority")
    assert first["source"] == "Directive 2014/41/EU, Art. 12"
    assert first["category"] == "Cooperation instruments"
    assert [o["correct"] for o in first["data"]["options"]] == [True, False, False]
    assert (
        by_key["jit-funding-items"]["data"]["options"][1]["text"] == "Translation & interpretation"
    )
    assert by_key["eio-ireland-denmark"]["data"]["answer"] is False
    assert by_key["eio-execution-days"]["data"] == {"answer": 90.0, "tolerance": 0.0}
    assert by_key["essay-not-supported"]["errors"] == ["Question type “essay” is not supported."]


def test_it_round_trips_a_moodle_export():
    first = parse_moodle_xml(FIXTURE)
    questions = [
        Question(module=None, **{k: v for k, v in i.items() if k not in ("errors",)})
        for i in first
        if not i["errors"]
    ]
    again = parse_moodle_xml(export_moodle_xml(questions).encode())
    assert _comparable(again) == _comparable(first)


def test_it_round_trips_the_whole_curriculum_bank():
    load_modules()
    # Essays (graded by a trainer) are not written by the exporters yet.
    questions = list(
        Question.objects.exclude(kind="essay").order_by("module__order", "category", "key")
    )
    again = parse_moodle_xml(export_moodle_xml(questions).encode())
    assert not any(i["errors"] for i in again)
    assert len(again) == len(questions)
    for original, item in zip(questions, again, strict=True):
        assert (item["kind"], item["text"], item["source"]) == (
            original.kind,
            original.text,
            original.source,
        )
        if original.kind in ("single", "multiple"):
            assert [o["correct"] for o in item["data"]["options"]] == [
                o["correct"] for o in original.data["options"]
            ]
        if original.kind == "short":
            assert item["data"]["accepted"] == original.data["accepted"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not xml at all", "not well-formed XML"),
        (b"<root/>", "no <quiz> element"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><quiz/>', "DOCTYPE"),
        (b"<quiz></quiz>", "contains no questions"),
    ],
)
def test_it_refuses_broken_files(content, message):
    with pytest.raises(InterchangeError, match=message):
        parse_moodle_xml(content)


def test_it_imports_through_the_page_with_a_preview(client_of, manager, participant):
    load_modules()
    module = Module.objects.get(slug="intelligence-led-eu-cooperation")
    before = module.questions.count()
    c = client_of(manager)
    r = c.post(f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("bank.xml", FIXTURE)})
    assert r.status_code == 200
    assert "Question type “essay” is not supported." in r.content.decode()
    assert module.questions.count() == before  # nothing before confirming
    c.post(f"/learn/{module.slug}/import/", {"confirm": "1", "token": r.context["token"]})
    assert module.questions.count() == before + 7
    r = c.post(f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("bank.xml", FIXTURE)})
    assert r.context["valid"] == 0  # already there: idempotent
    broken = c.post(
        f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("bank.xml", b"<quiz>")}
    )
    assert broken.status_code == 400 and "not well-formed XML" in broken.content.decode()
    assert client_of(participant).get(f"/learn/{module.slug}/import/").status_code == 403


def test_it_exports_gift(client_of, manager):
    load_modules()
    module = Module.objects.get(slug="intelligence-led-eu-cooperation")
    r = client_of(manager).get(f"/learn/{module.slug}/questions.gift")
    text = r.content.decode()
    assert text.startswith("$CATEGORY:")
    assert text.count("::q") >= module.questions.exclude(kind="ordering").count()
    assert "####" in text
    xml = client_of(manager).get(f"/learn/{module.slug}/questions.xml")
    assert len(parse_moodle_xml(xml.content)) == module.questions.count()
    assert export_gift(module.questions.filter(kind="ordering"))  # listed as comments


GIFT = (Path(__file__).parent / "fixtures" / "moodle_export.gift").read_bytes()


def test_it_reads_every_gift_type_from_a_moodle_export():
    items = parse_gift(GIFT)
    by_key = {i["key"]: i for i in items}
    assert {k: i["kind"] for k, i in by_key.items() if not i["errors"]} == {
        "eio-recognition-deadline": "single",
        "jit-funding-items": "multiple",
        "eio-ireland-denmark": "true_false",
        "instruments-and-deadlines": "matching",
        "europol-secure-channel": "short",
        "eio-execution-days": "numeric",
        "share-of-women": "numeric",
        "what-is-1-1-escaped-braces-and-a-colon-h": "true_false",
    }
    first = by_key["eio-recognition-deadline"]
    assert (
        first["text"]
        == "Within how long must the executing authority decide on the recognition of a European Investigation Order?"
    )
    assert first["category"] == "Cooperation instruments"
    assert first["source"] == "Directive 2014/41/EU, Art. 12"
    assert first["explanation"].startswith("Article 12 of Directive 2014/41/EU")
    assert [o["correct"] for o in first["data"]["options"]] == [True, False, False]
    assert first["data"]["options"][1]["feedback"] == "No; 10 days is the e-evidence deadline."
    funding = by_key["jit-funding-items"]["data"]["options"]
    assert [o["correct"] for o in funding] == [True, True, False]
    assert funding[1]["text"] == "Translation & interpretation"
    tf = by_key["eio-ireland-denmark"]
    assert tf["data"] == {
        "answer": False,
        "feedback": {
            "false": "Right, both stay outside it.",
            "true": "Not quite: both are outside the EIO Directive.",
        },
    }
    assert tf["source"] == "Directive 2014/41/EU, recitals"
    assert by_key["instruments-and-deadlines"]["data"]["pairs"][0] == {
        "left": "European Arrest Warrant (decision)",
        "right": "60 days",
    }
    assert by_key["europol-secure-channel"]["data"]["accepted"] == [
        "SIENA",
        "Secure Information Exchange Network Application",
    ]
    assert by_key["eio-execution-days"]["data"] == {"answer": 90.0, "tolerance": 0.0}
    assert by_key["share-of-women"]["data"] == {"answer": 63.0, "tolerance": 3.0}
    assert (
        by_key["what-is-1-1-escaped-braces-and-a-colon-h"]["text"]
        == "What is 1 = 1? {escaped braces} and a colon: here"
    )
    assert by_key["essay-not-supported"]["errors"] == [
        "The answer block is empty (essay and description questions are not supported)."
    ]
    assert by_key["description-only"]["errors"] == ["No answer block { … } was found."]


def test_it_round_trips_gift():
    first = [i for i in parse_gift(GIFT) if not i["errors"]]
    questions = [
        Question(module=None, **{k: v for k, v in i.items() if k != "errors"}) for i in first
    ]
    again = parse_gift(export_gift(questions).encode())
    assert _comparable(again) == _comparable(first)


def test_the_curriculum_bank_round_trips_through_gift():
    load_modules()
    questions = list(
        Question.objects.exclude(kind__in=["ordering", "essay"]).order_by(
            "module__order", "category", "key"
        )
    )
    again = parse_gift(export_gift(questions).encode())
    assert not any(i["errors"] for i in again)
    assert len(again) == len(questions)
    for original, item in zip(questions, again, strict=True):
        assert (item["key"], item["kind"], item["source"]) == (
            original.key,
            original.kind,
            original.source,
        )
        assert item["text"] == " ".join(original.text.split())
        if original.kind in ("single", "multiple"):
            assert [o["correct"] for o in item["data"]["options"]] == [
                o["correct"] for o in original.data["options"]
            ]
        if original.kind == "true_false":
            assert item["data"]["answer"] == original.data["answer"]
        if original.kind == "numeric":
            assert item["data"] == {
                "answer": float(original.data["answer"]),
                "tolerance": float(original.data.get("tolerance", 0)),
            }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00broken", "must be UTF-8"),
        (b"// only a comment\n\n", "contains no questions"),
        (b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_it_refuses_broken_gift_files(content, message):
    with pytest.raises(InterchangeError, match=message):
        parse_gift(content)


def test_it_imports_gift_through_the_page(client_of, manager):
    load_modules()
    module = Module.objects.get(slug="intelligence-led-eu-cooperation")
    before = module.questions.count()
    c = client_of(manager)
    r = c.post(f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("bank.gift", GIFT)})
    assert r.status_code == 200 and r.context["valid"] == 8
    assert "No answer block { … } was found." in r.content.decode()
    c.post(f"/learn/{module.slug}/import/", {"confirm": "1", "token": r.context["token"]})
    assert module.questions.count() == before + 8
    assert module.questions.get(key="share-of-women").data == {"answer": 63.0, "tolerance": 3.0}
