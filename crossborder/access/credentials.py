"""Permission decisions of credentials (crossborder/credentials/). Each decision is listed in
__all__, so `crossborder.access` answers it like the others.

Verifying a certificate needs no decision: anybody with its code may see what it certifies
(the code is the holder's consent to share it; see crossborder/credentials/views/public.py)."""

from .base import _role, is_programme_staff

__all__ = [
    "can_download_credential",
    "can_have_wallet",
    "can_issue_credentials",
    "can_revoke_credentials",
    "owns_credential",
]


def can_have_wallet(user) -> bool:
    """Every signed-in person keeps their certificates in a wallet (most are participants,
    but a manager may have attended a seminar or passed a module too)."""
    return _role(user) is not None


def owns_credential(user, credential) -> bool:
    return _role(user) is not None and credential.holder_id == user.pk


def can_download_credential(user, credential) -> bool:
    """The holder, and the programme staff who issued it (the zip of a seminar)."""
    return owns_credential(user, credential) or is_programme_staff(user)


def can_issue_credentials(user) -> bool:
    """Issue a seminar's certificates (one by one or all at once) and download them as a zip."""
    return is_programme_staff(user)


def can_revoke_credentials(user) -> bool:
    """Revoke a certificate issued in error, with a reason (audited)."""
    return is_programme_staff(user)
