from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import KnowledgeTest


class BuildForm(forms.ModelForm):
    class Meta:
        model = KnowledgeTest
        fields = ["items_per_element", "post_open_days", "time_limit_minutes"]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = KnowledgeTest
        fields = ["post_open_days", "time_limit_minutes"]


class RedrawForm(forms.ModelForm):
    class Meta:
        model = KnowledgeTest
        fields = ["items_per_element"]


class ReplaceForm(forms.Form):
    item = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    question = forms.IntegerField(
        label=_("Replace with"),
        min_value=1,
        error_messages={"required": _("Choose the question that replaces this item.")},
    )


class StartForm(forms.Form):
    phase = forms.ChoiceField(choices=[("pre", "pre"), ("post", "post")])
