"""Participant lists as CSV and XLSX (written by crossborder.spreadsheets, safe to open), and
the documents of a call's applications as one ZIP."""

import shutil
import tempfile
import zipfile
from pathlib import PurePosixPath

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from crossborder import spreadsheets


def participant_rows(applications) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Family name"),
        _("Given name"),
        _("Email"),
        _("Profession"),
        _("Country"),
        _("Organisation"),
        _("Status"),
        _("Checked in"),
        _("Badge code"),
    ]
    rows = [
        [
            a.user.last_name,
            a.user.first_name,
            a.user.email,
            a.get_profession_display(),
            a.country,
            a.organisation,
            a.get_status_display(),
            a.checked_in_at.strftime("%Y-%m-%d %H:%M") if a.checked_in_at else "",
            a.badge_code,
        ]
        for a in applications
    ]
    return header, rows


def as_csv(applications) -> bytes:
    return spreadsheets.as_csv(*participant_rows(applications))


def as_xlsx(applications, title: str) -> bytes:
    return spreadsheets.as_xlsx(*participant_rows(applications), title=title)


def documents_zip(files) -> tuple[tempfile.SpooledTemporaryFile, int]:
    """The uploaded documents `files` (ApplicationFile rows, their application and user
    selected) in one ZIP: a folder per application, named after the applicant, each document
    under its own name made safe (no path, no control or direction characters). Documents no
    longer in storage are listed in missing.txt. Returns the archive, rewound, and how many
    documents it holds; it is written to a temporary file, so size is no memory matter."""
    archive_file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the response closes it)
    count, missing, taken = 0, [], set()
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        for upload in files:
            application = upload.application
            person = f"{application.user.last_name} {application.user.first_name}"
            folder = f"{slugify(person, allow_unicode=True) or 'applicant'}-{application.pk}"
            name = f"{folder}/{_safe_name(upload.original_name)}"
            try:
                stored = upload.file.open("rb")
            except FileNotFoundError:
                missing.append(name)
                continue
            info = zipfile.ZipInfo(_unique(name, taken))
            info.date_time = _zip_time(upload)
            info.compress_type = zipfile.ZIP_STORED  # PDFs and office files are compressed
            with stored, archive.open(info, "w") as member:
                shutil.copyfileobj(stored, member, 1024 * 1024)
            count += 1
        if missing:
            lines = [_("These documents are no longer stored:"), *missing, ""]
            archive.writestr("missing.txt", "\n".join(lines))
    archive_file.seek(0)
    return archive_file, count


def _safe_name(original: str) -> str:
    """`Lebenslauf Müller "final".PDF` -> `lebenslauf-müller-final.pdf`: letters, digits and
    hyphens of any script, one extension; nothing that a file system or a ZIP tool reads as a
    path, a control or a direction character."""
    path = PurePosixPath(original.replace("\\", "/")).name
    stem, dot, extension = path.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem = slugify(stem, allow_unicode=True)[:80] or "document"
    extension = slugify(extension)[:10]
    return f"{stem}.{extension}" if extension else stem


def _unique(name: str, taken: set) -> str:
    """`name`, or `name` with -2, -3 … before its extension if the archive has it already."""
    candidate, n = name, 1
    stem, dot, extension = name.rpartition(".")
    if not dot or "/" in extension:
        stem, dot, extension = name, "", ""
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{extension}"
    taken.add(candidate)
    return candidate


def _zip_time(upload) -> tuple:
    """The time a ZIP records for a document: when its application was submitted (ZIP cannot
    hold dates before 1980)."""
    when = timezone.localtime(upload.application.submitted_at or upload.application.created_at)
    return max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
