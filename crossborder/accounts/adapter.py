from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from crossborder import access
from crossborder.audit.models import record


class AccountAdapter(DefaultAccountAdapter):
    """New accounts are always participants; staff roles are given by an administrator."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            record(actor=user, action="user.signup", obj=user)
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Managers and administrators may not switch off their only second factor."""

    def can_delete_authenticator(self, authenticator) -> bool:
        return access.can_remove_second_factor(authenticator.user, authenticator)
