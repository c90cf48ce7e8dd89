from django import forms
from django.utils.translation import gettext_lazy as _

from .essays import MAX_FEEDBACK, rubric_of


class EssayGradeForm(forms.Form):
    """One score per rubric criterion (bounded by its points), or one mark from 0 to 1, and
    feedback to the learner."""

    feedback = forms.CharField(
        label=_("Feedback to the learner"),
        required=False,
        max_length=MAX_FEEDBACK,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, answer, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = rubric_of(answer.question)
        given = answer.rubric_scores if answer.graded_at else []
        if not self.criteria:
            self.fields["mark"] = forms.FloatField(
                label=_("Mark (0 to 1 point)"), min_value=0, max_value=1
            )
            if given:
                self.initial["mark"] = given[0]
        for i, criterion in enumerate(self.criteria):
            name = f"c{i}"
            self.fields[name] = forms.FloatField(
                label=criterion["criterion"], min_value=0, max_value=criterion["points"]
            )
            self.fields[name].widget.attrs.update(step="any", max=f"{criterion['points']:g}")
            if i < len(given):
                self.initial[name] = given[i]
        if not self.is_bound and answer.graded_at:
            self.initial["feedback"] = answer.feedback
        self.order_fields([*(f"c{i}" for i in range(len(self.criteria))), "mark", "feedback"])

    def rows(self):
        """(criterion, its bound field) for the rubric table."""
        return [(c, self[f"c{i}"]) for i, c in enumerate(self.criteria)]

    def scores(self) -> list[float]:
        if not self.criteria:
            return [self.cleaned_data["mark"]]
        return [self.cleaned_data[f"c{i}"] for i in range(len(self.criteria))]
