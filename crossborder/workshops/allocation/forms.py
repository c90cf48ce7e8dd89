"""Forms of the group pages: allocate a slot, add a pairing rule, move a person."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PairingRule


class AllocateForm(forms.Form):
    """N groups, or groups of at most k people; empty: one group per trainer."""

    BY_TRAINERS, BY_GROUPS, BY_SIZE = "trainers", "groups", "size"

    slot = forms.IntegerField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("How many groups"),
        choices=[
            (BY_TRAINERS, _("One group per trainer")),
            (BY_GROUPS, _("This number of groups")),
            (BY_SIZE, _("Groups of at most this many people")),
        ],
        initial=BY_TRAINERS,
        widget=forms.RadioSelect,
    )
    number = forms.IntegerField(
        label=_("Number (groups or people per group)"), min_value=1, max_value=300, required=False
    )

    def clean(self):
        data = super().clean()
        mode, number = data.get("mode"), data.get("number")
        if mode in (self.BY_GROUPS, self.BY_SIZE) and not number:
            self.add_error("number", _("Enter the number of groups or the group size."))
        if mode == self.BY_SIZE and number is not None and number < 2:
            self.add_error("number", _("A group needs at least two people."))
        return data

    def plan(self) -> dict:
        mode, number = self.cleaned_data["mode"], self.cleaned_data.get("number")
        return {
            "groups": number if mode == self.BY_GROUPS else None,
            "size": number if mode == self.BY_SIZE else None,
        }


def label(application) -> str:
    user = application.user
    name = user.get_full_name() or user.email
    return f"{name} ({application.get_profession_display()}, {application.country})"


class RuleForm(forms.Form):
    first = forms.TypedChoiceField(label=_("First person"), coerce=int)
    second = forms.TypedChoiceField(label=_("Second person"), coerce=int)
    kind = forms.ChoiceField(label=_("Rule"), choices=PairingRule.Kind.choices)
    note = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a participant"))] + [(a.pk, label(a)) for a in people]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            self.add_error("second", _("Choose two different people."))
        return data


class MoveForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    group = forms.IntegerField(label=_("Move to group"))
