"""The JIT draft as forms: one small form per section for its fields, and a formset for its rows.

Everything is optional (a draft saves with gaps; the checklist lists them); what is refused is
input that is malformed: a text too long, an impossible date, an unknown choice, too many rows.
Each formset shows two empty rows beyond the filled ones, so the page works without JavaScript;
with htmx, "Add" fetches one more row (see views.draft_row).
"""

import functools

from django import forms
from django.utils.translation import gettext_lazy as _

from . import schema

EXTRA_ROWS = 2


def _form_field(f: schema.Field) -> forms.Field:
    common = {"label": f.label, "required": False, "help_text": f.help}
    if f.kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
        )
    if f.kind == "choice":
        return forms.ChoiceField(choices=[("", "—"), *f.choices], **common)
    if f.kind == "long":
        return forms.CharField(
            max_length=f.max_length, widget=forms.Textarea(attrs={"rows": 3}), **common
        )
    return forms.CharField(max_length=f.max_length, **common)


def _stored(value) -> str:
    """A cleaned value as kept in the draft's JSON (dates as ISO text)."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value).strip()


@functools.cache
def section_form_class(section_key: str) -> type[forms.Form]:
    s = schema.section(section_key)
    return type(
        f"{section_key.title()}Form", (forms.Form,), {f.key: _form_field(f) for f in s.fields}
    )


class RowForm(forms.Form):
    """One row of a section (a leader, a member, an action …), with a box to remove it."""

    remove = forms.BooleanField(label=_("Remove"), required=False)

    def cleaned_row(self) -> dict | None:
        """The row as stored, or None when it is to be dropped (removed, or left empty)."""
        if not self.is_bound or self.cleaned_data.get("remove"):
            return None
        row = {k: _stored(v) for k, v in self.cleaned_data.items() if k != "remove"}
        return row if any(row.values()) else None


@functools.cache
def row_form_class(section_key: str) -> type[RowForm]:
    s = schema.section(section_key)
    return type(
        f"{section_key.title()}RowForm", (RowForm,), {c.key: _form_field(c) for c in s.rows.columns}
    )


@functools.cache
def rows_formset_class(section_key: str):
    return forms.formset_factory(
        row_form_class(section_key),
        extra=EXTRA_ROWS,
        max_num=schema.MAX_ROWS,
        validate_max=True,
        absolute_max=schema.MAX_ROWS + EXTRA_ROWS,
    )


def rows_prefix(section_key: str) -> str:
    return f"{section_key}-rows"


def new_row_form(section_key: str, index: int) -> RowForm:
    """An empty row at position `index` of a section's formset (for htmx's "Add")."""
    return row_form_class(section_key)(prefix=f"{rows_prefix(section_key)}-{index}")


class SectionForms:
    """A section's form and formset, bound to posted data or filled from the draft."""

    def __init__(self, section: schema.Section, content: dict, data=None):
        self.section = section
        stored = (content or {}).get(section.key) or {}
        self.form = None
        self.formset = None
        if section.fields:
            initial = {f.key: schema.value(content, section.key, f.key) for f in section.fields}
            self.form = section_form_class(section.key)(
                data, prefix=section.key, initial=None if data is not None else initial
            )
        if section.rows:
            rows = stored.get("rows", []) if isinstance(stored, dict) else []
            self.formset = rows_formset_class(section.key)(
                data,
                prefix=rows_prefix(section.key),
                initial=None if data is not None else [r for r in rows if isinstance(r, dict)],
            )

    def is_valid(self) -> bool:
        ok = self.form.is_valid() if self.form is not None else True
        return (self.formset.is_valid() if self.formset is not None else True) and ok

    def cleaned(self) -> dict:
        data = {}
        if self.form is not None:
            data.update({k: _stored(v) for k, v in self.form.cleaned_data.items()})
        if self.formset is not None:
            kept = (f.cleaned_row() for f in self.formset.forms)
            data["rows"] = [r for r in kept if r is not None]
        return data

    @property
    def has_errors(self) -> bool:
        if self.form is not None and self.form.errors:
            return True
        return self.formset is not None and (
            bool(self.formset.non_form_errors()) or any(f.errors for f in self.formset.forms)
        )


class DraftForm:
    """The whole draft: every section of the schema, in order."""

    def __init__(self, content: dict | None = None, data=None):
        self.sections = [SectionForms(s, content or {}, data) for s in schema.SECTIONS]

    def is_valid(self) -> bool:
        valid = [s.is_valid() for s in self.sections]  # every form, so all errors show
        return all(valid)

    def cleaned_content(self) -> dict:
        return {s.section.key: s.cleaned() for s in self.sections}

    def invalid_sections(self) -> list[schema.Section]:
        return [s.section for s in self.sections if s.has_errors]

    def part(self, part: str) -> list[SectionForms]:
        return [s for s in self.sections if s.section.part == part]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
