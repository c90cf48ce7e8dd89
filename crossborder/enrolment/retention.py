"""How long enrolment keeps what people sent (docs/security.md, "Retention"), applied every day
by a recurring task:

- the files uploaded with applications (CVs, nomination letters, …) are deleted
  RETENTION_UPLOADS_DAYS after the seminar's last day: they served the selection and the
  eligibility check at the door;
- the applications of people who did not get a seat (not selected, declined, lapsed, withdrawn,
  never submitted, left on the waiting list) are deleted RETENTION_NOT_SELECTED_MONTHS after the
  seminar's last day, with their files.

What stays: the applications of the people who had a seat (confirmed, attended, did not attend),
which the programme's indicators count, without their files. Each deletion writes an audit entry
with the numbers, never the data."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from crossborder.audit.models import record
from crossborder.seminars.models import Seminar

from .models import Application, ApplicationFile

UPLOADS_DAYS = 90
NOT_SELECTED_MONTHS = 12


@dataclass
class Deleted:
    files: int = 0
    applications: int = 0


def _months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day where that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def apply_retention(today: date | None = None) -> Deleted:
    today = today or timezone.localdate()
    days = getattr(settings, "RETENTION_UPLOADS_DAYS", UPLOADS_DAYS)
    months = getattr(settings, "RETENTION_NOT_SELECTED_MONTHS", NOT_SELECTED_MONTHS)
    deleted = Deleted()
    files_due = today - timedelta(days=days)
    applications_due = _months_before(today, months)
    seminars = Seminar.objects.filter(end_date__lt=files_due, call__isnull=False)
    for seminar in seminars.order_by("end_date"):
        with transaction.atomic():
            files = ApplicationFile.objects.filter(
                application__call__seminar=seminar
            ).delete_with_files()
            applications = 0
            if seminar.end_date < applications_due:
                gone = Application.objects.filter(call__seminar=seminar).exclude(
                    status__in=Application.SEAT_STATUSES
                )
                _total, by_model = gone.delete()
                applications = by_model.get(Application._meta.label, 0)
            if files or applications:
                record(
                    actor=None,
                    action="retention.applied",
                    obj=seminar,
                    details={"files_deleted": files, "applications_deleted": applications},
                )
        deleted.files += files
        deleted.applications += applications
    return deleted
