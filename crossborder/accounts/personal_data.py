"""Personal data of the accounts app: the account, the practitioner profile, the email
addresses and second factors (allauth), and the API tokens. Never a secret: no password hash,
no TOTP seed, no recovery code, no token (only its name and first characters)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _

from .models import DELETED_EMAIL_DOMAIN, ApiToken, Profile

LABEL = _("Account and profile")


def export(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    return {
        "account": {
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "role": user.role,
            "language_for_emails": user.language,
            "joined": user.date_joined,
            "last_sign_in": user.last_login,
            "active": user.is_active,
        },
        "profile": None
        if profile is None
        else {
            "profession": profile.profession,
            "country": profile.country.code,
            "organisation": profile.organisation,
            "function": profile.job_title,
            "gender": profile.gender,
            "working_languages": profile.working_languages,
            "biography": profile.bio,
            "vetting": profile.vetting,
            "vetted_at": profile.vetted_at,
            "updated_at": profile.updated_at,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "second_factors": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.hint,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
                "revoked_at": t.revoked_at,
            }
            for t in ApiToken.objects.filter(user=user)
        ],
    }


def erase(user) -> None:
    """The identity goes; the account row stays, deactivated and nameless, because the
    anonymous records of the other apps (applications, attempts, sittings) point at it. The
    profile keeps profession, country, gender, working languages and vetting: the funder's
    indicators count people by them."""
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).update(organisation="", job_title="", bio="")
    user.first_name = ""
    user.last_name = ""
    user.email = f"deleted-{user.pk}@{DELETED_EMAIL_DOMAIN}"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()  # also ends every other session (their auth hash changes)
    user.save(
        update_fields=[
            "first_name",
            "last_name",
            "email",
            "is_active",
            "is_staff",
            "is_superuser",
            "password",
        ]
    )
