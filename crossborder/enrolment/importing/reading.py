"""Reading a nominee list into (line number, cells), as the file's own lines number them.

CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or Windows
Western European (cp1252, Excel's "CSV" on a German or French PC) when nothing in the text
suggests another code page; separator ";", "," or tab. A quoted field may span lines: a row
is numbered by the line it starts on. XLSX: the sheet's row numbers, after checking that the
zip would not unpack to more than we are willing to read.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

# An XLSX whose parts unpack to more than this is refused before openpyxl opens it.
MAX_UNPACKED = 50 * 1024 * 1024
MAX_PARTS = 1000
# What cp1252 decodes from bytes that, in a Central European file (cp1250), were letters:
# ³ ¹ ¥ ¼ ¾ ¿ stand for ł ą Ą Ľ ľ ż. Seeing one means the file is not Western European.
NOT_WESTERN = set("³¹¥¼¾¿¦©®¤¬±²µ¶×÷")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Table:
    rows: list[tuple[int, list]]  # (line or sheet row, cells)
    kind: str  # "csv" or "xlsx"
    notices: list[str] = field(default_factory=list)  # about the whole file


def read_table(name: str, content: bytes) -> Table:
    if name.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _read_xlsx(content)
    text, notices = _decode(content)
    if "\x00" in text:  # past the first 4 KB, or in UTF-16: no name has one, PostgreSQL refuses it
        raise ImportFileError(
            _(
                "The file contains a NUL character, which no text has. In Excel, save it as "
                "“CSV UTF-8” or as XLSX."
            )
        )
    return Table(rows=_read_csv(text), kind="csv", notices=notices)


def _decode(content: bytes) -> tuple[str, list[str]]:
    if content[:3] == b"\xef\xbb\xbf":
        return _strict(content[3:], "utf-8"), []
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _strict(content, "utf-16"), []
    if b"\x00" in content[:4096]:
        raise ImportFileError(
            _(
                "The file looks like UTF-16 without a byte-order mark, which cannot be read "
                "safely. In Excel, save it as “CSV UTF-8” or as XLSX."
            )
        )
    try:
        return content.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if not text or NOT_WESTERN & set(text) or any("\x80" <= c <= "\x9f" for c in text):
        raise ImportFileError(
            _(
                "The file is not in UTF-8 and its characters do not read as Western European "
                "(Windows-1252) either. In Excel, save it as “CSV UTF-8” or as XLSX."
            )
        )
    return text, [
        _(
            "The file is not in UTF-8; it was read as Western European (Windows-1252), as "
            "Excel saves “CSV” on a German or French computer. Check the accents below."
        )
    ]


def _strict(content: bytes, encoding: str) -> str:
    try:
        return content.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is damaged: it starts like %(encoding)s but is not.")
            % {"encoding": encoding.upper()}
        ) from error


def _read_csv(text: str) -> list[tuple[int, list]]:
    # The separator used most in the first lines (a title line above the header has none).
    sample = "\n".join(text.lstrip().splitlines()[:5])
    delimiter = max((";", ",", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            _("Line %(line)s cannot be read: %(problem)s.") % {"line": line, "problem": error}
        ) from error
    return rows


def _read_xlsx(content: bytes) -> Table:
    not_xlsx = _("This is not a readable XLSX file.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(not_xlsx) from error
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
        raise ImportFileError(
            _(
                "This XLSX file would unpack to %(size)s MB, more than the %(limit)s MB we "
                "read. Save the list without other sheets, images or formatting."
            )
            % {"size": unpacked // (1024 * 1024), "limit": MAX_UNPACKED // (1024 * 1024)}
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [
            (number, [_cell(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
        book.close()
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(not_xlsx) from error
    return Table(rows=rows, kind="xlsx")


def _cell(value):
    """Text for the cell, except Excel booleans and whole numbers that yes/no reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value == datetime(*value.timetuple()[:3]) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, int) else str(value).strip()
