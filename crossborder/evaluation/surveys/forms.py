"""The survey builder's forms: a survey's settings and one question.

Once somebody has answered, a change that would break the stored answers is refused with the
reason: the anonymity, a question's type, its number of choices, its condition, making it
required or changing what it measures. Wording may still be corrected.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.evaluation.models import Survey, SurveyQuestion
from crossborder.formfields import option_problems, storable_moment

Kind = SurveyQuestion.Kind
Indicator = SurveyQuestion.Indicator
LOCKED = _(
    "People have already answered this survey: %(what)s would no longer match their answers."
)

# Which kinds of question may carry which indicator.
INDICATOR_KINDS = {
    Indicator.SATISFACTION: {Kind.LIKERT},
    Indicator.CONTACTS: {Kind.NUMBER},
    Indicator.REFERRALS: {Kind.NUMBER},
    Indicator.FINANCIAL: {Kind.NUMBER},
    Indicator.COLLEAGUES: {Kind.NUMBER},
    Indicator.JIT: {Kind.SINGLE},
}


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "title_fr",
            "title_de",
            "intro",
            "intro_fr",
            "intro_de",
            "anonymous",
            "opens_at",
            "closes_at",
            "remind_after_days",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "intro": forms.Textarea(attrs={"rows": 3}),
            "intro_fr": forms.Textarea(attrs={"rows": 3}),
            "intro_de": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = self.instance.pk is not None and self.instance.has_responses
        self.fields["remind_after_days"].min_value = 1
        self.fields["remind_after_days"].max_value = 60
        self.fields["remind_after_days"].widget.attrs.update(min=1, max=60)
        for name in ("opens_at", "closes_at"):
            self.fields[name].validators.append(storable_moment)

    def clean_anonymous(self):
        value = self.cleaned_data["anonymous"]
        if self.locked and value != Survey.objects.get(pk=self.instance.pk).anonymous:
            raise forms.ValidationError(LOCKED % {"what": _("changing whether it is anonymous")})
        return value

    def clean_remind_after_days(self):
        days = self.cleaned_data["remind_after_days"]
        if not 1 <= days <= 60:
            raise forms.ValidationError(_("Remind after 1 to 60 days."))
        return days

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        if (
            opens
            and opens <= timezone.now()
            and self.instance.pk
            and not self.instance.questions.exists()
        ):
            self.add_error(
                "opens_at", _("A survey with no questions cannot be opened. Add questions first.")
            )
        return data


class QuestionForm(forms.ModelForm):
    options_en = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single and multiple choice: one choice a line, at least two."),
    )
    options_fr = forms.CharField(
        label=_("Choices (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The same choices in the same order, or empty."),
    )
    options_de = forms.CharField(
        label=_("Choices (German)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The same choices in the same order, or empty."),
    )
    condition = forms.ChoiceField(
        label=_("Show this question only when"),
        required=False,
        help_text=_("An earlier question's answer. Without it, the question is always shown."),
    )

    class Meta:
        model = SurveyQuestion
        fields = ["kind", "text", "text_fr", "text_de", "required", "indicator"]
        help_texts = {
            "indicator": _(
                "What the answer counts towards in the programme's indicators, if anything."
            ),
            "kind": _(
                "Session and speaker ratings list the seminar's timetable: each person rates "
                "those they attended, 1 (poor) to 5 (excellent)."
            ),
        }

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.instance.survey = survey
        self.locked = survey.has_responses
        self.original = (
            SurveyQuestion.objects.get(pk=self.instance.pk) if self.instance.pk else None
        )
        earlier = survey.questions.filter(kind__in=SurveyQuestion.CHOICE_KINDS)
        if self.original:
            earlier = earlier.filter(order__lt=self.original.order).exclude(pk=self.original.pk)
        self.fields["condition"].choices = [("", _("Always show this question"))] + [
            (
                f"{q.pk}:{value}",
                _("“%(question)s” is answered “%(choice)s”")
                % {"question": q.text, "choice": label},
            )
            for q in earlier
            for value, label in q.choices()
        ]
        if self.original:
            for language in ("en", "fr", "de"):
                self.fields[f"options_{language}"].initial = "\n".join(
                    o.get(language, "") for o in self.original.options
                ).strip()
            if self.original.condition_question_id:
                self.fields[
                    "condition"
                ].initial = (
                    f"{self.original.condition_question_id}:{self.original.condition_choice}"
                )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        lines = {
            language: [
                line.strip()
                for line in (data.get(f"options_{language}") or "").splitlines()
                if line.strip()
            ]
            for language in ("en", "fr", "de")
        }
        options = []
        if kind in SurveyQuestion.OPTION_KINDS:
            translations = {"fr": lines["fr"], "de": lines["de"]}
            for language, problem in option_problems(lines["en"], translations).items():
                self.add_error(f"options_{language}", problem)
            translated = {
                language: lines[language] if len(lines[language]) == len(lines["en"]) else []
                for language in ("fr", "de")
            }
            options = [
                {
                    "en": en,
                    "fr": translated["fr"][i] if translated["fr"] else "",
                    "de": translated["de"][i] if translated["de"] else "",
                }
                for i, en in enumerate(lines["en"])
            ]
        elif lines["en"] and kind:
            self.add_error(
                "options_en", _("Only single and multiple choice questions have choices.")
            )
        self.options = options
        indicator = data.get("indicator") or ""
        if indicator and kind and kind not in INDICATOR_KINDS[indicator]:
            self.add_error(
                "indicator",
                _("“%(indicator)s” is counted from a question of type %(kinds)s.")
                % {
                    "indicator": Indicator(indicator).label,
                    "kinds": ", ".join(str(Kind(k).label) for k in INDICATOR_KINDS[indicator]),
                },
            )
        condition = self._condition(data.get("condition") or "")
        self._check_locked(data, options, condition)
        return data

    def _condition(self, value: str):
        if not value:
            self.condition_value = (None, None)
            return self.condition_value
        if value not in dict(self.fields["condition"].choices):
            self.add_error("condition", _("Choose an answer to an earlier question."))
            self.condition_value = (None, None)
            return self.condition_value
        qid, choice = value.split(":")
        self.condition_value = (self.survey.questions.get(pk=int(qid)), int(choice))
        return self.condition_value

    def _check_locked(self, data, options, condition):
        original = self.original
        if original and original.dependants.exists():
            if data.get("kind") and data["kind"] != original.kind:
                self.add_error(
                    "kind",
                    _("Another question is shown after an answer to this one: keep its type."),
                )
            elif len(options) < len(original.options):
                self.add_error(
                    "options_en",
                    _("Another question is shown after an answer to this one: keep its choices."),
                )
        if not self.locked:
            return
        if original is None:
            if data.get("required"):
                self.add_error(
                    "required",
                    _(
                        "People have already answered this survey: a new question can only be "
                        "optional."
                    ),
                )
            return
        checks = [
            ("kind", data.get("kind") != original.kind, _("changing the type")),
            (
                "options_en",
                len(options) != len(original.options),
                _("changing the number of choices"),
            ),
            ("required", data.get("required") and not original.required, _("making it required")),
            (
                "indicator",
                (data.get("indicator") or "") != original.indicator,
                _("changing what it measures"),
            ),
            (
                "condition",
                (condition[0].pk if condition[0] else None, condition[1])
                != (original.condition_question_id, original.condition_choice),
                _("changing its condition"),
            ),
        ]
        for name, changed, what in checks:
            if changed and name not in self.errors:
                self.add_error(name, LOCKED % {"what": what})

    def save(self, commit=True):
        question = super().save(commit=False)
        question.options = self.options
        question.condition_question, question.condition_choice = self.condition_value
        if commit:
            question.save()
        return question
