"""The balanced selection as a workflow: queued by the manager, solved by a background task
outside any transaction, its result stored atomically, adjusted, then published."""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from ..models import Application, Call, SelectionRun
from ..notifications import notify
from .seats import EnrolmentError, lock_seminar

S = Application.Status


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
    from ..selection import Targets
    from ..tasks import solve_selection

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
    from ..selection import Targets, solve

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
def publish_selection(*, run: SelectionRun, by, notify_people: bool = True) -> dict:
    """Apply a selection run (with the manager's overrides) and tell everyone.

    `notify_people=False` records past decisions without email (e.g. loading history).
    """
    call = run.call
    lock_seminar(call)
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
