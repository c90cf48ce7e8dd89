"""From the file's rows to the preview: every value as it will be stored, beside the original,
with errors (row left out), warnings (imported, but look) and duplicates (with a choice).

Identity: a person is an email address and a name. Two names at one address (a shared
mailbox such as office@…) are two applicants; the second gets its own account at a
sub-address of the same mailbox (office+given.family@…), which mail servers deliver to the
box itself.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from crossborder.accounts.models import EU27, Gender, Profession, User

from ..models import Application
from . import normalise
from .reading import ImportFileError, read_table

MAX_ROWS = 5000
HEADER_SEARCH = 10  # rows in which to look for the column names
REQUIRED = ("email", "first_name", "last_name", "profession", "country", "organisation")
LABELS = {
    "email": gettext_lazy("Email"),
    "first_name": gettext_lazy("Given name"),
    "last_name": gettext_lazy("Family name"),
    "profession": gettext_lazy("Profession"),
    "country": gettext_lazy("Country"),
    "organisation": gettext_lazy("Organisation"),
    "gender": gettext_lazy("Gender"),
    "first_time": gettext_lazy("First time"),
}
LIMITS = {"email": 254, "first_name": 80, "last_name": 80, "organisation": 200}
# What an application keeps of the person (compared to find conflicting duplicates).
FACTS = ("profession", "country", "organisation", "gender", "first_time")


@dataclass
class Row:
    line: int
    original: dict
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    duplicate: str = ""  # why this row repeats someone
    skip: bool = False  # a duplicate with nothing new: stored once already
    conflicts: list = field(default_factory=list)  # (label, kept value, this row's value)
    conflict_with: str = ""  # "file" (an earlier line) or "existing" (the application)
    account: str = ""  # the sign-in address the person has or will get

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def kept(self) -> bool:
        return self.ok and not self.skip

    @property
    def unmapped_profession(self) -> bool:
        return self.ok and not self.values.get("profession")

    def cells(self) -> list[tuple[str, str, str]]:
        """(column, stored value as shown, the file's wording where it differs)."""
        result = []
        for name in LABELS:
            shown = display(name, self.values.get(name))
            raw = self.original.get(name, "")
            raw_text = _raw_text(raw)
            same = raw_text in (shown, str(self.values.get(name, "")))
            result.append((name, shown, "" if same else raw_text or _("(blank)")))
        return result

    def fact_cells(self) -> list[tuple[str, str, str]]:
        """cells() without the person's address and name (shown together)."""
        return [cell for cell in self.cells() if cell[0] in FACTS]

    def as_kept(self) -> dict:
        return {
            "line": self.line,
            "account": self.account,
            "values": self.values,
            "conflict_with": self.conflict_with,
        }


def display(name: str, value) -> str:
    if value is None or value == "":
        return "—"
    if name == "profession":
        return str(Profession(value).label)
    if name == "country":
        return f"{countries.name(value)} ({value})"
    if name == "gender":
        return str(Gender(value).label) if value else "—"
    if name == "first_time":
        return _("yes") if value else _("no")
    return str(value)


def _raw_text(raw) -> str:
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    return str(raw).strip()


def person_key(email: str, first: str, last: str) -> tuple[str, str]:
    return email, normalise.key(f"{first} {last}")


def sub_address(email: str, first: str, last: str) -> str:
    local, _at, domain = email.partition("@")
    tag = re.sub(r"[^a-z0-9]+", ".", normalise.key(f"{first} {last}")).strip(".")[:40]
    return f"{local.split('+')[0]}+{tag or 'person'}@{domain}"


def _columns(header: list) -> dict[str, int]:
    headings = [normalise.key(re.sub(r"\(.*?\)", "", str(h))) for h in header]
    positions = {}
    for name, words in normalise.vocabulary()["columns"].items():
        for word in words:
            if normalise.key(word) in headings:
                positions[name] = headings.index(normalise.key(word))
                break
    return positions


def parse(name: str, content: bytes, *, call) -> tuple[list[Row], list[str]]:
    """The rows of the file as they would be imported into `call`, and notices on the file."""
    table = read_table(name, content)
    lines = [(n, cells) for n, cells in table.rows if any(str(c).strip() for c in cells)]
    if not lines:
        raise ImportFileError(_("The file is empty."))
    if len(lines) > MAX_ROWS + 1:
        raise ImportFileError(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
    # The header is the first row naming the columns: a title may stand above it.
    for index, (_line, cells) in enumerate(lines[:HEADER_SEARCH]):
        header = list(cells)
        while header and not str(header[-1]).strip():
            header = header[:-1]
        positions = _columns(header)
        if all(name in positions for name in REQUIRED):
            body = lines[index + 1 :]
            break
    else:
        header = lines[0][1]
        positions = _columns(header)
        missing = [str(LABELS[name]) for name in REQUIRED if name not in positions]
        raise ImportFileError(
            _("Columns missing: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    rows = [_read_row(n, cells, positions, len(header), table.kind) for n, cells in body]
    _identify(rows, call=call)
    return rows, table.notices


def _read_row(line: int, cells: list, positions: dict, width: int, kind: str) -> Row:
    original = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
    row = Row(line=line, original=original)
    extra = [c for c in cells[width:] if str(c).strip()]
    if kind == "csv" and (len(cells) < width or extra):
        row.errors.append(
            _("This line has %(found)s fields; the header has %(expected)s.")
            % {"found": len(cells) if len(cells) < width else width + len(extra), "expected": width}
        )
        return row
    text = {name: _raw_text(original.get(name, "")) for name in LABELS}
    email = text["email"].lower()
    values = {"email": email}
    for name in ("first_name", "last_name", "organisation"):
        values[name] = " ".join(text[name].split())
    row.values = values
    for name, limit in LIMITS.items():
        if not values[name] and name != "email":
            row.errors.append(_("%(column)s is missing.") % {"column": LABELS[name]})
        elif len(values[name]) > limit:
            row.errors.append(
                _("%(column)s is longer than %(limit)s characters (%(length)s).")
                % {"column": LABELS[name], "limit": limit, "length": len(values[name])}
            )
    try:
        validate_email(email)
    except ValidationError:
        row.errors.append(_("“%(value)s” is not a valid email address.") % {"value": email or "—"})
    _read_facts(row, text, original)
    return row


def _read_facts(row: Row, text: dict, original: dict) -> None:
    values = row.values
    if not text["profession"]:
        row.errors.append(_("The profession is missing."))
    else:
        values["profession"] = normalise.profession(text["profession"]) or ""
        if not values["profession"]:
            row.warnings.append(
                _("Profession “%(value)s” is not one we know: choose its group below.")
                % {"value": text["profession"]}
            )
    code = normalise.country(text["country"])
    if code is None:
        row.errors.append(_("Unknown country “%(value)s”.") % {"value": text["country"] or "—"})
    else:
        values["country"] = code
        if code not in EU27:
            row.warnings.append(
                _("%(country)s is not an EU Member State.") % {"country": countries.name(code)}
            )
    gender = normalise.gender(text["gender"])
    if gender is None:
        row.warnings.append(
            _("Gender “%(value)s” is not understood; it is left blank.") % {"value": text["gender"]}
        )
    values["gender"] = gender or ""
    first_time = normalise.yes_no(original.get("first_time", ""))
    if first_time is None and text["first_time"]:
        row.warnings.append(
            _("“%(value)s” is neither yes nor no; first time is taken from our records.")
            % {"value": text["first_time"]}
        )
    values["first_time"] = first_time


def _identify(rows: list[Row], *, call) -> None:
    """Accounts, duplicates in the file and in the call, shared mailboxes, first time."""
    good = [r for r in rows if r.ok]
    # A blank "first time" cell in a column of crosses means no; otherwise we look it up.
    marks = any(normalise.key(_raw_text(r.original.get("first_time", ""))) == "x" for r in good)
    emails = {r.values["email"] for r in good}
    candidates = emails | {sub_address(r.values["email"], *_names(r)) for r in good}
    users = {u.email: u for u in User.objects.filter(email__in=candidates)}
    applied = {
        a.user_id: a for a in call.applications.filter(user__email__in=candidates).order_by()
    }
    earlier = set(
        Application.objects.filter(
            user__email__in=candidates,
            call__seminar__programme=call.seminar.programme,
            status__in=Application.SEAT_STATUSES,
        )
        .exclude(call=call)
        .values_list("user__email", flat=True)
    )
    seen: dict[tuple, Row] = {}
    owner: dict[str, Row] = {}  # who signs in with each plain address in this file
    warned: set[str] = set()
    for row in good:
        email = row.values["email"]
        me = person_key(email, *_names(row))
        if me in seen:
            row.account = seen[me].account
        else:
            user = users.get(email)
            plain = _same_name(user, row) if user is not None else email not in owner
            if plain:
                owner.setdefault(email, row)
                row.account = email
            else:
                row.account = sub_address(email, *_names(row))
                other = owner.get(email)
                row.warnings.append(_shared_warning(email, other, row.account))
                if other is not None and email not in warned:
                    other.warnings.append(_shared_warning(email, row, email))
                    warned.add(email)
        if row.values["first_time"] is None:
            row.values["first_time"] = False if marks else row.account not in earlier
        if me in seen:
            _compare(row, seen[me].values, "file", line=seen[me].line)
            continue
        seen[me] = row
        user = users.get(row.account)
        if user is not None and user.pk in applied:
            _compare(row, _facts_of(applied[user.pk]), "existing")


def _names(row: Row) -> tuple[str, str]:
    return row.values["first_name"], row.values["last_name"]


def _same_person(a: Row, b: Row) -> bool:
    return person_key(a.values["email"], *_names(a)) == person_key(b.values["email"], *_names(b))


def _same_name(user, row: Row) -> bool:
    return normalise.key(user.get_full_name()) == normalise.key(" ".join(_names(row)))


def _shared_warning(email: str, other: Row | None, account: str) -> str:
    if other is None:
        return _(
            "Shared mailbox: %(email)s belongs to an account with another name. This person "
            "is kept as a separate applicant, signing in as %(account)s."
        ) % {"email": email, "account": account}
    return _(
        "Shared mailbox: %(email)s is also used by line %(line)s (%(name)s). Both are kept "
        "as separate applicants; this one signs in as %(account)s."
    ) % {
        "email": email,
        "line": other.line,
        "name": " ".join(_names(other)),
        "account": account,
    }


def _facts_of(application: Application) -> dict:
    return {name: getattr(application, name) for name in FACTS}


def _compare(row: Row, kept: dict, source: str, *, line: int = 0) -> None:
    row.conflicts = [
        (LABELS[name], display(name, kept.get(name)), display(name, row.values.get(name)))
        for name in FACTS
        if kept.get(name) != row.values.get(name)
        and not (name == "profession" and not row.values.get(name))  # unmapped: not a claim
    ]
    if source == "file":
        row.duplicate = _("The same person as line %(line)s.") % {"line": line}
    else:
        row.duplicate = _("Already applied to this seminar.")
    row.conflict_with = source if row.conflicts else ""
    row.skip = not row.conflicts
