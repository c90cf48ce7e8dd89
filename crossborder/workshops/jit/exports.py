"""A JIT draft for reading and printing: every section with its answers (or "not filled in"),
as DOCX (python-docx) and PDF (WeasyPrint, imported only when a PDF is asked for)."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import schema


def _cell(f: schema.Field, raw) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    return schema.choice_label(f, text) if f.kind == "choice" and text else text


def section_view(s: schema.Section, content: dict, comments=()) -> dict:
    """A section's answers as labelled text: fields, table columns and rows."""
    fields = [
        {"label": f.label, "value": _cell(f, schema.value(content, s.key, f.key))} for f in s.fields
    ]
    rows = []
    if s.rows:
        rows = [
            [_cell(c, r.get(c.key)) for c in s.rows.columns] for r in schema.rows(content, s.key)
        ]
    return {
        "section": s,
        "key": s.key,
        "title": s.title,
        "fields": fields,
        "columns": [c.label for c in s.rows.columns] if s.rows else [],
        "has_rows": s.rows is not None,
        "rows": rows,
        "filled": any(f["value"] for f in fields) or bool(rows),
        "comments": list(comments),
    }


def filename(run, group) -> str:
    return f"jit-{slugify(run.workshop.seminar.slug)}-group-{group.number}"


def _title(run, group) -> str:
    return _("JIT agreement – %(group)s") % {"group": group}


def agreement_docx(*, run, group, content: dict, results) -> bytes:
    """The draft as a Word document: a heading per section, tables for rows, the checklist."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.add_heading(_title(run, group), 0)
    doc.add_paragraph(
        f"{run.exercise.title_local} · {run.workshop.seminar.title_local} · "
        + _("exported %(when)s") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    )
    empty = _("not filled in")
    for part, part_title in schema.PARTS:
        doc.add_heading(str(part_title), 1)
        for s in schema.sections_of(part):
            view = section_view(s, content)
            doc.add_heading(str(s.title), 2)
            for f in view["fields"]:
                p = doc.add_paragraph()
                p.add_run(f"{f['label']}: ").bold = True
                if f["value"]:
                    p.add_run(f["value"])
                else:
                    p.add_run(str(empty)).italic = True
            if view["has_rows"]:
                if not view["rows"]:
                    doc.add_paragraph().add_run(str(empty)).italic = True
                    continue
                table = doc.add_table(rows=1, cols=len(view["columns"]))
                table.style = "Table Grid"
                for cell, label in zip(table.rows[0].cells, view["columns"], strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(str(label)).bold = True
                for row in view["rows"]:
                    for cell, text in zip(table.add_row().cells, row, strict=True):
                        cell.text = text
    doc.add_heading(_("Checklist"), 1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, label in zip(
        table.rows[0].cells, (_("Item"), _("Section"), _("Result")), strict=True
    ):
        cell.paragraphs[0].add_run(label).bold = True
    for r in results:
        cells = table.add_row().cells
        cells[0].text = r.text
        cells[1].text = r.section_title
        cells[2].text = result_label(r)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def result_label(r) -> str:
    label = {"met": _("met"), "missing": _("missing"), "not_applicable": _("not applicable")}[
        r.status
    ]
    return f"{label} – {r.detail}" if r.detail else str(label)


def agreement_pdf(request, *, run, group, draft, parts, results) -> bytes:
    html = render_to_string(
        "workshops/jit/export_pdf.html",
        {
            "run": run,
            "group": group,
            "draft": draft,
            "title": _title(run, group),
            "parts": parts,
            "results": [(r, result_label(r)) for r in results],
            "now": timezone.now(),
        },
        request=request,
    )
    from weasyprint import HTML  # 2 s import: only when a PDF is asked for

    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
