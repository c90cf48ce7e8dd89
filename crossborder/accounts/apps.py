from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "crossborder.accounts"
    verbose_name = _("People")

    def ready(self):
        from allauth.account.signals import user_logged_in
        from allauth.mfa.signals import authenticator_added, authenticator_removed
        from django.contrib.auth.signals import user_logged_out

        from crossborder.accounts.middleware import SESSION_FLAG, mark_signed_out
        from crossborder.audit.models import record

        def signed_in(request, user, **kwargs):
            record(actor=user, action="user.sign_in", obj=user)

        def factor_added(request, user, authenticator, **kwargs):
            record(actor=user, action="mfa.add", obj=user, details={"type": authenticator.type})

        def factor_removed(request, user, authenticator, **kwargs):
            request.session.pop(SESSION_FLAG, None)
            record(actor=user, action="mfa.remove", obj=user, details={"type": authenticator.type})

        user_logged_out.connect(mark_signed_out, dispatch_uid="clear-site-data", weak=False)
        user_logged_in.connect(signed_in, dispatch_uid="audit-sign-in", weak=False)
        authenticator_added.connect(factor_added, dispatch_uid="audit-mfa-add", weak=False)
        authenticator_removed.connect(factor_removed, dispatch_uid="audit-mfa-remove", weak=False)
