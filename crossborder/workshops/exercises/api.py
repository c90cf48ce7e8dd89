"""/api/v1/exercise-runs/{id}: a run of a workshop exercise as its groups read it, with the
injects released so far (never one that is not released yet)."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from crossborder import access

from ..models import ExerciseRun, InjectRelease
from .views import RUNS, membership_of

router = Router(tags=["workshops"])


class ReleasedInjectOut(Schema):
    key: str
    title: str
    body: str
    released_at: datetime


class ExerciseRunOut(Schema):
    id: int
    exercise: str
    title: str
    status: str
    seminar: str
    workshop_start: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    released: list[ReleasedInjectOut]


@router.get("/exercise-runs/{run_id}", response=ExerciseRunOut)
def exercise_run(request, run_id: int):
    """A run the caller may read (a member of one of the slot's groups once it is open, its
    trainers, programme staff), texts in the caller's language (English where not
    translated)."""
    run: ExerciseRun = get_object_or_404(RUNS, pk=run_id)
    if not access.can_read_run(request.user, run, membership_of(run, request.user)):
        raise Http404
    releases = InjectRelease.objects.filter(run=run).select_related("inject")
    return {
        "id": run.pk,
        "exercise": run.exercise.slug,
        "title": run.exercise.title_local,
        "status": run.status,
        "seminar": run.workshop.seminar.slug,
        "workshop_start": run.workshop.start,
        "opened_at": run.opened_at,
        "closed_at": run.closed_at,
        "released": [
            {
                "key": r.inject.key,
                "title": r.inject.title_local,
                "body": r.inject.body_local,
                "released_at": r.released_at,
            }
            for r in releases
        ],
    }
