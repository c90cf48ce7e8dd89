from allauth.account.adapter import DefaultAccountAdapter

from crossborder.audit.models import record


class AccountAdapter(DefaultAccountAdapter):
    """New accounts are always participants; staff roles are given by an administrator."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            record(actor=user, action="user.signup", obj=user)
        return user
