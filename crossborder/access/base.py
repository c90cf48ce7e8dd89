"""The role a user acts in, and the checks every other decision starts from."""

from crossborder.accounts.models import Role

PROGRAMME_STAFF = frozenset({Role.MANAGER, Role.ADMIN})
TOKEN_ROLES = frozenset({Role.TRAINER, Role.MANAGER, Role.FUNDER, Role.ADMIN})


def _role(user) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.effective_role


def is_signed_in(user) -> bool:
    """Signed in with an active account (the menu of a member rather than of a visitor)."""
    return _role(user) is not None


def is_programme_staff(user) -> bool:
    """Programme managers and administrators run the programme."""
    return _role(user) in PROGRAMME_STAFF


def is_admin(user) -> bool:
    return _role(user) == Role.ADMIN
