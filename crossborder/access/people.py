"""Permission decisions about people: the list of people, profiles, vetting, the audit log,
the aggregates, API tokens and the admin site. Each decision is listed in __all__, so
`crossborder.access` answers it like the others."""

from crossborder.accounts.models import Role

from .base import TOKEN_ROLES, _role, is_admin, is_programme_staff

__all__ = [
    "can_edit_profile",
    "can_list_people",
    "can_read_audit",
    "can_see_aggregates",
    "can_use_admin_site",
    "can_use_api_tokens",
    "can_vet",
    "can_view_profile",
]


def can_list_people(user) -> bool:
    return is_programme_staff(user)


def can_view_profile(user, profile) -> bool:
    """Someone's own profile, or anyone's for the people who run the programme."""
    if _role(user) is None:
        return False
    return profile.user_id == user.pk or is_programme_staff(user)


def can_edit_profile(user, profile) -> bool:
    return _role(user) is not None and profile.user_id == user.pk


def can_vet(user, profile) -> bool:
    """Managers confirm that a judge, prosecutor or police officer is who they say."""
    return is_programme_staff(user) and profile.user_id != user.pk


def can_read_audit(user) -> bool:
    return is_admin(user)


def can_see_aggregates(user) -> bool:
    """Anonymous totals (by profession, country, gender): the funder and programme staff."""
    return _role(user) in {Role.FUNDER, Role.MANAGER, Role.ADMIN}


def can_use_api_tokens(user) -> bool:
    return _role(user) in TOKEN_ROLES


def can_use_admin_site(user) -> bool:
    return is_admin(user) and user.is_staff
