"""The groups of a seminar's workshop slots as the pages show them, with their scores.

Read-only and a fixed number of queries however many slots, groups and people there are:
the slots (three), the groups, the memberships, the latest runs.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery

from crossborder.enrolment.models import Application

from ..models import AllocationRun, Group, Membership, Workshop
from .people import Slot, person_of, slots_of
from .scores import evaluate, random_baseline

PENDING = (AllocationRun.Status.QUEUED, AllocationRun.Status.RUNNING)


@dataclass
class GroupCard:
    group: Group
    members: list = field(default_factory=list)  # Membership rows, by name
    scores: dict = field(default_factory=dict)

    @property
    def member_ids(self) -> set:
        return {m.application_id for m in self.members}


@dataclass
class SlotBoard:
    slot: Slot
    cards: list = field(default_factory=list)
    overall: dict | None = None
    random: dict | None = None
    repeats: int = 0
    run: AllocationRun | None = None  # the latest run
    pending: AllocationRun | None = None
    errors: list = field(default_factory=list)  # why the last allocation was refused

    @property
    def workshop(self) -> Workshop | None:
        return self.slot.workshop

    @property
    def gain(self) -> float | None:
        if self.overall is None or self.random is None:
            return None
        return self.overall["diversity"] - self.random["diversity"]

    @property
    def sizes_uneven(self) -> bool:
        counts = [len(c.members) for c in self.cards]
        return bool(counts) and max(counts) - min(counts) > 1


def _by_name(membership):
    user = membership.application.user
    return (user.last_name.casefold(), user.first_name.casefold(), membership.pk)


def boards(seminar, *, only_workshop: int | None = None) -> list[SlotBoard]:
    """Every workshop slot of the seminar with its groups, members and scores."""
    slots = slots_of(seminar)
    workshops = [s.workshop for s in slots if s.workshop]
    ids = [w.pk for w in workshops]
    groups = list(Group.objects.filter(workshop_id__in=ids).select_related("trainer", "session"))
    memberships = list(
        Membership.objects.filter(workshop_id__in=ids).select_related("application__user__profile")
    )
    latest = (
        AllocationRun.objects.filter(workshop_id=OuterRef("workshop_id"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    runs: dict = {}
    for run in (
        AllocationRun.objects.filter(workshop_id__in=ids)
        .filter(Q(pk=Subquery(latest)) | Q(status__in=PENDING))
        .order_by("-created_at", "-pk")
    ):
        runs.setdefault(run.workshop_id, []).append(run)
    cards = {g.pk: GroupCard(group=g) for g in groups}
    for m in memberships:
        if m.group_id in cards:
            cards[m.group_id].members.append(m)
    previous: dict = {}  # the previous allocated slot's groups, for the repeat count
    result = []
    for slot in slots:
        board = SlotBoard(slot=slot)
        if slot.workshop:
            board.cards = sorted(
                (c for c in cards.values() if c.group.workshop_id == slot.workshop.pk),
                key=lambda c: c.group.number,
            )
            mine = runs.get(slot.workshop.pk, [])
            board.run = mine[0] if mine else None
            board.pending = next((r for r in mine if r.pending and not r.stuck), None)
        if board.cards and (only_workshop is None or slot.workshop.pk == only_workshop):
            _score(board, previous)
        if board.cards:
            previous = {m.application_id: c.group.pk for c in board.cards for m in c.members}
        result.append(board)
    return result


def _score(board: SlotBoard, previous: dict) -> None:
    for card in board.cards:
        card.members.sort(key=_by_name)
    people = [[person_of(m.application) for m in card.members] for card in board.cards]
    scores = evaluate(people, previous)
    for card, row in zip(board.cards, scores["groups"], strict=True):
        card.scores = row
    board.overall = scores["overall"]
    board.repeats = scores["repeats"]
    everyone = [p for group in people for p in group]
    board.random = random_baseline(everyone, len(board.cards), previous)


def my_groups(user, seminar=None) -> list[dict]:
    """The published groups a participant is in (with their fellow members): for the seminar
    page, the dashboard and the API. Three queries (the third: the slots' labs)."""
    memberships = Membership.objects.filter(
        application__user=user,
        application__status__in=[Application.Status.CONFIRMED, Application.Status.ATTENDED],
        workshop__published_at__isnull=False,
    ).select_related("workshop__seminar", "group__trainer", "group__session")
    if seminar is not None:
        memberships = memberships.filter(workshop__seminar=seminar)
    mine = list(memberships.order_by("workshop__start"))
    if not mine:
        return []
    fellows = (
        Membership.objects.filter(group_id__in=[m.group_id for m in mine])
        .select_related("application__user")
        .order_by("application__user__last_name", "application__user__first_name")
    )
    by_group: dict = {}
    for f in fellows:
        by_group.setdefault(f.group_id, []).append(f)
    # The slots' investigation labs the groups work on, once opened (crossborder/labs/).
    from crossborder.labs.models import Lab

    labs: dict = {}
    for lab in (
        Lab.objects.filter(workshop_id__in=[m.workshop_id for m in mine])
        .exclude(status=Lab.Status.PREPARED)
        .only("pk", "title", "title_fr", "title_de", "status", "workshop_id")
        .order_by("created_at")
    ):
        labs.setdefault(lab.workshop_id, []).append(lab)
    return [
        {
            "workshop": m.workshop,
            "group": m.group,
            "members": by_group.get(m.group_id, []),
            "labs": labs.get(m.workshop_id, []),
        }
        for m in mine
    ]


def trainer_groups(user, *, seminar=None, starts=None) -> list[dict]:
    """The groups a trainer leads, with their members, by time; only those of one `seminar`'s
    slots starting at `starts` when given (the "now" view). Two queries."""
    groups = Group.objects.filter(trainer__user=user)
    if seminar is not None:
        groups = groups.filter(workshop__seminar=seminar, workshop__start__in=starts)
    groups = list(
        groups.select_related("workshop__seminar", "session").order_by("workshop__start", "number")
    )
    members = (
        Membership.objects.filter(group_id__in=[g.pk for g in groups])
        .select_related("application__user")
        .order_by("application__user__last_name", "application__user__first_name")
    )
    by_group: dict = {}
    for m in members:
        by_group.setdefault(m.group_id, []).append(m)
    return [{"group": g, "members": by_group.get(g.pk, [])} for g in groups]


def groups_of_participant(user, seminar) -> list[dict]:
    """The participant's published groups at one seminar (the seminar page)."""
    return my_groups(user, seminar)


def upcoming_groups(user, applications, now) -> list[dict]:
    """The published groups of a participant's seminars that have not ended (the dashboard
    card). No query unless one of their `applications` holds a seat at such a seminar."""
    today = now.date()
    seated = [
        a
        for a in applications
        if a.status in (Application.Status.CONFIRMED, Application.Status.ATTENDED)
        and a.call.seminar.end_date >= today
    ]
    if not seated:
        return []
    return [row for row in my_groups(user) if row["workshop"].seminar.end_date >= today]


def groups_led(user, limit: int = 6) -> list[Group]:
    """The groups a trainer leads, latest first, with their member counts (one query)."""
    from django.db.models import Count

    return list(
        Group.objects.filter(trainer__user=user)
        .select_related("workshop__seminar", "session")
        .annotate(member_count=Count("memberships"))
        .order_by("-workshop__start", "number")[:limit]
    )
