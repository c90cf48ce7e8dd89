"""Permission decisions of the workshops: group allocation and the exercises.

Each decision is listed in __all__, so `crossborder.access` answers it like the others."""

from django.db.models import Q

from crossborder.accounts.models import Role

from .base import _role, is_programme_staff

# --- group allocation (crossborder/workshops/allocation/) ----------------------------------------


def can_manage_groups(user) -> bool:
    """Programme staff allocate groups, set pairing rules, move people and publish."""
    return is_programme_staff(user)


def can_see_all_groups(user, seminar) -> bool:
    """Every group with its members: programme staff, and the trainers who speak at the
    seminar (they lead the groups; published or not, so they can prepare)."""
    if is_programme_staff(user):
        return True
    if _role(user) != Role.TRAINER:
        return False
    from crossborder.seminars.models import Session

    return Session.objects.filter(seminar=seminar, speakers__user=user).exists()


def can_see_own_group(user, workshop) -> bool:
    """A participant sees their own group (room, trainer, language, members) once the manager
    has published the workshop's groups; never the members of other groups."""
    return _role(user) is not None and workshop.published_at is not None


def can_list_trainer_groups(user) -> bool:
    """Trainers have a page of the groups they lead."""
    return _role(user) == Role.TRAINER


# --- exercises (the JIT simulation) ------------------------------------------------------------


def can_browse_exercises(user) -> bool:
    """Trainers and programme staff read every exercise whole (all role cards and injects),
    to choose one and prepare it; participants only see a run of their own group."""
    return is_programme_staff(user) or _role(user) == Role.TRAINER


def is_slot_trainer(user, workshop) -> bool:
    """A trainer who speaks at or chairs one of the slot's parallel sessions, or leads one of
    its groups (one query)."""
    if _role(user) != Role.TRAINER:
        return False
    from crossborder.seminars.models import Session, Speaker

    slot = Session.objects.filter(
        seminar_id=workshop.seminar_id, start=workshop.start, kind=Session.Kind.WORKSHOP
    )
    return (
        Speaker.objects.filter(user=user)
        .filter(
            Q(sessions__in=slot)
            | Q(chaired_sessions__in=slot)
            | Q(workshop_groups__workshop=workshop)
        )
        .exists()
    )


def can_run_exercise_in(user, workshop) -> bool:
    """Prepare, open, release injects of and close an exercise in a workshop slot: programme
    staff, and the trainers of the slot."""
    return is_programme_staff(user) or is_slot_trainer(user, workshop)


def can_conduct_run(user, run) -> bool:
    """The trainer's page of a run and its buttons (open, release, close)."""
    return can_run_exercise_in(user, run.workshop)


def can_read_run(user, run, membership=None) -> bool:
    """The participants' page of a run: the members of the slot's groups once the trainer has
    opened it (`membership`: theirs in the slot, looked up by the caller), and whoever
    conducts it."""
    if can_conduct_run(user, run):
        return True
    return (
        membership is not None
        and _role(user) is not None
        and membership.application.user_id == user.pk
        and membership.workshop_id == run.workshop_id
        and run.started
    )


# --- the JIT exercise: group drafts (crossborder/workshops/jit/) --------------------------------


def is_member_of_group(user, group) -> bool:
    from crossborder.workshops.models import Membership

    if _role(user) is None:
        return False
    return Membership.objects.filter(group_id=group.pk, application__user=user).exists()


def can_review_drafts(user, workshop) -> bool:
    """Every group's draft of a workshop's exercises (grid, debrief, exports, API): the
    trainers of the slot and programme staff."""
    return is_programme_staff(user) or is_slot_trainer(user, workshop)


def can_read_draft(user, run, group) -> bool:
    """A group's own draft for its members; every draft for those who review them."""
    return is_member_of_group(user, group) or can_review_drafts(user, run.workshop)


def can_edit_draft(user, run, group) -> bool:
    """The members of the group, while the exercise is open (also after submitting: the
    submission is the version handed in, and a later save says it changed since)."""
    return run.status == "open" and is_member_of_group(user, group)


def can_comment_on_draft(user, run) -> bool:
    return can_review_drafts(user, run.workshop)


__all__ = [
    "can_browse_exercises",
    "can_comment_on_draft",
    "can_conduct_run",
    "can_edit_draft",
    "can_list_trainer_groups",
    "can_manage_groups",
    "can_read_draft",
    "can_read_run",
    "can_review_drafts",
    "can_run_exercise_in",
    "can_see_all_groups",
    "can_see_own_group",
    "is_member_of_group",
    "is_slot_trainer",
]
