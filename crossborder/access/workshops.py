"""Permission decisions of the workshops: group allocation and the exercises.

Each decision is listed in __all__, so `crossborder.access` answers it like the others."""

__all__: list[str] = []


# --- group allocation (crossborder/workshops/allocation/) ----------------------------------------

from crossborder.accounts.models import Role

from .base import _role, is_programme_staff


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


__all__ += [
    "can_list_trainer_groups",
    "can_manage_groups",
    "can_see_all_groups",
    "can_see_own_group",
]
