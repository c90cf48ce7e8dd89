"""Named people and make_* helpers for tests (and nothing else)."""

import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from crossborder.accounts.models import Profile, Role, User, Vetting

PASSWORD = "correct horse battery staple 42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_user(
    email: str,
    *,
    role: str = Role.PARTICIPANT,
    first_name: str = "Test",
    last_name: str = "Person",
    password: str = PASSWORD,
    mfa: bool | None = None,
    profile: dict | None = None,
) -> User:
    """A verified account; staff roles get a TOTP authenticator unless mfa=False."""
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        first_name=first_name,
        last_name=last_name,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa if mfa is not None else user.requires_mfa:
        TOTP.activate(user, TOTP_SECRET)
    if profile is not None:
        make_profile(user, **profile)
    return user


def make_profile(user: User, **fields) -> Profile:
    defaults = {
        "profession": "prosecutor",
        "country": "BE",
        "organisation": "Parquet de Bruxelles",
        "working_languages": ["fr", "nl", "en"],
        "vetting": Vetting.NONE,
    }
    defaults.update(fields)
    return Profile.objects.create(user=user, **defaults)


def current_totp(secret: str = TOTP_SECRET, offset: int = 0) -> str:
    """The code an authenticator app would show now (offset in 30 s steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def has_totp(user: User) -> bool:
    return user.authenticator_set.filter(type=Authenticator.Type.TOTP).exists()
