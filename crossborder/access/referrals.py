"""Permission decisions of the NGO referral profiles (crossborder/referrals/). Each decision is
listed in __all__, so `crossborder.access` answers it like the others.

A profile is organisational, not personal, but a false one could send a victim to the wrong
people: it is seen only once a manager has approved it; before that, by its editors and the
programme staff who decide on it."""

from crossborder.accounts.models import Profession

from .base import _role, is_programme_staff

__all__ = [
    "can_approve_referral_profiles",
    "can_create_referral_profile",
    "can_edit_referral_profile",
    "can_search_referrals",
    "can_view_referral_profile",
    "edits_referral_profile",
]


def can_search_referrals(user) -> bool:
    """Every signed-in person finds the support services of a country."""
    return _role(user) is not None


def can_create_referral_profile(user) -> bool:
    """Staff of civil-society organisations publish their organisation's profile."""
    if _role(user) is None:
        return False
    profile = getattr(user, "profile", None)
    return bool(profile and profile.profession == Profession.CIVIL_SOCIETY)


def edits_referral_profile(user, referral) -> bool:
    """Whether the person is one of the profile's editors (`referral.editors`; prefetch it
    when asking for many profiles)."""
    return _role(user) is not None and any(u.pk == user.pk for u in referral.editors.all())


def can_edit_referral_profile(user, referral) -> bool:
    """Its editors, while they still work for civil society (an editor who changed job loses
    the right with the profession)."""
    return can_create_referral_profile(user) and edits_referral_profile(user, referral)


def can_approve_referral_profiles(user) -> bool:
    """Programme managers approve, reject or withdraw profiles and check changed contacts."""
    return is_programme_staff(user)


def can_view_referral_profile(user, referral) -> bool:
    """A published profile for every signed-in person; an unpublished one for its editors and
    the programme staff who decide on it."""
    if not can_search_referrals(user):
        return False
    if referral.is_approved:
        return True
    return edits_referral_profile(user, referral) or can_approve_referral_profiles(user)
