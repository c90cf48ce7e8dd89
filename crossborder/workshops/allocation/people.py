"""Who takes part in a seminar's workshops, and its workshop slots, read from the database.

Participants are the applications of the seminar that are confirmed or attended; once anyone
has been checked in at the desk, only the people checked in (the others did not come). Their
profession, country, organisation and gender come from the application's snapshot (what they
were selected as), their working languages from their profile.

A slot is read from the timetable (the workshop sessions that start together), never written
on a GET: its Workshop row is created by the allocation (or the demo).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from crossborder.enrolment.models import Application
from crossborder.seminars.models import Session, Speaker

from ..models import Membership, PairingRule, Workshop
from .scores import Person
from .solver import Problem

S = Application.Status
PARTICIPATING = (S.CONFIRMED, S.ATTENDED)


def normalise_organisation(name: str) -> str:
    """'Policija, Zagreb ' and 'policija zagreb' are one organisation."""
    return " ".join(re.sub(r"[^\w\s]", " ", (name or "").casefold()).split())


def participants(seminar) -> list[Application]:
    """The applications of the people in the seminar's workshops, by name (one query)."""
    applications = list(
        Application.objects.filter(call__seminar=seminar, status__in=PARTICIPATING)
        .select_related("user__profile")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    if any(a.checked_in_at for a in applications):
        applications = [a for a in applications if a.checked_in_at]
    return applications


def profile_of(application):
    return getattr(application.user, "profile", None)


def person_of(application: Application) -> Person:
    profile = profile_of(application)
    return Person(
        id=application.pk,
        profession=application.profession,
        country=application.country,
        organisation=normalise_organisation(application.organisation),
        organisation_name=application.organisation,
        gender=application.gender,
        languages=frozenset(profile.working_languages or []) if profile else frozenset(),
        name=application.user.get_full_name() or application.user.email,
    )


@dataclass
class Slot:
    """One workshop slot: its parallel sessions, the trainers available, its Workshop row."""

    start: datetime
    sessions: list = field(default_factory=list)
    workshop: Workshop | None = None

    @property
    def key(self) -> int:
        return int(self.start.timestamp())

    @property
    def trainers(self) -> list[tuple[Speaker, Session]]:
        """Each speaker of the slot's sessions once, with the session (room) they work in."""
        seen, result = set(), []
        for session in self.sessions:
            for speaker in session.speakers.all():
                if speaker.pk not in seen:
                    seen.add(speaker.pk)
                    result.append((speaker, session))
        return result


def slots_of(seminar) -> list[Slot]:
    """The seminar's workshop slots in time order (three queries)."""
    sessions = (
        Session.objects.filter(seminar=seminar, kind=Session.Kind.WORKSHOP)
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("name")))
        .order_by("start", "track", "room", "pk")
    )
    slots: dict = {}
    for session in sessions:
        slots.setdefault(session.start, Slot(start=session.start)).sessions.append(session)
    for workshop in Workshop.objects.filter(seminar=seminar, start__in=list(slots)):
        slots[workshop.start].workshop = workshop
    return list(slots.values())


def slot_at(seminar, key: int) -> Slot | None:
    return next((s for s in slots_of(seminar) if s.key == key), None)


def previous_groups(workshop_or_slot_start, seminar) -> dict[int, int]:
    """Who was in which group in the seminar's previous allocated slot (one query)."""
    earlier = (
        Workshop.objects.filter(seminar=seminar, start__lt=workshop_or_slot_start)
        .filter(memberships__isnull=False)
        .order_by("-start")
        .values_list("pk", flat=True)[:1]
    )
    return dict(
        Membership.objects.filter(workshop__in=earlier).values_list("application_id", "group_id")
    )


def group_count(people: int, *, trainers: int, groups: int | None, size: int | None) -> int:
    """N groups as asked, or enough groups of at most `size`, or one per trainer."""
    if groups:
        return groups
    if size:
        return max(1, -(-people // size))
    return trainers


def problem_for(seminar, slot: Slot, *, groups: int | None = None, size: int | None = None):
    """The allocation problem of a slot, and the applications it is about."""
    applications = participants(seminar)
    rules = list(
        PairingRule.objects.filter(seminar=seminar).values_list("kind", "first_id", "second_id")
    )
    problem = Problem(
        people=[person_of(a) for a in applications],
        groups=group_count(
            len(applications), trainers=len(slot.trainers), groups=groups, size=size
        ),
        languages=(slot.workshop or Workshop(seminar=seminar, start=slot.start)).group_languages(),
        apart=[(a, b) for kind, a, b in rules if kind == PairingRule.Kind.APART],
        together=[(a, b) for kind, a, b in rules if kind == PairingRule.Kind.TOGETHER],
        previous=previous_groups(slot.start, seminar),
    )
    return problem, applications
