"""Form fields shared by the apps' forms."""

import datetime

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import connection, models
from django.utils.translation import gettext_lazy as _


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field that also refuses, as an unknown choice, an integer key the database
    cannot hold: SQLite raises OverflowError on `pk__in` with a number beyond 64 bits."""

    def clean(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.IntegerField) and isinstance(value, list | tuple):
            low, high = connection.ops.integer_field_range(key.get_internal_type())
            for item in value:
                try:
                    number = int(str(item))
                except ValueError:
                    continue  # Django's own check refuses it
                if (low is not None and number < low) or (high is not None and number > high):
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        ProhibitNullCharactersValidator()(value or "")  # the list's repr would hide it
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def has_changed(self, initial, data):
        # A new object's blank form starts from None: as empty as an empty list.
        try:
            return list(initial or []) != self.to_python(data)
        except forms.ValidationError:
            return True


def option_problems(
    english: list[str], translations: dict[str, list[str]], *, choice: bool = True
) -> dict[str, str]:
    """The builders' rule for options typed one a line (a survey's, a call's): a choice needs at
    least two English options, all different; each translation has as many, in the same order,
    or none. The problems by language ("en" or a key of `translations`)."""
    problems = {}
    if choice and len(english) < 2:
        problems["en"] = _("Give at least two choices, one a line.")
    elif choice and len(set(english)) != len(english):
        problems["en"] = _("Each choice must be different.")
    for language, lines in translations.items():
        if lines and len(lines) != len(english):
            problems[language] = _(
                "Give as many choices as in English (%(n)s), in the same order, or none."
            ) % {"n": len(english)}
    return problems


def storable_moment(value) -> None:
    """A date and time the database can hold: stored in UTC, so the first hours of the year 1
    east of Greenwich and the last ones of 9999 west of it overflow."""
    if value is not None:
        try:
            value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError(
                _("This date is too far in the past or the future."), code="out_of_range"
            ) from None
