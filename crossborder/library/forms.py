from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag
from crossborder.formfields import BoundedModelMultipleChoiceField

from .models import Access


class PracticeForm(forms.Form):
    """A good practice proposed by a practitioner; a moderator reviews it before publishing."""

    title = forms.CharField(label=_("Title"), max_length=200)
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Two or three sentences: what the practice is and why it works."),
    )
    problem = forms.CharField(
        label=_("The problem"), max_length=1500, widget=forms.Textarea(attrs={"rows": 3})
    )
    action = forms.CharField(
        label=_("What was done"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    results = forms.CharField(
        label=_("Results"), max_length=1500, widget=forms.Textarea(attrs={"rows": 3})
    )
    contact = forms.CharField(
        label=_("Contact point"),
        max_length=200,
        help_text=_(
            "A type of office others can contact (e.g. “national JIT expert”), not a person’s name."
        ),
    )
    body = forms.CharField(
        label=_("Full description"),
        required=False,
        max_length=12000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Optional. Markdown: ## headings, lists, links. HTML is removed."),
    )
    sources = forms.CharField(
        label=_("Sources"),
        error_messages={"required": _("Name at least one source.")},
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: report, judgment, law or public web page."),
    )
    professions = forms.MultipleChoiceField(
        label=_("Useful for"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    tags = BoundedModelMultipleChoiceField(
        label=_("Curriculum tags"),
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    access = forms.ChoiceField(
        label=_("Who should be able to read it"),
        choices=[
            (Access.REGISTERED, Access.REGISTERED.label),
            (Access.RESTRICTED, Access.RESTRICTED.label),
        ],
        initial=Access.REGISTERED,
        help_text=_("The moderator decides when publishing."),
    )

    def clean_sources(self):
        lines = [line.strip() for line in self.cleaned_data["sources"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Name at least one source."))
        return lines

    def clean(self):
        data = super().clean()
        tags = data.get("tags") or []
        if tags and not any(t.kind == Tag.Kind.ELEMENT for t in tags):
            self.add_error("tags", _("Choose at least one curriculum element (A, B or C)."))
        return data


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("publish", _("Publish")),
            ("changes", _("Ask the author for changes")),
            ("reject", _("Do not publish")),
        ],
        widget=forms.RadioSelect,
    )
    access = forms.ChoiceField(label=_("Who may read it"), choices=Access.choices, required=False)
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") in {"changes", "reject"} and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell the author what to change or why it is not published."))
        if data.get("decision") == "publish" and not data.get("access"):
            self.add_error("access", _("Choose who may read the published practice."))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visible to vetted practitioners who can read this practice."),
    )
