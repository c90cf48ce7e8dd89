"""Participant lists as CSV and XLSX (written by crossborder.spreadsheets, safe to open)."""

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
