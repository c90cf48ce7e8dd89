from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from crossborder.accounts.models import LANGUAGE_CHOICES, Profession
from crossborder.curriculum.models import Tag
from crossborder.formfields import BoundedModelMultipleChoiceField

from .models import FIELDS, MESSAGE_MAX, POST_MAX, NetworkListing


class ListingForm(forms.ModelForm):
    """The person's choices; `listed` is the consent itself (ticked: consent given)."""

    listed = forms.BooleanField(
        label=_("Yes, list me in the practitioner directory under the terms above"),
        required=False,
    )
    tags = BoundedModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Areas of expertise"),
        help_text=_("Choose up to 8 terms of the curriculum taxonomy."),
    )

    class Meta:
        model = NetworkListing
        fields = ["listed", "audience", *(f"show_{f}" for f in FIELDS), "tags"]
        widgets = {"audience": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].label_from_instance = lambda tag: tag.short_local

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if len(tags) > 8:
            raise forms.ValidationError(_("Choose at most 8 areas of expertise."))
        return tags

    def clean(self):
        data = super().clean()
        if data.get("listed") and not any(data.get(f"show_{f}") for f in FIELDS):
            raise forms.ValidationError(
                _("Show at least one field, or leave the directory: nobody could find you.")
            )
        return data


class SearchForm(forms.Form):
    """The directory's filters; an unknown value is an error, never an empty result."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    profession = forms.ChoiceField(label=_("Profession"), required=False)
    tag = forms.ChoiceField(label=_("Expertise"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    cohort = forms.ChoiceField(label=_("Seminar cohort"), required=False)

    def __init__(self, *args, tags: dict, seminars: dict, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["country"].choices = anything + list(countries)
        self.fields["profession"].choices = anything + list(Profession.choices)
        self.fields["tag"].choices = anything + list(tags.items())
        self.fields["language"].choices = anything + list(LANGUAGE_CHOICES)
        self.fields["cohort"].choices = anything + list(seminars.items())


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Say why you would like to be in touch (20 to 500 characters, plain text). The person "
            "sees your name, profession, organisation and country; your email address is shared "
            "only if they accept."
        ),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this request?"),
        max_length=1000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message to the cohort"),
        max_length=POST_MAX,
        min_length=2,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Plain text, up to 2,000 characters. Everyone in this cohort's space reads it with "
            "your name; do not write about live cases or victims."
        ),
    )


class PostReportForm(ReportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("What is wrong with this message?")


class CloseReportForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=300)
