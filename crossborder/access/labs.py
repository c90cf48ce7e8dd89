"""Permission decisions of the investigation lab (crossborder/labs/).

A lab is worked on either by the groups of a workshop slot (one submission per group) or, in
self-study, by each learner of a module (one submission per learner). Each decision is listed in
__all__, so `crossborder.access` answers it like the others."""

from crossborder.accounts.models import Role

from .base import _role, is_programme_staff
from .workshops import is_slot_trainer


def can_create_labs(user) -> bool:
    """Generate a lab (seed, difficulty, size) for a workshop slot or a module."""
    return is_programme_staff(user)


def can_run_lab(user, lab) -> bool:
    """Open, close and reveal a lab, compare the groups' scores: programme staff; for a
    workshop's lab also the trainers of the slot; for a module's lab its owners."""
    if is_programme_staff(user):
        return True
    if _role(user) != Role.TRAINER:
        return False
    if lab.workshop_id is not None:
        return is_slot_trainer(user, lab.workshop)
    return lab.module.owners.filter(pk=user.pk).exists()


def lab_group(user, lab):
    """The workshop group of `user` in the lab's slot, or None (one query)."""
    if lab.workshop_id is None or _role(user) is None:
        return None
    from crossborder.workshops.models import Group

    return Group.objects.filter(
        workshop_id=lab.workshop_id, memberships__application__user=user
    ).first()


def works_on_lab(user, lab, group=None) -> bool:
    """A participant of the lab: in a workshop, a member of one of the slot's groups (pass the
    `group` already looked up with lab_group); in self-study, anyone who may open the module.
    Closed or not yet opened labs are still readable (the data, the own flags, the score)."""
    if _role(user) is None:
        return False
    if lab.workshop_id is not None:
        return group is not None
    from . import can_open_module

    return lab.module.status == "published" and can_open_module(user, lab.module)


def can_view_lab(user, lab, group=None) -> bool:
    """The case brief, the tables, the graph, the timeline and the downloads. Participants
    once the lab has been opened; those who run it always (to prepare)."""
    if can_run_lab(user, lab):
        return True
    return lab.status != "prepared" and works_on_lab(user, lab, group)


def can_flag_in_lab(user, lab, group=None) -> bool:
    """Add or remove flags and submit: participants while the lab is open (the submission
    itself refuses changes once it has been submitted)."""
    return lab.status == "open" and works_on_lab(user, lab, group)


def can_see_lab_truth(user, lab, group=None) -> bool:
    """The hidden network (the reveal, the ground truth per item): those who run the lab
    always; its participants once the trainer has revealed it."""
    if can_run_lab(user, lab):
        return True
    return lab.revealed_at is not None and works_on_lab(user, lab, group)


__all__ = [
    "can_create_labs",
    "can_flag_in_lab",
    "can_run_lab",
    "can_see_lab_truth",
    "can_view_lab",
    "lab_group",
    "works_on_lab",
]


# --- RUN part (crossborder/labs/running/) -------------------------------------------------


def can_see_own_lab_truth(user, lab, group=None, submission=None) -> bool:
    """What the person's own submission missed (the truth per item): whenever they may see the
    truth (can_see_lab_truth); and in self-study, where no trainer reveals, the learner as soon
    as their own flags are submitted."""
    if can_see_lab_truth(user, lab, group):
        return True
    return (
        lab.workshop_id is None
        and submission is not None
        and submission.submitted_at is not None
        and submission.user_id == user.pk
        and works_on_lab(user, lab, group)
    )


def visible_labs(user) -> list:
    """The labs listed on /labs/: programme staff see every lab; trainers the labs they run
    (their workshop slots', their modules'); participants their workshop groups' labs and the
    labs of the modules they may open, once opened. Two queries at most."""
    if _role(user) is None:
        return []
    from django.db.models import Exists, OuterRef, Q

    from crossborder.labs.models import Lab
    from crossborder.seminars.models import Session

    labs = Lab.objects.select_related("workshop__seminar", "module").order_by("-created_at")
    if is_programme_staff(user):
        return list(labs)
    participant = ~Q(status="prepared") & (
        Q(workshop__groups__memberships__application__user=user)
        | Q(module__isnull=False, module__status="published")
    )
    runs = Q(pk__in=[])
    if _role(user) == Role.TRAINER:
        slot = Session.objects.filter(
            seminar_id=OuterRef("workshop__seminar_id"),
            start=OuterRef("workshop__start"),
            kind=Session.Kind.WORKSHOP,
        ).filter(Q(speakers__user=user) | Q(chair__user=user))
        runs = Q(Exists(slot)) | Q(workshop__groups__trainer__user=user) | Q(module__owners=user)
    from . import can_open_module

    found = labs.filter(participant | runs).distinct()
    if _role(user) == Role.TRAINER:
        found = found.prefetch_related("module__owners")
    return [
        lab
        for lab in found
        if lab.workshop_id is not None
        or can_open_module(user, lab.module)
        or runs_module(user, lab)
    ]


def runs_module(user, lab) -> bool:
    """A trainer who owns the module of a self-study lab (reads prefetched owners)."""
    return (
        _role(user) == Role.TRAINER
        and lab.module_id is not None
        and any(o.pk == user.pk for o in lab.module.owners.all())
    )


__all__ += ["can_see_own_lab_truth", "visible_labs"]
