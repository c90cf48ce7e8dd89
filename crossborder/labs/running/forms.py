"""The flag form: one item, a red-flag category (with its hint), a confidence and a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..flagging import NOTE_MAX, FlagRequest
from ..redflags import HINTS, Category, Confidence


class CategoryRadio(forms.RadioSelect):
    option_template_name = "labs/running/_category_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = HINTS.get(value, "")
        return option


class FlagForm(forms.Form):
    item = forms.CharField(
        label=_("Entity or transaction"),
        max_length=16,
        help_text=_("Its identifier, as in the tables: PER-001, ACC-012, TRX-00042 …"),
    )
    category = forms.ChoiceField(
        label=_("Red flag"), choices=Category.choices, widget=CategoryRadio
    )
    confidence = forms.TypedChoiceField(
        label=_("Confidence"),
        choices=Confidence.choices,
        coerce=int,
        initial=Confidence.MEDIUM,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for your group"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def flag_request(self) -> FlagRequest:
        data = self.cleaned_data
        return FlagRequest(data["item"], data["category"], data["confidence"], data["note"])
