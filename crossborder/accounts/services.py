"""Workflows on people that write the audit trail."""

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils import timezone

from crossborder.audit.models import record

from .forms import ProfileForm
from .models import ApiToken, Profile, Role, User, Vetting

AUDITED_PROFILE_FIELDS = ["profession", "country", "organisation", "job_title", "gender"]


@transaction.atomic
def create_account(
    *,
    email: str,
    password: str | None,
    role: str = Role.PARTICIPANT,
    first_name: str = "",
    last_name: str = "",
    totp_secret: str | None = None,
    profile: dict | None = None,
) -> User:
    """An account ready to sign in, as the demo and the tests need it: the user, their verified
    primary email address, a TOTP authenticator when a secret is given (staff must have one),
    and the practitioner profile when its fields are given. No password: cannot sign in."""
    user = User.objects.create_user(
        email=email, password=password, role=role, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if totp_secret:
        TOTP.activate(user, totp_secret)
    if profile is not None:
        Profile.objects.create(user=user, **profile)
    return user


@transaction.atomic
def save_profile(*, form: ProfileForm, by: User) -> Profile:
    """Save a practitioner's own profile and note which fields changed."""
    created = form.instance.pk is None
    changed = [f for f in form.changed_data if f in AUDITED_PROFILE_FIELDS]
    profile = form.save()
    record(
        actor=by,
        action="profile.create" if created else "profile.update",
        obj=profile,
        details={"fields": changed},
    )
    return profile


@transaction.atomic
def set_vetting(*, profile: Profile, status: str, note: str, by: User) -> Profile:
    """Record a manager's decision on whether a practitioner is verified judiciary/police."""
    previous = profile.vetting
    profile.vetting = status
    profile.vetted_by = by if status == Vetting.VERIFIED else profile.vetted_by
    profile.vetted_at = timezone.now()
    profile.save(update_fields=["vetting", "vetted_by", "vetted_at", "updated_at"])
    record(
        actor=by,
        action="profile.vetting",
        obj=profile,
        details={"from": previous, "to": status, "note": note},
    )
    return profile


@transaction.atomic
def issue_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    token, secret = ApiToken.issue(user=user, name=name)
    record(actor=user, action="api_token.issue", obj=token)
    return token, secret


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by: User) -> None:
    token.revoke()
    record(actor=by, action="api_token.revoke", obj=token)
