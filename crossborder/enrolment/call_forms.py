"""The call builder's forms: the call's dates, eligibility and nomination (CallForm) and its own
questions to applicants (QuestionFormSet)."""

import re

from django import forms
from django.conf import settings
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crossborder.accounts.models import Profession
from crossborder.formfields import LinesField, option_problems, storable_moment

from .models import Call, Question


class CallForm(forms.ModelForm):
    eligible_professions = forms.MultipleChoiceField(
        label=_("Eligible professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: all professions."),
    )
    eligible_countries = forms.CharField(
        label=_("Eligible countries"),
        required=False,
        help_text=_("Country codes separated by spaces, e.g. AT BE DE. Empty: all countries."),
    )

    class Meta:
        model = Call
        fields = [
            "opens_at",
            "closes_at",
            "eligible_countries",
            "eligible_professions",
            "motivation_required",
            "nomination",
            "confirm_within_days",
            "offer_hours",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].validators.append(storable_moment)
        if self.instance.pk:
            self.initial["eligible_countries"] = " ".join(self.instance.eligible_countries)

    def clean_eligible_countries(self):
        from django_countries import countries

        codes = [
            c.upper() for c in self.cleaned_data["eligible_countries"].replace(",", " ").split()
        ]
        unknown = [c for c in codes if c not in dict(countries)]
        if unknown:
            raise forms.ValidationError(
                _("Unknown country code(s): %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The call must close after it opens."))
        return data


class FileTypesField(LinesField):
    """File types as a course director writes them: "pdf, docx" (or ".PDF; .docx"), stored as a
    list of lower-case suffixes without the dot, the way an upload's name is checked."""

    widget = forms.TextInput

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        types = [part.strip().lstrip(".").lower() for part in re.split(r"[\s,;]+", value or "")]
        return list(dict.fromkeys(t for t in types if t))

    def validate(self, value):
        super().validate(value)
        for kind in value:
            if not re.fullmatch(r"[a-z0-9]{1,10}", kind):
                raise forms.ValidationError(
                    _("“%(type)s” is not a file type; write types such as pdf, docx.")
                    % {"type": kind[:20]},
                    code="invalid",
                )


OPTION_MAX = 300  # as long as a question


class QuestionForm(forms.ModelForm):
    """One question of a call's application form. A choice question's options are written one
    per line; their French and German translations follow them in the same order."""

    choices = LinesField(
        label=_("Options"),
        required=False,
        help_text=_("For a choice question: one per line."),
    )
    choices_fr = LinesField(
        label=_("Options (French)"),
        required=False,
        help_text=_("In the same order, or none: the English ones are shown."),
    )
    choices_de = LinesField(
        label=_("Options (German)"),
        required=False,
        help_text=_("In the same order, or none: the English ones are shown."),
    )
    allowed_types = FileTypesField(
        label=_("Allowed file types"),
        required=False,
        help_text=_("For a file: separated by commas, e.g. pdf, docx. None: any type."),
    )

    class Meta:
        model = Question
        fields = [
            "order",
            "label",
            "label_fr",
            "label_de",
            "kind",
            "choices",
            "choices_fr",
            "choices_de",
            "required",
            "max_mb",
            "allowed_types",
        ]

    def __init__(self, *args, given=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The answers applications gave to this question (Call.answers_given): what they chose
        # must stay as it is written, since an answer is stored as the English option.
        self.given = (given or {}).get(self.instance.pk, {})

    def clean(self):
        data = super().clean()
        choices = data.get("choices") or []
        self._keep_what_was_answered(data, choices)
        for name in ("choices", "choices_fr", "choices_de"):
            if any(len(option) > OPTION_MAX for option in data.get(name) or []):
                self.add_error(
                    name,
                    _("An option may have at most %(n)s characters.") % {"n": OPTION_MAX},
                )
        translations = {"fr": data.get("choices_fr") or [], "de": data.get("choices_de") or []}
        choice = data.get("kind") == Question.Kind.CHOICE
        for language, problem in option_problems(choices, translations, choice=choice).items():
            name = "choices" if language == "en" else f"choices_{language}"
            if name not in self.errors:
                self.add_error(name, problem)
        return data

    @property
    def answered(self) -> int:
        """How many applications answered this question."""
        return sum(self.given.values())

    def _keep_what_was_answered(self, data, choices):
        answered = self.answered
        if not answered:
            return
        was = self.initial.get("kind")
        if data.get("kind") and data["kind"] != was:
            self.add_error(
                "kind",
                ngettext(
                    "%(n)s application has answered this question: keep its type.",
                    "%(n)s applications have answered this question: keep its type.",
                    answered,
                )
                % {"n": answered},
            )
        elif was == Question.Kind.CHOICE:
            kept = set(choices)
            dropped = [
                o for o in self.initial.get("choices") or [] if o in self.given and o not in kept
            ]
            if dropped:
                self.add_error(
                    "choices",
                    ngettext(
                        "Applicants have chosen %(options)s: keep it as it is written. You may "
                        "add options, and reword or remove those nobody chose.",
                        "Applicants have chosen %(options)s: keep them as they are written. You "
                        "may add options, and reword or remove those nobody chose.",
                        len(dropped),
                    )
                    % {"options": ", ".join(f"“{o}”" for o in dropped)},
                )

    def clean_max_mb(self):
        # A file larger than a whole request may be (MAX_REQUEST_MB) never reaches the form.
        mb = self.cleaned_data.get("max_mb")
        limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
        if mb is not None and not 1 <= mb <= limit:
            raise forms.ValidationError(
                _("Between 1 and %(limit)s MB: the server refuses larger uploads.")
                % {"limit": limit}
            )
        return mb


class BaseQuestionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            answered = form.answered
            if answered:
                raise forms.ValidationError(
                    ngettext(
                        "“%(question)s” has been answered by %(n)s application: it cannot be "
                        "deleted. Untick “required” if it no longer needs an answer.",
                        "“%(question)s” has been answered by %(n)s applications: it cannot be "
                        "deleted. Untick “required” if it no longer needs an answer.",
                        answered,
                    )
                    % {"question": form.initial.get("label", ""), "n": answered},
                    code="answered",
                )


QuestionFormSet = inlineformset_factory(
    Call,
    Question,
    form=QuestionForm,
    formset=BaseQuestionFormSet,
    fields=QuestionForm.Meta.fields,
    extra=2,
    can_delete=True,
)
