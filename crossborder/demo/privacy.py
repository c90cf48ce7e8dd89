"""Demo data rights: participant@example.org downloaded their data once, and a practitioner who
attended a held seminar (a Slovenian labour inspector, made by seed_leaving_practitioner after
the enrolment) deleted their account at the end (seed_privacy). Their attendance, tests and
survey answers still count in the indicators; their certificate is revoked and nameless; the
audit log says that an account was deleted, not whose; the People list no longer shows them.
Safe to run again: both act once."""

from datetime import time, timedelta

from crossborder.accounts.models import Profession, User
from crossborder.accounts.services import create_account
from crossborder.audit.models import AuditEntry
from crossborder.enrolment.models import Application, SessionAttendance
from crossborder.privacy.services import delete_account, record_export
from crossborder.seminars.models import Seminar

LEAVING = "former.participant@example.org"


def seed_leaving_practitioner() -> dict:
    """Run after the enrolment: the practitioner who will delete their account attends the
    first held seminar, so that the knowledge tests, surveys, groups, learning and certificates
    that follow treat them as any attendee (and a second run of the demo finds them done)."""
    if (
        User.objects.filter(email=LEAVING).exists()
        or AuditEntry.objects.filter(action="account.delete").exists()
    ):
        return {"added": 0}
    seminar = Seminar.objects.filter(status=Seminar.Status.HELD).order_by("start_date").first()
    manager = User.objects.filter(email="manager@example.org").first()
    if seminar is None or manager is None or not hasattr(seminar, "call"):
        return {"added": 0}
    leaving = create_account(
        email=LEAVING,
        password=None,
        first_name="Nina",
        last_name="Kranjc",
        profile={
            "profession": Profession.LABOUR_INSPECTOR,
            "country": "SI",
            "organisation": "Inšpektorat RS za delo",
            "gender": "female",
            "working_languages": ["sl", "en"],
        },
    )
    seats = seminar.call.applications.filter(status__in=Application.SEAT_STATUSES).count()
    attended = seats < seminar.capacity
    start = seminar.local_datetime(seminar.start_date, time(8, 40))
    application = Application.objects.create(
        call=seminar.call,
        user=leaving,
        status=Application.Status.ATTENDED if attended else Application.Status.REJECTED,
        profession=Profession.LABOUR_INSPECTOR,
        country="SI",
        organisation="Inšpektorat RS za delo",
        gender="female",
        motivation="I inspect seasonal agriculture work on the Slovenian–Croatian border.",
        submitted_at=start - timedelta(days=60),
        checked_in_at=start if attended else None,
    )
    if attended:
        SessionAttendance.objects.bulk_create(
            SessionAttendance(session=s, application=application, present=True, recorded_by=manager)
            for s in seminar.sessions.exclude(kind="break")
        )
    return {"added": 1}


def seed_privacy() -> dict:
    """Run last: participant@example.org's download, and the leaving practitioner's deletion."""
    if AuditEntry.objects.filter(action="account.delete").exists():
        return {"exports": 0, "deleted": 0}
    exports = 0
    participant = User.objects.filter(email="participant@example.org").first()
    if participant is not None:
        record_export(user=participant)
        exports = 1
    leaving = User.objects.filter(email=LEAVING).first()
    if leaving is None:
        return {"exports": exports, "deleted": 0}
    delete_account(user=leaving)
    return {"exports": exports, "deleted": 1}
