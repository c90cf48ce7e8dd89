"""Retention (crossborder/enrolment/retention.py): the uploads of a seminar's applications go
RETENTION_UPLOADS_DAYS after its last day, the applications without a seat
RETENTION_NOT_SELECTED_MONTHS after; those who had a seat stay (the indicators count them), and
the audit says how many went, never who."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile

from crossborder.audit.models import AuditEntry
from crossborder.enrolment.models import Application, ApplicationFile, Question
from crossborder.enrolment.retention import apply_retention
from crossborder.enrolment.tasks import apply_retention as retention_task
from crossborder.scheduling.recurring import RECURRING
from tests.factories import make_applicant, make_call, make_seminar

pytestmark = pytest.mark.django_db

STATUSES = [
    "attended",
    "no_show",
    "confirmed",
    "rejected",
    "declined",
    "expired",
    "withdrawn",
    "waitlisted",
    "submitted",
    "draft",
]
KEPT = {"attended", "no_show", "confirmed"}
INDICATORS = "/api/v1/reports/indicators"


@pytest.fixture
def vienna(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    seminar = make_seminar(
        "vienna", status="held", start_date=date(2026, 3, 18), end_date=date(2026, 3, 19)
    )
    call = make_call(seminar)
    question = Question.objects.create(
        call=call, order=1, label="CV", kind="file", required=False, allowed_types="pdf"
    )
    for n, status in enumerate(STATUSES):
        application = make_applicant(call, n, status=status)
        upload = ApplicationFile(application=application, question=question, original_name="cv.pdf")
        upload.file.save(f"cv-{n}.pdf", ContentFile(b"%PDF-1.7 cv"), save=True)
    return seminar


def _files(tmp_path):
    return sorted(p.name for p in tmp_path.rglob("*.pdf"))


def test_nothing_goes_before_its_time(vienna, tmp_path):
    deleted = apply_retention(today=date(2026, 3, 19) + timedelta(days=90))
    assert (deleted.files, deleted.applications) == (0, 0)
    assert Application.objects.count() == len(STATUSES) and len(_files(tmp_path)) == len(STATUSES)
    assert not AuditEntry.objects.filter(action="retention.applied").exists()


def test_the_uploads_go_after_90_days_the_applications_stay(
    vienna, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the stored files go after commit
        deleted = apply_retention(today=date(2026, 3, 19) + timedelta(days=91))
    assert (deleted.files, deleted.applications) == (len(STATUSES), 0)
    assert not ApplicationFile.objects.exists() and _files(tmp_path) == []
    assert Application.objects.count() == len(STATUSES)
    entry = AuditEntry.objects.get(action="retention.applied")
    assert entry.details == {"files_deleted": len(STATUSES), "applications_deleted": 0}


def test_after_12_months_only_those_who_had_a_seat_stay_and_the_figures_do_not_change(
    vienna, tmp_path, client_of, manager
):
    client = client_of(manager)
    before = client.get(INDICATORS).json()
    deleted = apply_retention(today=date(2027, 3, 20))
    assert deleted.applications == len(STATUSES) - len(KEPT)
    assert set(Application.objects.values_list("status", flat=True)) == KEPT
    assert client.get(INDICATORS).json() == before
    reach = {s["key"]: s for s in before["sections"]}["reach"]
    assert next(st for st in reach["stats"] if st["key"] == "trained")["value"] == 1
    assert AuditEntry.objects.get(action="retention.applied").details == {
        "files_deleted": len(STATUSES),
        "applications_deleted": len(STATUSES) - len(KEPT),
    }
    # a second day changes nothing and writes nothing
    assert apply_retention(today=date(2027, 3, 21)).applications == 0
    assert AuditEntry.objects.filter(action="retention.applied").count() == 1


def test_the_periods_come_from_the_settings(vienna, settings):
    settings.RETENTION_UPLOADS_DAYS = 10
    settings.RETENTION_NOT_SELECTED_MONTHS = 1
    deleted = apply_retention(today=date(2026, 4, 20))
    assert deleted.applications == len(STATUSES) - len(KEPT)


def test_it_runs_every_day_from_the_scheduler(vienna, settings):
    settings.RETENTION_NOT_SELECTED_MONTHS = 1  # the seminar was in March 2026: both are due
    jobs = {job.task: job.every for job in RECURRING}
    assert jobs["crossborder.enrolment.tasks.apply_retention"] == timedelta(days=1)
    result = retention_task.call()
    assert result == {"files": len(STATUSES), "applications": len(STATUSES) - len(KEPT)}
