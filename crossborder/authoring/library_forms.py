"""The library entry editor's form. Whatever it accepts passes the same rules as the content
files (library.content.check_entry): the form turns its fields into the front matter of a file
and asks that one function, then shows each problem at the field it names."""

import datetime

import yaml
from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag
from crossborder.formfields import BoundedModelMultipleChoiceField, LinesField
from crossborder.library.content import DETAILS, check_entry, plain
from crossborder.library.models import Entry

from .markdown_checks import unsafe_markup
from .module_forms import RESERVED_SLUGS, TagChoiceField

# Where each rule's problem is shown: the file's names for things → the form's fields.
FIELD_OF = {"elements": "tags", "forms": "tags", "themes": "tags"}


def details_template(kind: str) -> str:
    """The details a new entry of this kind needs, as YAML to fill in."""
    return "".join(f'{name}: ""\n' for name in DETAILS.get(kind, ()))


class SourcesField(forms.CharField):
    """Sources, one per line: a title, and optionally " | " and an https:// link."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                f"{s.get('title', '')} | {s['url']}" if s.get("url") else s.get("title", "")
                for s in value
                if isinstance(s, dict)
            )
        return value

    def to_python(self, value):
        ProhibitNullCharactersValidator()(value or "")  # the list's repr would hide it
        sources = []
        for line in (value or "").splitlines():
            title, _bar, url = (part.strip() for part in line.partition("|"))
            if title or url:
                sources.append({"title": title, "url": url} if url else {"title": title})
        return sources


class EntryForm(forms.ModelForm):
    professions = forms.MultipleChoiceField(
        label=_("For professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    countries = forms.CharField(
        label=_("Countries"),
        required=False,
        help_text=_("Two-letter codes separated by commas, e.g. GR, PL. Empty: all of Europe."),
    )
    tags = TagChoiceField(
        label=_("Curriculum tags"),
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    citations = LinesField(
        label=_("Citations"),
        required=False,
        help_text=_("One per line: what people type to find it (2011/36/EU, C-670/22, 21884/15)."),
    )
    sources = SourcesField(
        label=_("Sources"),
        error_messages={"required": _("Name at least one source.")},
        help_text=_("One per line: a title, then optionally “ | https://…” for a link."),
    )
    details = forms.CharField(
        label=_("Details of its kind (YAML)"),
        error_messages={"required": _("Fill in the details its kind needs (see below).")},
        widget=forms.Textarea(attrs={"rows": 8, "class": "code"}),
    )
    related = BoundedModelMultipleChoiceField(
        label=_("Related entries"),
        queryset=Entry.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Entry
        fields = [
            "kind",
            "title",
            "title_fr",
            "title_de",
            "slug",
            "summary",
            "summary_fr",
            "summary_de",
            "body",
            "access",
            "status",
            "professions",
            "countries",
            "tags",
            "citations",
            "sources",
            "details",
            "reviewed",
            "related",
        ]
        labels = {
            "title": _("Title (English)"),
            "summary": _("Summary (English)"),
            "body": _("Text (English)"),
            "slug": _("Short name in the address"),
            "status": _("Status"),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_de": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "reviewed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; made from the title when left empty."),
            "body": _("Markdown: ## headings, **bold**, lists, [links](https://…)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["summary"].required = True
        self.fields["reviewed"].required = True
        others = Entry.objects.only("pk", "slug", "kind", "title").order_by("title")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["slug"].disabled = True
            self.initial["details"] = _dump(self.instance.details)
            self.initial["countries"] = ", ".join(self.instance.countries)
        else:
            self.initial.setdefault("details", details_template(self.initial.get("kind", "")))
        self.fields["related"].queryset = others
        kinds = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in DETAILS.items())
        self.fields["details"].help_text = _("What each kind needs: %(kinds)s.") % {"kinds": kinds}

    def clean_slug(self):
        from .modules import unique_slug

        if self.fields["slug"].disabled:
            return self.instance.slug
        slug = self.cleaned_data.get("slug") or ""
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug or unique_slug(Entry, self.cleaned_data.get("title") or "entry")

    def clean_countries(self):
        text = self.cleaned_data["countries"].replace(";", ",")
        return [code.strip().upper() for code in text.split(",") if code.strip()]

    def clean_details(self):
        try:
            details = yaml.safe_load(self.cleaned_data["details"] or "") or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else "?"
            raise forms.ValidationError(
                _("This is not valid YAML (line %(line)s).") % {"line": line}
            ) from None
        if not isinstance(details, dict):
            raise forms.ValidationError(_("Write the details as “name: value” lines."))
        return plain(details)

    def clean_body(self):
        text = self.cleaned_data["body"]
        found = unsafe_markup(text)
        if found:
            raise forms.ValidationError(
                _(
                    "The text contains %(what)s; scripts, event handlers and htmx attributes are "
                    "not allowed."
                )
                % {"what": ", ".join(found)}
            )
        return text

    def clean(self):
        data = super().clean()
        tags = data.get("tags") or []
        meta = {
            "kind": data.get("kind"),
            "title": {"en": data.get("title")},
            "summary": {"en": data.get("summary")},
            "access": data.get("access"),
            "elements": [t.code for t in tags if t.kind == Tag.Kind.ELEMENT],
            "forms": [t.code for t in tags if t.kind == Tag.Kind.FORM],
            "themes": [t.code for t in tags if t.kind == Tag.Kind.THEME],
            "professions": data.get("professions") or [],
            "countries": data.get("countries") or [],
            "reviewed": data.get("reviewed"),
            "sources": data.get("sources") or [],
            "details": data.get("details") or {},
        }
        if "reviewed" in self.errors or not isinstance(meta["reviewed"], datetime.date):
            meta["reviewed"] = datetime.date.min  # its own message is already there
        tag_codes = dict(Tag.objects.values_list("code", "kind"))
        problems = check_entry(
            meta,
            data.get("body") or "",
            tag_codes,
            written_for_training=self.instance.author_id is None,
        )
        own = set(self.errors)  # a field's own message says it best: the rules' would repeat it
        for name, text in problems:
            field = FIELD_OF.get(name, name)
            if field not in own:
                self.add_error(field if field in self.fields else None, capfirst(text))
        return data


def _dump(details: dict) -> str:
    if not details:
        return ""
    return yaml.safe_dump(details, allow_unicode=True, sort_keys=False, width=100)
