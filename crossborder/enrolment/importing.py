"""Bulk import of applicants from the spreadsheets institutions send (CSV or XLSX).

Nothing is written until the manager confirms the preview. Re-importing the same file adds
nothing twice: people are matched by email, applications by person and call.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from crossborder.accounts.models import Gender, Profession, Profile, User
from crossborder.audit.models import record

from .models import Application

MAX_ROWS = 5000
# Accepted column headings (lower case) for each field, in English, French and German.
COLUMNS = {
    "email": {"email", "e-mail", "courriel", "mail", "adresse e-mail", "e-mail-adresse"},
    "first_name": {"first name", "given name", "first_name", "prénom", "prenom", "vorname"},
    "last_name": {"last name", "family name", "surname", "last_name", "nom", "nachname"},
    "profession": {"profession", "beruf", "function type", "métier"},
    "country": {"country", "pays", "land", "country code"},
    "organisation": {"organisation", "organization", "institution", "organisme", "behörde"},
    "gender": {"gender", "genre", "geschlecht", "sex"},
}
ALIASES = {
    "police": "law_enforcement",
    "police officer": "law_enforcement",
    "ngo": "civil_society",
    "financial": "financial_compliance",
    "compliance": "financial_compliance",
}
REQUIRED = ("email", "first_name", "last_name", "profession", "country", "organisation")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why."""


@dataclass
class Row:
    number: int
    data: dict
    errors: list = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def _profession(value: str) -> str | None:
    value = value.strip().lower()
    for code, label in Profession.choices:
        if value in (code, str(label).lower()):
            return code
    return ALIASES.get(value)


def _country(value: str) -> str | None:
    value = value.strip()
    if len(value) == 2 and value.upper() in dict(countries):
        return value.upper()
    code = countries.by_name(value)
    return code or None


def read_table(name: str, content: bytes) -> list[list[str]]:
    """Rows of cells from an XLSX or a CSV (UTF-8, with or without BOM, ',' or ';')."""
    if name.lower().endswith(".xlsx") or content[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not a readable XLSX file.")) from error
        sheet = book.worksheets[0]
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not in UTF-8. In Excel, save it as “CSV UTF-8” or as XLSX.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [
        [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]


def parse(name: str, content: bytes, *, call) -> list[Row]:
    table = [row for row in read_table(name, content) if any(cell for cell in row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    if len(table) > MAX_ROWS + 1:
        raise ImportFileError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    header = [h.strip().lower() for h in table[0]]
    positions = {}
    for key, names in COLUMNS.items():
        for i, heading in enumerate(header):
            if heading in names:
                positions[key] = i
                break
    missing = [key for key in REQUIRED if key not in positions]
    if missing:
        raise ImportFileError(
            _("Columns missing: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    existing = set(call.applications.values_list("user__email", flat=True))
    seen = {}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        data = {
            key: cells[positions[key]].strip()
            if key in positions and positions[key] < len(cells)
            else ""
            for key in COLUMNS
        }
        row = Row(number=number, data=data)
        email = row.data["email"].lower()
        row.data["email"] = email
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(
                _("“%(value)s” is not a valid email address.") % {"value": email or "—"}
            )
        for key in ("first_name", "last_name", "organisation"):
            if not row.data[key]:
                row.errors.append(_("%(column)s is missing.") % {"column": key.replace("_", " ")})
            elif len(row.data[key]) > (200 if key == "organisation" else 80):
                row.errors.append(_("%(column)s is too long.") % {"column": key.replace("_", " ")})
        if not row.data["profession"]:
            row.errors.append(_("The profession is missing."))
        elif (code := _profession(row.data["profession"])) is None:
            row.errors.append(
                _("Unknown profession “%(value)s”.") % {"value": row.data["profession"]}
            )
        else:
            row.data["profession"] = code
        if (code := _country(row.data["country"])) is None:
            row.errors.append(
                _("Unknown country “%(value)s”.") % {"value": row.data["country"] or "—"}
            )
        else:
            row.data["country"] = code
        gender = row.data.get("gender", "").lower()
        row.data["gender"] = gender if gender in Gender.values else ""
        if email in seen:
            row.errors.append(
                _("The same person is already in row %(row)s.") % {"row": seen[email]}
            )
        seen.setdefault(email, number)
        if row.ok and email in existing:
            row.note = _("Already applied: will be left as it is.")
        rows.append(row)
    return rows


@transaction.atomic
def import_rows(*, call, rows: list[dict], by) -> dict:
    """Create people, profiles and submitted applications for the valid rows."""
    from allauth.account.models import EmailAddress

    created_people = created_applications = 0
    now = timezone.now()
    for data in rows:
        user, new_user = User.objects.get_or_create(
            email=data["email"],
            defaults={"first_name": data["first_name"], "last_name": data["last_name"]},
        )
        if new_user:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"primary": True}
            )
            created_people += 1
        profile, _created = Profile.objects.get_or_create(
            user=user,
            defaults={
                "profession": data["profession"],
                "country": data["country"],
                "organisation": data["organisation"],
                "gender": data["gender"],
            },
        )
        application, new_application = Application.objects.get_or_create(
            call=call,
            user=user,
            defaults={
                "status": Application.Status.SUBMITTED,
                "submitted_at": now,
                "imported": True,
            },
        )
        if new_application:
            application.snapshot_profile(profile, first_time=True)
            application.save()
            created_applications += 1
    counts = {"people": created_people, "applications": created_applications, "rows": len(rows)}
    record(actor=by, action="applications.import", obj=call.seminar, details=counts)
    return counts
