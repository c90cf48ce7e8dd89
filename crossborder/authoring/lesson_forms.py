"""The lesson editor's forms: a lesson in its languages with its sources, and an image for it."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from crossborder.formfields import BoundedModelMultipleChoiceField, LinesField
from crossborder.learning.models import Lesson
from crossborder.library.models import Entry

from .markdown_checks import unsafe_markup


class LessonForm(forms.ModelForm):
    source_entries = BoundedModelMultipleChoiceField(
        label=_("Library entries"),
        queryset=Entry.objects.published(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    source_urls = LinesField(
        label=_("Other sources (links)"),
        required=False,
        help_text=_("One https:// address per line."),
    )

    class Meta:
        model = Lesson
        fields = ["title", "title_fr", "title_de", "body", "body_fr", "body_de"]
        labels = {
            "title": _("Title (English)"),
            "title_fr": _("Title (French)"),
            "title_de": _("Title (German)"),
            "body": _("Text (English)"),
            "body_fr": _("Text (French)"),
            "body_de": _("Text (German)"),
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "body_fr": forms.Textarea(attrs={"rows": 8}),
            "body_de": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "body": _("Markdown: ## headings, **bold**, lists, [links](https://…), images."),
            "body_fr": _("Optional: learners reading in French see it instead of the English."),
            "body_de": _("Optional: learners reading in German see it instead of the English."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = self.instance.sources or []
        self.initial.setdefault(
            "source_entries", [s for s in sources if not s.startswith("https://")]
        )
        self.initial.setdefault("source_urls", [s for s in sources if s.startswith("https://")])

    def _clean_markup(self, name):
        text = self.cleaned_data.get(name) or ""
        found = unsafe_markup(text)
        if found:
            raise forms.ValidationError(
                _(
                    "%(field)s contains %(what)s. Scripts, event handlers and htmx attributes are "
                    "not allowed in lessons; remove them."
                )
                % {"field": self.fields[name].label, "what": ", ".join(found)}
            )
        return text

    def clean_body(self):
        return self._clean_markup("body")

    def clean_body_fr(self):
        return self._clean_markup("body_fr")

    def clean_body_de(self):
        return self._clean_markup("body_de")

    def clean_source_urls(self):
        urls = self.cleaned_data["source_urls"]
        check = URLValidator(schemes=["https"])
        for url in urls:
            try:
                check(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(url)s” is not an https:// address.") % {"url": url[:80]}
                ) from None
        return urls

    def clean(self):
        data = super().clean()
        for language, name in (("fr", _("French")), ("de", _("German"))):
            if data.get(f"body_{language}") and not data.get(f"title_{language}"):
                self.add_error(
                    f"title_{language}",
                    _("Give the %(language)s title too, or leave its text empty.")
                    % {"language": name},
                )
        return data

    def save(self, commit=True):
        lesson = super().save(commit=False)
        entries = [e.slug for e in self.cleaned_data.get("source_entries") or []]
        lesson.sources = entries + list(self.cleaned_data.get("source_urls") or [])
        if commit:
            lesson.save()
        return lesson


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Image"))
    alt = forms.CharField(
        label=_("What the image shows"),
        max_length=200,
        help_text=_("Read aloud to people who cannot see it."),
    )
    target = forms.ChoiceField(
        label=_("Add it to"),
        choices=[
            ("body", _("Text (English)")),
            ("body_fr", _("Text (French)")),
            ("body_de", _("Text (German)")),
        ],
    )
