from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    """The signed forms of credentials. An app of its own (no models) so that its management
    command (`credential_keys`) and templates live next to the code they belong to."""

    name = "crossborder.credentials.signing"
    label = "credentials_signing"
    verbose_name = _("Signed credentials")
