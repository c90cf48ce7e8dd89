import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from crossborder.accounts.models import LANGUAGE_CHOICES

from .models import ReferralProfile, Service
from .services import APPROVE, REJECT, WITHDRAW

PHONE = re.compile(r"^\+?[0-9 ()./-]{6,30}$")
# Personal mailboxes: a referral profile gives the organisation's own address.
WEBMAIL = frozenset(
    "gmail.com googlemail.com yahoo.com yahoo.fr yahoo.de hotmail.com hotmail.fr outlook.com "
    "live.com msn.com icloud.com me.com aol.com gmx.de gmx.net gmx.at web.de t-online.de "
    "laposte.net orange.fr free.fr wp.pl o2.pl interia.pl seznam.cz libero.it abv.bg "
    "mail.ru yandex.ru proton.me protonmail.com".split()
)


def clean_phone(value: str) -> str:
    value = " ".join(value.split())
    if value and (not PHONE.match(value) or sum(c.isdigit() for c in value) < 6):
        raise forms.ValidationError(
            _("Enter a phone number with its country code, e.g. +351 210 000 000.")
        )
    return value


class ReferralProfileForm(forms.Form):
    name = forms.CharField(label=_("Organisation"), max_length=200)
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    regions = forms.CharField(
        label=_("Regions served"),
        max_length=300,
        required=False,
        help_text=_("Cities or regions, e.g. “Greater Lisbon, Setúbal”. Empty: the whole country."),
    )
    services = forms.MultipleChoiceField(
        label=_("Services offered"),
        choices=Service.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one service.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you work in with victims"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    hours = forms.CharField(
        label=_("When to call"),
        max_length=200,
        help_text=_("Office hours and whether someone answers at night and at weekends."),
    )
    how_to_refer = forms.CharField(
        label=_("How to refer a victim"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Whom to call first, what to send (a referral form, the identification indicators "
            "observed), and what happens next. Plain text."
        ),
    )
    consent = forms.CharField(
        label=_("The victim's consent"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the victim must agree to before you are contacted, and how."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        help_text=_("The organisation's number, with the country code; never a staff member's."),
    )
    hotline = forms.CharField(
        label=_("Hotline (outside office hours)"), max_length=40, required=False
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("An address of the organisation (e.g. referrals@…), never a personal one."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    reviewed = forms.BooleanField(
        label=_("I have checked that this information is correct today."),
        error_messages={"required": _("Confirm that you have checked the information.")},
    )

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_hotline(self):
        return clean_phone(self.cleaned_data["hotline"])

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if email.rsplit("@", 1)[-1] in WEBMAIL:
            raise forms.ValidationError(
                _(
                    "This looks like a personal mailbox. Give an address of the organisation's "
                    "own domain."
                )
            )
        return email

    def clean_website(self):
        url = self.cleaned_data["website"]
        if url and not url.startswith(("https://", "http://")):
            raise forms.ValidationError(_("Enter a web address starting with https://."))
        return url

    @staticmethod
    def initial_of(profile: ReferralProfile) -> dict:
        """The form as the editors last wrote it (pending contact changes included)."""
        from .services import FIELDS

        initial = {f: profile.proposed(f) for f in FIELDS}
        initial["services"] = [o.service for o in profile.offers.all()]
        initial["languages"] = [x.code for x in profile.languages.all()]
        return initial


class EditorForm(forms.Form):
    email = forms.EmailField(
        label=_("Colleague's email address"),
        help_text=_("They need an account here with the profession “Civil society / NGO”."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Reason (sent to the editors)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, profile: ReferralProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = decisions_for(profile)

    def clean(self):
        data = super().clean()
        if data.get("decision") in (REJECT, WITHDRAW) and not data.get("note", "").strip():
            self.add_error("note", _("Give the reason: the editors read it."))
        return data


def decisions_for(profile: ReferralProfile) -> list[tuple[str, str]]:
    """What a manager may decide on this profile now."""
    if profile.status == "pending":
        return [(APPROVE, _("Approve and publish")), (REJECT, _("Reject"))]
    if profile.is_approved and profile.has_pending_changes:
        return [
            (APPROVE, _("Approve the new details")),
            (REJECT, _("Refuse the new details (the current ones stay)")),
            (WITHDRAW, _("Withdraw the profile")),
        ]
    if profile.is_approved:
        return [(WITHDRAW, _("Withdraw the profile"))]
    return []
