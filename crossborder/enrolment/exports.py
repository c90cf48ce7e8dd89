"""Participant lists as CSV and XLSX, safe to open in a spreadsheet."""

import csv
import io

from django.utils.translation import gettext as _

# A cell that starts with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Neutralise CSV/formula injection: prefix a quote to anything a spreadsheet would run."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def participant_rows(applications) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Family name"), _("Given name"), _("Email"), _("Profession"), _("Country"),
        _("Organisation"), _("Status"), _("Checked in"), _("Badge code"),
    ]  # fmt: skip
    rows = [
        [
            safe_cell(a.user.last_name),
            safe_cell(a.user.first_name),
            safe_cell(a.user.email),
            safe_cell(a.get_profession_display()),
            safe_cell(a.country),
            safe_cell(a.organisation),
            safe_cell(a.get_status_display()),
            a.checked_in_at.strftime("%Y-%m-%d %H:%M") if a.checked_in_at else "",
            a.badge_code,
        ]
        for a in applications
    ]
    return header, rows


def as_csv(applications) -> bytes:
    header, rows = participant_rows(applications)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 correctly


def as_xlsx(applications, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = participant_rows(applications)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, never a formula
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
