"""The forms of the question editor's kind-specific part: one row form per list (choices,
pairs, items, accepted answers, numeric answers, units, gap words, rubric criteria), their
formset, and each kind's own settings. Texts are cleaned by .markup as they are read."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossborder.learning.richtext import as_text

from .markup import clean_rich, clean_short, plain_text

EXTRA_ROWS = 2


class RowFormSet(forms.BaseFormSet):
    """A formset whose rows count when their key field (Row.key) is filled and "Remove" is not
    ticked: empty rows, new or cleared, are left out."""

    def rows(self) -> list[dict]:
        out = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get(form.key) not in (None, "") and not data.get("DELETE"):
                out.append(data)
        return out


class Row(forms.Form):
    """One row of a list. Every field is optional: a row without its key field is left out, and
    a blank number takes the field's initial value."""

    key = "text"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.use_required_attribute = False
        for field in self.fields.values():
            field.required = False

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.FloatField | forms.IntegerField) and data.get(name) is None:
                data[name] = field.initial
        return data


class ChoiceRow(Row):
    text = forms.CharField(label=gettext_lazy("Choice"), max_length=2000)
    fraction = forms.FloatField(
        label=gettext_lazy("Grade (%)"), min_value=-100, max_value=100, initial=0
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for this choice"), max_length=4000, required=False
    )

    def clean_text(self):
        return clean_short(self.cleaned_data["text"])

    def clean_feedback(self):
        return clean_short(self.cleaned_data["feedback"])


class PairRow(Row):
    key = "left"

    left = forms.CharField(label=gettext_lazy("Item"), max_length=2000, required=False)
    right = forms.CharField(label=gettext_lazy("Its match"), max_length=500, required=False)

    def clean_left(self):
        return clean_short(self.cleaned_data["left"])

    def clean_right(self):
        return plain_text(self.cleaned_data["right"])

    def clean(self):
        data = super().clean()
        left, right = as_text(data.get("left") or ""), data.get("right")
        if (left and not right) or (right and not left):
            raise forms.ValidationError(
                _("“%(side)s” has no match; fill both sides or clear the row.")
                % {"side": left or right}
            )
        return data


class ItemRow(Row):
    text = forms.CharField(label=gettext_lazy("Item"), max_length=500)

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])


class AnswerRow(Row):
    text = forms.CharField(label=gettext_lazy("Accepted answer"), max_length=500)
    fraction = forms.FloatField(
        label=gettext_lazy("Grade (%)"), min_value=0, max_value=100, initial=100
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for this answer"), max_length=4000, required=False
    )

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])

    def clean_feedback(self):
        return clean_short(self.cleaned_data["feedback"])


class NumberRow(Row):
    key = "answer"

    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        max_length=40,
        help_text=gettext_lazy("A number, or * for any other number."),
    )
    tolerance = forms.FloatField(label=gettext_lazy("Tolerance (±)"), initial=0)
    fraction = forms.FloatField(
        label=gettext_lazy("Grade (%)"), min_value=0, max_value=100, initial=100
    )
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for this answer"), max_length=4000, required=False
    )

    def clean_answer(self):
        value = self.cleaned_data["answer"].strip()
        if value in ("", "*"):
            return value
        try:
            return float(value.replace(",", "."))
        except ValueError:
            raise forms.ValidationError(
                _("“%(value)s” is not a number.") % {"value": value}
            ) from None

    def clean_tolerance(self):
        tolerance = self.cleaned_data["tolerance"]
        if tolerance is not None and tolerance < 0:
            raise forms.ValidationError(_("It cannot be below zero."))
        return tolerance or 0.0

    def clean_feedback(self):
        return clean_short(self.cleaned_data["feedback"])


class UnitRow(Row):
    key = "unit"

    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=40)
    multiplier = forms.FloatField(label=gettext_lazy("Multiplier"), initial=1)

    def clean_multiplier(self):
        value = self.cleaned_data["multiplier"]
        if value == 0:
            raise forms.ValidationError(_("It cannot be zero."))
        return value


class GapWordRow(Row):
    text = forms.CharField(label=gettext_lazy("Word"), max_length=200)
    group = forms.IntegerField(label=gettext_lazy("Group"), min_value=1, max_value=20, initial=1)

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])


class RubricRow(Row):
    key = "criterion"

    criterion = forms.CharField(label=gettext_lazy("Criterion"), max_length=500)
    points = forms.FloatField(label=gettext_lazy("Points"), min_value=0.1, max_value=100, initial=1)

    def clean_criterion(self):
        return plain_text(self.cleaned_data["criterion"])


class ChoiceSettings(forms.Form):
    shuffle = forms.BooleanField(
        label=gettext_lazy("Shuffle the choices"), required=False, initial=True
    )


class TrueFalseSettings(forms.Form):
    answer = forms.TypedChoiceField(
        label=gettext_lazy("The right answer"),
        choices=[("true", gettext_lazy("True")), ("false", gettext_lazy("False"))],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "true",
    )
    feedback_true = forms.CharField(
        label=gettext_lazy("Feedback for “True”"), max_length=4000, required=False
    )
    feedback_false = forms.CharField(
        label=gettext_lazy("Feedback for “False”"), max_length=4000, required=False
    )

    def clean_feedback_true(self):
        return clean_short(self.cleaned_data["feedback_true"])

    def clean_feedback_false(self):
        return clean_short(self.cleaned_data["feedback_false"])


class MatchingSettings(ChoiceSettings):
    distractors = forms.CharField(
        label=gettext_lazy("Wrong matches (one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_distractors(self):
        lines = self.cleaned_data["distractors"].splitlines()
        return [plain_text(line) for line in lines if line.strip()]


class ShortSettings(forms.Form):
    usecase = forms.BooleanField(label=gettext_lazy("Case matters"), required=False)


class NumericSettings(forms.Form):
    unitgradingtype = forms.TypedChoiceField(
        label=gettext_lazy("Unit grading"),
        coerce=int,
        required=False,
        empty_value=0,
        choices=[
            (0, gettext_lazy("Optional: not graded")),
            (1, gettext_lazy("Graded: a penalty on the mark")),
            (2, gettext_lazy("Graded: a penalty on the maximum")),
        ],
        initial=0,
    )
    unitpenalty = forms.FloatField(
        label=gettext_lazy("Unit penalty (0–1)"),
        min_value=0,
        max_value=1,
        initial=0.1,
        required=False,
    )
    unitsleft = forms.BooleanField(label=gettext_lazy("Unit before the number"), required=False)


class EssaySettings(forms.Form):
    grader_info = forms.CharField(
        label=gettext_lazy("Information for graders"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    response_template = forms.CharField(
        label=gettext_lazy("Response template"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    min_words = forms.IntegerField(label=gettext_lazy("Fewest words"), min_value=1, required=False)
    max_words = forms.IntegerField(label=gettext_lazy("Most words"), min_value=1, required=False)

    def clean_grader_info(self):
        return clean_rich(self.cleaned_data["grader_info"])

    def clean(self):
        data = super().clean()
        least, most = data.get("min_words"), data.get("max_words")
        if least and most and least > most:
            raise forms.ValidationError(_("The most words are fewer than the fewest words."))
        return data
