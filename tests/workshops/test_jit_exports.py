"""The JIT draft as DOCX and PDF: every section, filled or "not filled in", and the checklist."""

import io
import subprocess

import pytest
from docx import Document

from crossborder.workshops.jit import schema
from crossborder.workshops.models import Draft
from tests.workshops.test_jit_pages import make_jit_run, url

pytestmark = pytest.mark.django_db

CONTENT = {
    "purpose": {"description": "Trafficking for labour exploitation on farms in State C."},
    "leaders": {
        "rows": [
            {
                "state": "State A",
                "name": "Marta Kovač",
                "function": "Prosecutor",
                "authority": "PPS",
            }
        ]
    },
    "participants": {
        "rows": [
            {"body": "third_state", "name": "Country E", "role": "Accounts", "legal_basis": ""}
        ]
    },
}


@pytest.fixture
def draft(participant, trainer):
    run, groups = make_jit_run(participant=participant, trainer=trainer)
    return Draft.objects.create(run=run, group=groups[0], content=CONTENT, updated_by=participant)


def test_the_docx_opens_and_has_every_section_rows_and_the_checklist(client_of, participant, draft):
    r = client_of(participant).get(url(draft.run, 1, "agreement.docx"))
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="jit-jit-vienna-group-1.docx"'
    doc = Document(io.BytesIO(r.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for s in schema.SECTIONS:
        assert str(s.title) in headings
    assert {"JIT agreement", "Operational action plan", "Checklist"} <= set(headings)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Trafficking for labour exploitation on farms in State C." in text
    assert "not filled in" in text  # empty sections say so
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Marta Kovač" in cells and "Third State" in cells  # a choice shows its label
    assert any(c.startswith("missing – No legal basis noted for: Country E.") for c in cells)


def test_the_pdf_renders_every_section(client_of, trainer, draft, tmp_path):
    r = client_of(trainer).get(url(draft.run, 1, "agreement.pdf"))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pdf = tmp_path / "jit.pdf"
    pdf.write_bytes(r.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for s in schema.SECTIONS:
        assert " ".join(str(s.title).split()) in flat, s.title
    assert "Marta Kovač" in flat and "not filled in" in flat
    assert "No legal basis noted for: Country E." in flat


def test_a_draft_not_started_still_exports_every_section(client_of, participant, trainer):
    run, _groups = make_jit_run(participant=participant, trainer=trainer)
    r = client_of(participant).get(url(run, 1, "agreement.docx"))
    doc = Document(io.BytesIO(r.content))
    headings = {p.text for p in doc.paragraphs}
    assert all(str(s.title) in headings for s in schema.SECTIONS)
    assert not Draft.objects.exists()


def test_the_exports_are_translated(client_of, participant, draft):
    client = client_of(participant)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    r = client.get(url(draft.run, 1, "agreement.docx"))
    headings = {p.text for p in Document(io.BytesIO(r.content)).paragraphs}
    assert {"Accord ECE", "Plan d'action opérationnel", "Parties à l'accord"} <= headings
    assert "Évaluation" in headings
