"""The form of the public credential checker: upload a file or paste its JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .verifying import MAX_BYTES


class CredentialFileForm(forms.Form):
    file = forms.FileField(
        label=_("Credential file (.json)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.jsonld,application/json"}),
    )
    text = forms.CharField(
        label=_("Or paste the credential's JSON"),
        required=False,
        strip=True,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"max_length": _("This text is too long for a credential.")},
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s KB); a credential is at most %(max)s KB."),
                params={"size": upload.size // 1024, "max": MAX_BYTES // 1024},
            )
        return upload

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("file") and data.get("text"):
            raise forms.ValidationError(_("Upload a file or paste the JSON, not both."))
        if not data.get("file") and not data.get("text"):
            raise forms.ValidationError(_("Upload a credential file or paste its JSON."))
        return data

    def raw(self) -> bytes:
        """The submitted credential as bytes (a valid form only)."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.read(MAX_BYTES + 1)
        return self.cleaned_data["text"].encode("utf-8")
