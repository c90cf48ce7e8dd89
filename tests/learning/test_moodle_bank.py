"""A Moodle 4.x question-bank export (tests/learning/fixtures/moodle4_thb_bank.xml, written the
way Moodle's exporter writes it) imported through the page: the preview, the stored values and
the images, question by question; then export → re-import loses nothing."""

import base64
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.learning.content import load_modules
from crossborder.learning.interchange import export_moodle_xml, parse_moodle_xml
from crossborder.learning.models import Module, Question

pytestmark = pytest.mark.django_db
FIXTURE = (Path(__file__).parent / "fixtures" / "moodle4_thb_bank.xml").read_bytes()
LEGAL = "Default for THB/Element A/Legal framework"
FINANCIAL = "Default for THB/Element B/Financial investigations"


def _embedded(name: str) -> bytes:
    """The bytes of a file embedded in the fixture (as Moodle wrote them)."""
    text = FIXTURE.decode()
    match = re.search(
        rf'<file name="{re.escape(name)}" path="/" encoding="base64">([^<]+)</file>', text
    )
    return base64.b64decode(match.group(1))


@pytest.fixture
def module():
    return Module.objects.create(slug="thb-legal", title="THB legal framework", level="public")


def _import(client, module, content=FIXTURE, name="bank.xml"):
    r = client.post(f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile(name, content)})
    assert r.status_code == 200, r.content.decode()[:500]
    return r


def _confirm(client, module, preview):
    return client.post(
        f"/learn/{module.slug}/import/", {"confirm": "1", "token": preview.context["token"]}
    )


def test_the_preview_shows_each_question_before_anything_is_stored(client_of, manager, module):
    r = _import(client_of(manager), module)
    page = r.content.decode()
    rows = {i["name"]: i for i in r.context["items"]}
    assert list(rows) == [
        "Définition de la traite — Art. 2 (l’acte)",
        "Indicators of forced labour (choose all)",
        "Consent of the victim is irrelevant",
        "Europol secure channel (acronym)",
        "Distance border crossing to site",
        "Non-punishment principle in your jurisdiction",
        "Case file 7 — introduction",
        "The three elements (select missing words)",
        "Financial intelligence flow (drag and drop)",
        "Instruments and their purpose (old version)",
        "Share of criminal proceeds confiscated",
        "Laundered amount (calculated)",
    ]
    assert {n: i["kind"] for n, i in rows.items()} == {
        "Définition de la traite — Art. 2 (l’acte)": "single",
        "Indicators of forced labour (choose all)": "multiple",
        "Consent of the victim is irrelevant": "true_false",
        "Europol secure channel (acronym)": "short",
        "Distance border crossing to site": "numeric",
        "Non-punishment principle in your jurisdiction": "essay",
        "Case file 7 — introduction": "description",
        "The three elements (select missing words)": "gapselect",
        "Financial intelligence flow (drag and drop)": "gapselect",
        "Instruments and their purpose (old version)": "matching",
        "Share of criminal proceeds confiscated": "numeric",
        "Laundered amount (calculated)": "calculatedsimple",
    }
    assert rows["Laundered amount (calculated)"]["errors"] == [
        "Question type “calculatedsimple” is not supported."
    ]
    assert r.context["valid"] == 11
    assert "Définition de la traite — Art. 2 (l’acte)" in page
    assert "Default for THB/Element A/Legal framework" in page
    assert "Hidden from learners" in page and "1 image" in page and "2 hints" in page
    assert "THB-A-001" in page and "Élément A" in page
    # Paragraphs become spaces in the one-line preview: sentences never run together.
    assert "Choose all that apply. Read each option carefully." in page
    assert not Question.objects.filter(module=module).exists()
    assert not default_storage.exists("questions")


def test_it_stores_every_field_the_question_says(client_of, manager, module):
    c = client_of(manager)
    _confirm(c, module, _import(c, module))
    stored = {q.idnumber: q for q in module.questions.all()}
    assert len(stored) == 11
    first = stored["THB-A-001"]
    assert first.name == "Définition de la traite — Art. 2 (l’acte)"
    assert first.category == LEGAL and first.category_levels == [
        "Default for THB",
        "Element A",
        "Legal framework",
    ]
    assert first.labels == ["act", "Élément A"]
    assert first.penalty == pytest.approx(0.3333333)
    assert first.source == "Directive 2011/36/EU, Art. 2"
    assert first.explanation == (
        "<p>Article 2(1) lists recruitment, transportation, transfer, harbouring or reception "
        "of persons.</p>"
    )
    assert first.hints == [
        {
            "text": "<p>Think of what is done <em>to the person</em>.</p>",
            "shownumcorrect": False,
            "clearwrong": False,
        },
        {
            "text": "<p>Recruitment, transport, transfer, harbouring, reception.</p>",
            "shownumcorrect": True,
            "clearwrong": True,
        },
    ]
    assert first.feedback == {
        "correct": "<p>Your answer is correct.</p>",
        "partial": "<p>Your answer is partially correct.</p>",
        "incorrect": "<p>Your answer is incorrect.</p>",
        "shownumcorrect": True,
    }
    assert first.data["options"][1]["feedback"] == "<p>No: that is a <em>means</em>.</p>"
    # The image: stored through the storage API, byte for byte, the placeholder replaced.
    [image] = first.files
    assert image["name"] == "Europol chart.png"
    with default_storage.open(image["storage"], "rb") as f:
        assert f.read() == _embedded("Europol%20chart.png")
    url = default_storage.url(image["storage"])
    assert f'<img src="{url}" alt="Europol chart of the three elements"' in first.text
    assert "@@PLUGINFILE@@" not in first.text
    # Scripts and handlers are gone, the paragraphs stay.
    labour = stored["THB-A-002"]
    assert labour.text == (
        "<p>Which of these are ILO indicators of forced labour? Choose all that apply.</p>"
        "<p>Read each option carefully.</p>"
    )
    assert [o["fraction"] for o in labour.data["options"]] == pytest.approx(
        [0.3333333, 0.3333333, 0.3333333, -1.0]
    )
    assert stored["THB-A-003"].penalty == 1.0
    assert stored["THB-A-004"].data["usecase"] is True
    distance = stored["THB-A-005"].data
    assert distance["units"] == [
        {"unit": "km", "multiplier": 1.0},
        {"unit": "m", "multiplier": 1000.0},
    ]
    assert (distance["unitgradingtype"], distance["unitpenalty"], distance["showunits"]) == (
        1,
        0.1,
        0,
    )
    assert [a["answer"] for a in distance["answers"]] == [90.0, 85.0, "*"]
    assert stored["THB-A-006"].kind == "essay" and stored["THB-A-006"].data == {
        "grader_info": "<p>Look for: the <strong>compulsion</strong> link, the discretion of "
        "prosecutors, and an example.</p>",
        "response_template": "In my jurisdiction…",
        "rubric": [],
        "min_words": 150,
        "max_words": 400,
    }
    intro = stored["THB-A-007"]
    assert intro.kind == "description" and intro.files[0]["name"] == "case 7 map.png"
    with default_storage.open(intro.files[0]["storage"], "rb") as f:
        assert f.read() == _embedded("case 7 map.png")
    gaps = stored["THB-A-008"]
    assert gaps.data["gaps"] == [0, 1, 2] and gaps.data["choices"][3] == {
        "text": "consent",
        "group": 1,
    }
    assert stored["THB-B-001"].category == FINANCIAL
    assert [c["group"] for c in stored["THB-B-001"].data["choices"]] == [1, 2, 3, 2]
    hidden = stored["THB-B-002"]
    assert hidden.hidden is True
    assert hidden.data["distractors"] == ["surrender of a suspect"]
    assert hidden.data["pairs"][0] == {
        "left": "<p>JIT</p>",
        "right": "joint investigation across borders",
    }


def test_images_are_served_at_their_url(client_of, manager, module, settings):
    c = client_of(manager)
    _confirm(c, module, _import(c, module))
    image = module.questions.get(idnumber="THB-A-001").files[0]
    url = default_storage.url(image["storage"])
    assert url == settings.MEDIA_URL + image["storage"]
    stored = Path(settings.MEDIA_ROOT) / image["storage"]
    assert stored.read_bytes() == _embedded("Europol%20chart.png")
    r = c.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert b"".join(r.streaming_content) == _embedded("Europol%20chart.png")


def test_a_second_import_reports_each_question_as_already_present(client_of, manager, module):
    c = client_of(manager)
    _confirm(c, module, _import(c, module))
    again = _import(c, module)
    assert again.context["valid"] == 0
    notes = [i.get("note") for i in again.context["items"] if not i["errors"]]
    assert notes == ["Already in the bank: left as it is."] * 11
    # A renamed question with the same idnumber is the same question.
    renamed = FIXTURE.replace(b"Consent of the victim is irrelevant", b"Consent: irrelevant?")
    r = _import(c, module, renamed)
    row = next(i for i in r.context["items"] if i["idnumber"] == "THB-A-003")
    assert row["note"] == "Already in the bank: left as it is."
    assert module.questions.count() == 11


def test_export_then_import_is_lossless(client_of, manager, module):
    c = client_of(manager)
    _confirm(c, module, _import(c, module))
    exported = c.get(f"/learn/{module.slug}/questions.xml").content
    again = list(parse_moodle_xml(exported))
    assert not any(i["errors"] for i in again)
    originals = list(module.questions.order_by("category", "pk"))
    assert len(again) == len(originals)
    fields = (
        "name",
        "idnumber",
        "kind",
        "category",
        "data",
        "explanation",
        "source",
        "hidden",
        "penalty",
        "labels",
        "hints",
        "feedback",
    )
    for original, item in zip(originals, again, strict=True):
        assert {f: item[f] for f in fields} == {f: getattr(original, f) for f in fields}
        for file in item["files"]:
            stored = next(f for f in original.files if f["name"] == file["name"])
            with default_storage.open(stored["storage"], "rb") as f:
                assert base64.b64decode(file["content"]) == f.read()
        assert len(item["files"]) == len(original.files)
    # Into another module: the same texts once the images are stored again.
    other = Module.objects.create(slug="other", title="Other", level="public")
    _confirm(c, other, _import(c, other, exported))
    for original in originals:
        copy = other.questions.get(idnumber=original.idnumber)
        assert copy.text == original.text  # same content, same stored file, same URL
    # And the platform's own export re-imports into the same module without a duplicate.
    assert _import(c, module, exported).context["valid"] == 0


def test_the_shipped_curriculum_still_loads_and_round_trips():
    counts = load_modules()
    assert counts["modules"] == 12
    questions = list(Question.objects.order_by("module__order", "category", "pk"))
    again = parse_moodle_xml(export_moodle_xml(questions).encode())
    assert not any(i["errors"] for i in again) and len(again) == len(questions)
    for original, item in zip(questions, again, strict=True):
        assert (item["name"], item["kind"], item["source"]) == (
            original.key,
            original.kind,
            original.source,
        )
        assert item["text"] == f"<p>{original.text.strip()}</p>" or original.text in item["text"]
