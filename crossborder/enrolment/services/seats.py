"""Application workflows around seats. Each writes the audit trail and emails the applicant.

Seats: confirming, offering from the waiting list and manager actions all run inside one
transaction that first locks the seminar row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite
every transaction starts IMMEDIATE, which takes the write lock), then counts and writes.
So `confirmed ≤ capacity` holds under any concurrency.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.accounts.models import Profile
from crossborder.audit.models import record
from crossborder.seminars.models import Seminar

from ..models import Application, Call
from ..notifications import notify

S = Application.Status


class EnrolmentError(Exception):
    """A workflow step that is not allowed now; the message is for the person."""


def lock_seminar(call: Call) -> Seminar:
    """Lock the seminar row: every seat decision of its call runs one at a time."""
    return Seminar.objects.select_for_update().get(pk=call.seminar_id)


def _reload_locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("call__seminar", "user")
        .get(pk=application.pk)
    )


def free_seats(call: Call, seminar: Seminar | None = None) -> int:
    """Seats not held by a confirmation nor promised by an open offer."""
    seminar = seminar or call.seminar
    holding = call.applications.holding_seats().count()
    offered = call.applications.filter(status=S.SELECTED, confirm_by__gt=timezone.now()).count()
    return seminar.capacity - holding - offered


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    """Send a draft in: checks the deadline, eligibility and duplicates."""
    call = application.call
    if not call.is_open():
        raise EnrolmentError(_("The call for applications is closed."))
    if application.status != S.DRAFT:
        raise EnrolmentError(_("You have already applied to this seminar."))
    profile = Profile.objects.filter(user=application.user).first()
    problem = call.eligibility_problem(profile)
    if problem:
        raise EnrolmentError(problem)
    earlier = Application.objects.filter(
        user=application.user,
        call__seminar__programme=call.seminar.programme,
        status__in=Application.SEAT_STATUSES,
    ).exclude(pk=application.pk)
    application.snapshot_profile(profile, first_time=not earlier.exists())
    application.status = S.SUBMITTED
    application.submitted_at = timezone.now()
    if application.nominator_email and not application.nomination_token:
        application.nomination_token = secrets.token_urlsafe(24)
    application.save()
    record(actor=by, action="application.submit", obj=application)
    notify(application, "submitted")
    if application.nominator_email:
        notify(application, "nomination_request", to=application.nominator_email)
    return application


@transaction.atomic
def confirm_nomination(*, token: str) -> Application:
    application = Application.objects.select_for_update().filter(nomination_token=token).first()
    if application is None or not token:
        raise EnrolmentError(_("This nomination link is not valid."))
    if application.nomination_confirmed_at is None:
        application.nomination_confirmed_at = timezone.now()
        application.save(update_fields=["nomination_confirmed_at", "updated_at"])
        record(
            actor=None,
            action="application.nomination_confirmed",
            obj=application,
            details={"by": application.nominator_email},
        )
    return application


@transaction.atomic
def confirm_seat(*, application: Application, by) -> Application:
    """The selected person takes their place — or goes to the top of the waiting list if the
    seminar filled up in the meantime."""
    seminar = lock_seminar(application.call)
    application = _reload_locked(application)
    if application.status == S.CONFIRMED:
        return application  # confirming twice changes nothing
    if application.status != S.SELECTED:
        raise EnrolmentError(_("There is no place to confirm for this application."))
    if application.offer_expired:
        raise EnrolmentError(_("This offer has expired."))
    holding = application.call.applications.holding_seats().count()
    if holding >= seminar.capacity:
        application.status = S.WAITLISTED
        application.waitlist_rank = 0  # first in line for the next free seat
        application.confirm_by = None
        application.save()
        record(actor=by, action="application.full_waitlisted", obj=application)
        notify(application, "moved_to_waitlist")
        return application
    application.status = S.CONFIRMED
    application.confirmed_at = timezone.now()
    application.save()
    record(actor=by, action="application.confirm", obj=application)
    notify(application, "confirmed")
    return application


@transaction.atomic
def decline_offer(*, application: Application, by) -> Application:
    lock_seminar(application.call)
    application = _reload_locked(application)
    if application.status != S.SELECTED:
        raise EnrolmentError(_("There is no offer to decline."))
    application.status = S.DECLINED
    application.save()
    record(actor=by, action="application.decline", obj=application)
    notify(application, "declined")
    offer_free_seats(call=application.call, by=None)
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by) -> Application:
    """Withdraw at any time before the seminar begins; a held seat goes to the waiting list."""
    lock_seminar(application.call)
    application = _reload_locked(application)
    if application.status not in (S.DRAFT, *Application.ACTIVE_STATUSES):
        raise EnrolmentError(_("This application can no longer be withdrawn."))
    if application.call.seminar.has_begun():
        raise EnrolmentError(_("The seminar has begun: an application can no longer be withdrawn."))
    freed = application.status in (S.SELECTED, S.CONFIRMED)
    application.status = S.WITHDRAWN
    application.save()
    record(actor=by, action="application.withdraw", obj=application)
    notify(application, "withdrawn")
    if freed:
        offer_free_seats(call=application.call, by=None)
    return application


def _next_from_waiting_list(call: Call):
    """The next person who keeps the cohort balanced: fewest targets missed, then their rank."""
    from ..selection import Targets, balance_score

    waiting = list(call.applications.waiting())
    run = call.selection_runs.filter(published_at__isnull=False).first()
    if not waiting or run is None:
        return waiting[0] if waiting else None
    targets = Targets.from_dict(run.targets)
    cohort = [
        a.candidate()
        for a in call.applications.filter(status__in=(*Application.SEAT_STATUSES, S.SELECTED))
    ]
    base = balance_score(cohort, targets)
    return min(
        waiting,
        key=lambda a: (
            balance_score([*cohort, a.candidate()], targets) - base,
            a.waitlist_rank or 0,
        ),
    )


@transaction.atomic
def offer_free_seats(*, call: Call, by) -> list[Application]:
    """Offer every free seat to the next suitable person on the waiting list, until the seminar
    begins (an offer then would come too late to travel)."""
    seminar = lock_seminar(call)
    offered = []
    while free_seats(call, seminar) > 0 and not seminar.has_begun():
        nxt = _next_from_waiting_list(call)
        if nxt is None:
            break
        nxt.status = S.SELECTED
        nxt.confirm_by = timezone.now() + timedelta(hours=call.offer_hours)
        nxt.decided_at = timezone.now()
        nxt.save()
        record(actor=by, action="application.offer", obj=nxt)
        notify(nxt, "offer")
        offered.append(nxt)
    return offered


@transaction.atomic
def expire_offers(*, call: Call) -> int:
    """Offers not confirmed in time lapse; their seats go to the next people."""
    lock_seminar(call)
    expired = list(
        call.applications.select_for_update().filter(
            status=S.SELECTED, confirm_by__lt=timezone.now()
        )
    )
    for application in expired:
        application.status = S.EXPIRED
        application.save()
        record(actor=None, action="application.offer_expired", obj=application)
        notify(application, "offer_expired")
    if expired:
        offer_free_seats(call=call, by=None)
    return len(expired)


@transaction.atomic
def reorder_waiting_list(*, call: Call, ordered_ids: list[int], by) -> None:
    lock_seminar(call)
    waiting = {a.pk: a for a in call.applications.select_for_update().waiting()}
    if set(ordered_ids) != set(waiting):
        raise EnrolmentError(_("The list changed meanwhile; reload the page and try again."))
    for rank, pk in enumerate(ordered_ids, 1):
        Application.objects.filter(pk=pk).update(waitlist_rank=rank)
    record(actor=by, action="waitlist.reorder", obj=call.seminar, details={"order": ordered_ids})


@transaction.atomic
def check_in(*, application: Application, by) -> Application:
    application = _reload_locked(application)
    if application.status not in (S.CONFIRMED, S.ATTENDED):
        raise EnrolmentError(_("Only confirmed participants can be checked in."))
    if application.checked_in_at is None:
        application.checked_in_at = timezone.now()
        application.status = S.ATTENDED
        application.save()
        record(actor=by, action="application.check_in", obj=application)
    return application


@transaction.atomic
def record_session_attendance(*, session, participants, present: set, by) -> None:
    """Mark who was in a session (and who was not) among the seminar's participants."""
    from ..models import SessionAttendance

    now = timezone.now()
    # One statement whatever the number of people (INSERT … ON CONFLICT DO UPDATE).
    SessionAttendance.objects.bulk_create(
        [
            SessionAttendance(
                session=session,
                application=application,
                present=application.pk in present,
                recorded_by=by,
                recorded_at=now,
            )
            for application in participants
        ],
        update_conflicts=True,
        unique_fields=["session", "application"],
        update_fields=["present", "recorded_by", "recorded_at"],
    )
    record(
        actor=by,
        action="attendance.session",
        obj=session,
        details={"present": sorted(present), "of": len(participants)},
    )
