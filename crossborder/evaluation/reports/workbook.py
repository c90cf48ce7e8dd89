"""The funder report's XLSX workbook: a summary sheet, one sheet per indicator table (with its
chart as a picture beside it) and the anonymised raw data.

Written as crossborder/spreadsheets.py writes every spreadsheet: each value through safe_cell
(text that would start a formula is quoted), text cells stored as text, a bold header row and
columns as wide as their content.
"""

import io

from django.utils.translation import gettext as _

from crossborder.spreadsheets import safe_cell

from .tables import Kind

FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_title(text: str, used: set) -> str:
    base = str(text).translate(FORBIDDEN).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base[:28]} {n}", n + 1
    used.add(title.lower())
    return title


def _append(sheet, values, *, bold=False):
    from openpyxl.styles import Font

    sheet.append([safe_cell(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula
        if bold:
            cell.font = Font(bold=True)


def _fit_columns(sheet):
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)


def workbook(indicators, *, charts: dict, raw: list[dict], left_out: int, filters: list) -> bytes:
    """The workbook as bytes. `charts`: {(section key, table key): [PNG bytes]}."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image

    book = Workbook()
    summary = book.active
    used = set()
    summary.title = _sheet_title(_("Summary"), used)
    _append(summary, [_("Funder report"), indicators.scope.programme.title_local], bold=True)
    for label, value in filters:
        _append(summary, [label, value])
    _append(summary, [])
    _append(
        summary,
        [
            _(
                "Groups of fewer than 5 people are shown as “< 5”; figures derived from them "
                "are left empty."
            )
        ],
    )
    _append(summary, [])
    _append(summary, [_("Indicator"), _("Value"), _("Target")], bold=True)
    for section in indicators.sections:
        for stat in section.stats:
            value = stat.value
            _append(summary, [f"{section.title}: {stat.label}", value, stat.target])
    _fit_columns(summary)

    for section in indicators.sections:
        for table in section.tables:
            sheet = book.create_sheet(_sheet_title(table.sheet or table.caption, used))
            _append(sheet, [table.caption], bold=True)
            _append(sheet, [str(c.label) for c in table.columns], bold=True)
            for row in table.rows:
                _append(sheet, [row.get(c.key) for c in table.columns])
            for cell_row in sheet.iter_rows(min_row=3):
                for cell, column in zip(cell_row, table.columns, strict=False):
                    if column.kind == Kind.PERCENT and isinstance(cell.value, int | float):
                        cell.number_format = "0.0"
                    elif column.kind == Kind.INDEX and isinstance(cell.value, int | float):
                        cell.number_format = "0.00"
            if table.note:
                _append(sheet, [])
                _append(sheet, [table.note])
            _fit_columns(sheet)
            anchor_column = len(table.columns) + 2
            top = 1
            for picture in charts.get((section.key, table.key), []):
                image = Image(io.BytesIO(picture))
                image.width, image.height = image.width / 2, image.height / 2  # drawn at 2x
                letter = sheet.cell(row=1, column=anchor_column).column_letter
                sheet.add_image(image, f"{letter}{top}")
                top += int(image.height / 20) + 2

    raw_sheet = book.create_sheet(_sheet_title(_("Anonymised data"), used))
    _append(
        raw_sheet,
        [_("Seminar"), _("Profession"), _("Country"), _("Gender"), _("Sessions attended")],
        bold=True,
    )
    for r in raw:
        _append(
            raw_sheet, [r["seminar"], r["profession"], r["country"], r["gender"], r["sessions"]]
        )
    _append(raw_sheet, [])
    _append(
        raw_sheet,
        [
            _(
                "One row per attendance. Every combination of seminar, profession, country and "
                "gender is shared by at least 5 rows: in smaller groups gender, then country, "
                "then profession are not shown."
            )
        ],
    )
    if left_out:
        _append(
            raw_sheet,
            [
                _("%(n)d rows of seminars with fewer than 5 attendees are left out.")
                % {"n": left_out}
            ],
        )
    _fit_columns(raw_sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
