from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def confirmation_word() -> str:
    """The word a person types to confirm the deletion, in the language of the page."""
    return gettext("DELETE")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type the word shown above to confirm"),
        max_length=40,
        error_messages={"required": _("Type the word to confirm that your account goes.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_confirm(self):
        typed = self.cleaned_data["confirm"].strip()
        if typed.casefold() != confirmation_word().casefold():
            raise forms.ValidationError(
                _("You typed “%(typed)s”. Type %(word)s to delete your account."),
                params={"typed": typed[:40], "word": confirmation_word()},
                code="mismatch",
            )
        return typed
