"""Permission decisions of the workshops: group allocation and the exercises.

Each decision is listed in __all__, so `crossborder.access` answers it like the others."""

__all__: list[str] = []


# --- the JIT exercise: group drafts (crossborder/workshops/jit/) --------------------------------

__all__ += [
    "can_comment_on_draft",
    "can_edit_draft",
    "can_read_draft",
    "can_review_drafts",
    "is_member_of_group",
    "is_trainer_of_workshop",
]


def is_trainer_of_workshop(user, workshop) -> bool:
    """A trainer of one of the slot's groups, or a speaker of one of its parallel sessions."""
    from crossborder.accounts.models import Role
    from crossborder.seminars.models import Session
    from crossborder.workshops.models import Group

    from .base import _role

    if _role(user) != Role.TRAINER:
        return False
    return (
        Group.objects.filter(workshop_id=workshop.pk, trainer__user=user).exists()
        or Session.objects.filter(
            seminar_id=workshop.seminar_id,
            start=workshop.start,
            kind=Session.Kind.WORKSHOP,
            speakers__user=user,
        ).exists()
    )


def is_member_of_group(user, group) -> bool:
    from crossborder.workshops.models import Membership

    from .base import _role

    if _role(user) is None:
        return False
    return Membership.objects.filter(group_id=group.pk, application__user=user).exists()


def can_review_drafts(user, workshop) -> bool:
    """Every group's draft of a workshop's exercises (grid, debrief, exports, API): the
    trainers of the slot and programme staff."""
    from .base import is_programme_staff

    return is_programme_staff(user) or is_trainer_of_workshop(user, workshop)


def can_read_draft(user, run, group) -> bool:
    """A group's own draft for its members; every draft for those who review them."""
    return is_member_of_group(user, group) or can_review_drafts(user, run.workshop)


def can_edit_draft(user, run, group) -> bool:
    """The members of the group, while the exercise is open (also after submitting: the
    submission is the version handed in, and a later save says it changed since)."""
    return run.status == "open" and is_member_of_group(user, group)


def can_comment_on_draft(user, run) -> bool:
    return can_review_drafts(user, run.workshop)
