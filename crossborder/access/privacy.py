"""Permission decisions of data rights (crossborder/privacy/). Each decision is listed in
__all__, so `crossborder.access` answers it like the others."""

from .base import _role, is_admin

__all__ = ["can_delete_own_account", "can_download_own_data"]


def can_download_own_data(user) -> bool:
    """Everybody signed in downloads what the platform holds on them."""
    return _role(user) is not None


def can_delete_own_account(user) -> bool:
    """Everybody signed in may delete their own account, except an administrator: another
    administrator first takes the role away, so the platform is never left without one."""
    return _role(user) is not None and not is_admin(user)
