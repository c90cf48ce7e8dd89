"""The demo's JIT exercise: loaded from content/workshops/, prepared for The Hague seminar's
first JIT simulation slot (its call is still open, so there are no groups yet and the trainers
preview it), and held and closed in the Lisbon seminar's second workshop slot, where the groups
drafted a JIT for the laundering part of the case, with every inject released on the way.

Run after the groups are seeded (crossborder/demo/workshops.py seed_groups()); idempotent.
"""

import datetime as dt
from datetime import timedelta

from django.db import transaction

from crossborder.accounts.models import User
from crossborder.enrolment.models import Application
from crossborder.seminars.models import Seminar, Session
from crossborder.workshops.exercises.loader import load_workshops
from crossborder.workshops.exercises.services import prepare_run
from crossborder.workshops.models import (
    Exercise,
    ExerciseRun,
    Group,
    InjectRelease,
    Membership,
    Workshop,
)

EXERCISE = "jit-simulation"
THE_HAGUE = "the-hague-2027-jits-judicial-cooperation"
LISBON = "lisbon-2026-follow-the-money"
LISBON_SLOT = (2, dt.time(13, 30))  # day 2, 13:30: "Drafting FIU requests and EIOs / Freezing …"
# Minutes after the slot's start at which the Lisbon trainers released each inject (by order):
# close to the suggested minutes, a little later as the discussion ran over.
RELEASE_DELAYS = [2, 3, 4, 3, 5, 2, 4, 3, 2, 3]


@transaction.atomic
def seed_exercise_run() -> dict:
    loaded = load_workshops()
    exercise = Exercise.objects.get(slug=EXERCISE)
    manager = User.objects.filter(email="manager@example.org").first()
    trainer = User.objects.filter(email="trainer@example.org").first()
    prepared = _prepare_the_hague(exercise, trainer or manager)
    held = _hold_lisbon(exercise, manager)
    return {"exercises": loaded["exercises"], "prepared": prepared, "held": held}


def _slot_workshop(seminar: Seminar, start) -> Workshop:
    workshop, _created = Workshop.objects.get_or_create(seminar=seminar, start=start)
    return workshop


def _prepare_the_hague(exercise: Exercise, by) -> int:
    seminar = Seminar.objects.filter(slug=THE_HAGUE).first()
    first = (
        Session.objects.filter(
            seminar=seminar, kind=Session.Kind.WORKSHOP, title__startswith="JIT simulation"
        )
        .order_by("start")
        .first()
    )
    if first is None:
        return 0
    workshop = _slot_workshop(seminar, first.start)
    if ExerciseRun.objects.filter(exercise=exercise, workshop=workshop).exists():
        return 0
    prepare_run(exercise=exercise, workshop=workshop, by=by)
    return 1


def _hold_lisbon(exercise: Exercise, by) -> int:
    seminar = Seminar.objects.filter(slug=LISBON).first()
    if seminar is None:
        return 0
    day, clock = LISBON_SLOT
    start = seminar.local_datetime(seminar.days[day - 1], clock)
    if not Session.objects.filter(seminar=seminar, start=start, kind="workshop").exists():
        return 0
    workshop = _slot_workshop(seminar, start)
    if ExerciseRun.objects.filter(exercise=exercise, workshop=workshop).exists():
        return 0
    if not workshop.groups.exists():
        _simple_groups(workshop)  # only until seed_groups() of the groups' demo runs first
    opened = start + timedelta(minutes=5)
    run = ExerciseRun.objects.create(
        exercise=exercise,
        workshop=workshop,
        status=ExerciseRun.Status.CLOSED,
        created_by=by,
        created_at=start - timedelta(days=3),
        opened_at=opened,
        closed_at=start + timedelta(minutes=85),
    )
    releases = []
    for inject, delay in zip(exercise.injects.order_by("order"), RELEASE_DELAYS * 3, strict=False):
        minute = min(inject.minute or 0, 75)
        releases.append(
            InjectRelease(
                run=run,
                inject=inject,
                released_by=by,
                released_at=opened + timedelta(minutes=minute + delay),
            )
        )
    InjectRelease.objects.bulk_create(releases)
    return 1


def _simple_groups(workshop: Workshop) -> None:
    """Three groups of the slot's attendees, professions dealt round so that each group mixes
    them, one per parallel session with its first speaker as the trainer. A stand-in for the
    allocation's seed_groups(), which the merged demo runs before this."""
    sessions = list(workshop.sessions.prefetch_related("speakers")[:3])
    attendees = list(
        Application.objects.filter(call__seminar=workshop.seminar, status="attended").order_by(
            "profession", "country", "pk"
        )
    )
    if not sessions or not attendees:
        return
    groups = [
        Group.objects.create(
            workshop=workshop,
            number=n,
            session=session,
            trainer=next(iter(session.speakers.all()), None),
            language="en",
        )
        for n, session in enumerate(sessions, 1)
    ]
    Membership.objects.bulk_create(
        Membership(workshop=workshop, group=groups[i % len(groups)], application=application)
        for i, application in enumerate(attendees)
    )
