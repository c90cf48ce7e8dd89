"""Application workflows. Each writes the audit trail and emails the applicant.

Seats: confirming, offering from the waiting list and manager actions all run inside one
transaction that first locks the seminar row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite
every transaction starts IMMEDIATE, which takes the write lock), then counts and writes.
So `confirmed ≤ capacity` holds under any concurrency.
"""

import secrets
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.accounts.models import Profile
from crossborder.audit.models import record
from crossborder.seminars.models import Seminar

from .models import Application, Call, SelectionRun
from .notifications import notify

S = Application.Status


class EnrolmentError(Exception):
    """A workflow step that is not allowed now; the message is for the person."""


def _lock(call: Call) -> Seminar:
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
    seminar = _lock(application.call)
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
    _lock(application.call)
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
    """Withdraw at any time before the seminar; a held seat goes to the waiting list."""
    _lock(application.call)
    application = _reload_locked(application)
    if application.status not in (S.DRAFT, *Application.ACTIVE_STATUSES):
        raise EnrolmentError(_("This application can no longer be withdrawn."))
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
    from .selection import Targets, balance_score

    waiting = list(call.applications.waiting())
    run = call.selection_runs.filter(published_at__isnull=False).first()
    if not waiting or run is None:
        return waiting[0] if waiting else None
    targets = Targets.from_dict(run.targets)
    cohort = [a.candidate() for a in call.applications.filter(
        status__in=(*Application.SEAT_STATUSES, S.SELECTED)
    )]  # fmt: skip
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
    """Offer every free seat to the next suitable person on the waiting list."""
    seminar = _lock(call)
    offered = []
    while free_seats(call, seminar) > 0:
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
    _lock(call)
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
def publish_selection(*, run: SelectionRun, by, notify_people: bool = True) -> dict:
    """Apply a selection run (with the manager's overrides) and tell everyone.

    `notify_people=False` records past decisions without email (e.g. loading history).
    """
    call = run.call
    _lock(call)
    if run.published_at:
        raise EnrolmentError(_("This selection has already been published."))
    selected = set(run.result["selected"])
    for key, decision in (run.overrides or {}).items():
        (selected.add if decision == "select" else selected.discard)(int(key))
    waiting = [i for i in run.result["waiting"] if i not in selected]
    waiting += [i for i in run.result["selected"] if i not in selected]  # overridden out
    now = timezone.now()
    confirm_by = now + timedelta(days=call.confirm_within_days)
    reasons = run.result.get("reasons", {})
    counts = {"selected": 0, "waitlisted": 0, "rejected": 0}
    applications = {
        a.pk: a
        for a in call.applications.select_for_update()
        .select_related("user", "call__seminar")
        .filter(status=S.SUBMITTED)
    }
    for pk, application in applications.items():
        application.decided_at = now
        application.decision_reason = reasons.get(str(pk), "")
        if pk in selected:
            application.status, application.confirm_by = S.SELECTED, confirm_by
            if str(pk) in (run.overrides or {}):
                application.decision_reason = _("Selected by the programme manager.")
            event = "selected"
        elif pk in waiting:
            application.status = S.WAITLISTED
            application.waitlist_rank = waiting.index(pk) + 1
            event = "waitlisted"
        else:
            application.status = S.REJECTED
            event = "rejected"
        application.save()
        counts[event] += 1
        if notify_people:
            notify(application, event)
    run.published_at = now
    run.save(update_fields=["published_at"])
    record(actor=by, action="selection.publish", obj=run, details=counts)
    return counts


@transaction.atomic
def reorder_waiting_list(*, call: Call, ordered_ids: list[int], by) -> None:
    _lock(call)
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


def candidates_for(call: Call) -> list:
    """Submitted applications as selection candidates, with 'country not yet reached' set."""
    from dataclasses import replace

    reached = set(
        Application.objects.filter(
            call__seminar__programme=call.seminar.programme,
            status__in=Application.SEAT_STATUSES,
        )
        .exclude(call=call)
        .values_list("country", flat=True)
    )
    submitted = call.applications.filter(status=S.SUBMITTED).order_by("submitted_at", "pk")
    return [
        replace(a.candidate(), new_country=a.country not in reached, order=i)
        for i, a in enumerate(submitted)
    ]


@transaction.atomic
def start_selection(*, call: Call, targets: dict, by) -> SelectionRun:
    """Queue a selection run; a background task solves it (see tasks.solve_selection)."""
    from .selection import Targets
    from .tasks import solve_selection

    parsed = Targets.from_dict(targets)
    if not call.applications.filter(status=S.SUBMITTED).exists():
        raise EnrolmentError(_("There are no submitted applications to select from."))
    run = SelectionRun.objects.create(
        call=call, created_by=by, targets=parsed.as_dict(), status=SelectionRun.Status.QUEUED
    )
    record(actor=by, action="selection.start", obj=run)
    transaction.on_commit(partial(solve_selection.enqueue, run_id=run.pk))
    return run


def run_selection(*, run: SelectionRun) -> SelectionRun:
    """Solve a queued run. Not atomic on purpose: the solver may take seconds and holds no
    transaction open meanwhile; only claiming the run and storing its result write."""
    from .selection import Targets, solve

    claimed = SelectionRun.objects.filter(pk=run.pk, status=SelectionRun.Status.QUEUED).update(
        status=SelectionRun.Status.RUNNING
    )
    if not claimed:  # already solved (or being solved) by another worker
        run.refresh_from_db()
        return run
    try:
        candidates = candidates_for(run.call)
        if not candidates:
            raise EnrolmentError(_("There are no submitted applications to select from."))
        result = solve(candidates, Targets.from_dict(run.targets))
    except EnrolmentError as error:
        return fail_selection(run=run, message=str(error))
    except Exception:
        fail_selection(run=run, message=_("The solver stopped with an error. Try again."))
        raise  # the task is marked failed too, with the traceback for the operators
    return store_selection_result(run=run, result=result.as_dict())


@transaction.atomic
def store_selection_result(*, run: SelectionRun, result: dict) -> SelectionRun:
    run.result = result
    run.status = SelectionRun.Status.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "status", "finished_at"])
    record(
        actor=run.created_by,
        action="selection.run",
        obj=run,
        details={"objective": result.get("objective"), "relaxed": result.get("relaxed")},
    )
    return run


@transaction.atomic
def fail_selection(*, run: SelectionRun, message: str) -> SelectionRun:
    run.status = SelectionRun.Status.FAILED
    run.error = message
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    record(actor=run.created_by, action="selection.fail", obj=run, details={"error": message})
    return run


@transaction.atomic
def override_decision(*, run: SelectionRun, application_id: int, decision: str, by) -> None:
    """The manager selects or deselects one person before publishing."""
    if run.published_at:
        raise EnrolmentError(_("This selection has already been published."))
    if decision not in ("select", "deselect", "reset"):
        raise EnrolmentError(_("Unknown decision."))
    known = set(run.result["selected"]) | set(run.result["waiting"])
    if application_id not in known:
        raise EnrolmentError(_("This person is not part of this selection."))
    overrides = dict(run.overrides or {})
    if decision == "reset":
        overrides.pop(str(application_id), None)
    else:
        overrides[str(application_id)] = decision
    run.overrides = overrides
    run.save(update_fields=["overrides"])
    record(
        actor=by,
        action="selection.override",
        obj=run,
        details={"application": application_id, "decision": decision},
    )


@transaction.atomic
def record_session_attendance(*, session, participants, present: set, by) -> None:
    """Mark who was in a session (and who was not) among the seminar's participants."""
    from .models import SessionAttendance

    for application in participants:
        SessionAttendance.objects.update_or_create(
            session=session,
            application=application,
            defaults={"present": application.pk in present, "recorded_by": by},
        )
    record(
        actor=by,
        action="attendance.session",
        obj=session,
        details={"present": sorted(present), "of": len(participants)},
    )
