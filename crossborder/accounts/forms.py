from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, Profile, User, Vetting


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup`)."""

    first_name = forms.CharField(label=_("Given name"), max_length=80)
    last_name = forms.CharField(label=_("Family name"), max_length=80)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.ModelForm):
    """The practitioner completes and edits their own profile, names included."""

    first_name = forms.CharField(label=_("Given name"), max_length=80)
    last_name = forms.CharField(label=_("Family name"), max_length=80)
    language = forms.ChoiceField(
        label=_("Language for emails"),
        choices=[("en", "English"), ("fr", "Français"), ("de", "Deutsch")],
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages you can work in at a seminar."),
    )

    class Meta:
        model = Profile
        fields = [
            "profession",
            "country",
            "organisation",
            "job_title",
            "gender",
            "working_languages",
            "bio",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 1500})}
        help_texts = {
            "country": _("The country where you work."),
            "organisation": _("Your court, office, service or organisation."),
        }

    field_order = ["first_name", "last_name"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["language"].initial = user.language

    def clean_organisation(self):
        value = self.cleaned_data["organisation"].strip()
        if not value:
            raise forms.ValidationError(_("Tell us which organisation you work for."))
        return value

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.user = self.user
        self.user.first_name = self.cleaned_data["first_name"].strip()
        self.user.last_name = self.cleaned_data["last_name"].strip()
        self.user.language = self.cleaned_data["language"]
        if commit:
            self.user.save(update_fields=["first_name", "last_name", "language"])
            profile.save()
        return profile


class VettingForm(forms.Form):
    vetting = forms.ChoiceField(label=_("Vetting status"), choices=Vetting.choices)
    note = forms.CharField(
        label=_("Reason or reference"),
        max_length=300,
        help_text=_("For example the document or contact that confirmed the person's function."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “reporting script”."),
    )


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, email or organisation"), required=False, max_length=100)
    profession = forms.ChoiceField(required=False, label=_("Profession"))
    country = forms.ChoiceField(required=False, label=_("Country"))
    vetting = forms.ChoiceField(required=False, label=_("Vetting"))

    def __init__(self, *args, **kwargs):
        from django_countries import countries

        from .models import Profession

        super().__init__(*args, **kwargs)
        self.fields["profession"].choices = [("", _("All professions")), *Profession.choices]
        self.fields["country"].choices = [
            ("", _("All countries")),
            *[(c.code, c.name) for c in countries],
        ]
        self.fields["vetting"].choices = [("", _("Any status")), *Vetting.choices]
