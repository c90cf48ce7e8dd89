"""Running an exercise in a workshop slot: prepare, open, release the injects one by one, close.

Each step is one transaction with an audit entry. Status changes are conditional UPDATEs (the
row changes only if it is still in the state the step starts from), so two trainers pressing
the same button at once change it once, on SQLite as on PostgreSQL; an inject is released at
most once per run (a unique constraint, and a check under the run's row lock).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from ..models import Exercise, ExerciseRun, Inject, InjectRelease, Workshop

Status = ExerciseRun.Status


class ExerciseError(Exception):
    """A step that cannot be taken, with the reason in words for the trainer."""


@transaction.atomic
def prepare_run(*, exercise: Exercise, workshop: Workshop, by) -> ExerciseRun:
    """Set an exercise up for a workshop slot; the groups see it once the trainer opens it."""
    if ExerciseRun.objects.filter(exercise=exercise, workshop=workshop).exists():
        raise ExerciseError(_("This exercise is already prepared for this workshop slot."))
    try:
        with transaction.atomic():
            run = ExerciseRun.objects.create(exercise=exercise, workshop=workshop, created_by=by)
    except IntegrityError as error:  # prepared by someone else a moment ago
        raise ExerciseError(
            _("This exercise is already prepared for this workshop slot.")
        ) from error
    record(
        actor=by,
        action="exercise.prepare",
        obj=run,
        details={"exercise": exercise.slug, "workshop": workshop.pk},
    )
    return run


@transaction.atomic
def open_run(*, run: ExerciseRun, by) -> ExerciseRun:
    """Start the exercise: the groups see the case file and their role cards."""
    now = timezone.now()
    if not ExerciseRun.objects.filter(pk=run.pk, status=Status.PREPARED).update(
        status=Status.OPEN, opened_at=now
    ):
        raise ExerciseError(
            _("Only a prepared exercise can be opened; this one is %(status)s.")
            % {"status": _status_label(run)}
        )
    run.status, run.opened_at = Status.OPEN, now
    record(actor=by, action="exercise.open", obj=run)
    return run


@transaction.atomic
def close_run(*, run: ExerciseRun, by) -> ExerciseRun:
    """End the exercise: no more injects; the groups keep reading what they had."""
    now = timezone.now()
    if not ExerciseRun.objects.filter(pk=run.pk, status=Status.OPEN).update(
        status=Status.CLOSED, closed_at=now
    ):
        raise ExerciseError(
            _("Only an open exercise can be closed; this one is %(status)s.")
            % {"status": _status_label(run)}
        )
    run.status, run.closed_at = Status.CLOSED, now
    record(
        actor=by,
        action="exercise.close",
        obj=run,
        details={"released": run.releases.count()},
    )
    return run


@transaction.atomic
def release_inject(*, run: ExerciseRun, inject: Inject, by) -> InjectRelease:
    """Show an inject to every group of the run, now (once; only while the run is open)."""
    if inject.exercise_id != run.exercise_id:
        raise ExerciseError(_("This inject belongs to another exercise."))
    current = ExerciseRun.objects.select_for_update().get(pk=run.pk)
    if current.status != Status.OPEN:
        raise ExerciseError(
            _("Injects are released while the exercise is open; this one is %(status)s.")
            % {"status": _status_label(current)}
        )
    if InjectRelease.objects.filter(run=run, inject=inject).exists():
        raise ExerciseError(_("“%(title)s” was already released.") % {"title": inject.title_local})
    try:
        with transaction.atomic():
            release = InjectRelease.objects.create(run=run, inject=inject, released_by=by)
    except IntegrityError as error:  # released by another trainer a moment ago
        raise ExerciseError(
            _("“%(title)s” was already released.") % {"title": inject.title_local}
        ) from error
    record(
        actor=by,
        action="exercise.release_inject",
        obj=run,
        details={"inject": inject.key, "released_at": release.released_at.isoformat()},
    )
    return release


def _status_label(run: ExerciseRun) -> str:
    current = ExerciseRun.objects.filter(pk=run.pk).values_list("status", flat=True).first()
    return str(Status(current or run.status).label).lower()
