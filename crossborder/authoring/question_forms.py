"""The question editor's forms: the fields every kind shares (QuestionForm) and the editor that
puts them together with the kind's own rows (question_kinds) and checks the whole."""

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossborder.curriculum.models import Tag
from crossborder.formfields import BoundedModelMultipleChoiceField
from crossborder.learning.models import Question
from crossborder.library.models import Entry

from . import question_kinds
from .markup import clean_rich

_SLUG = re.compile(r"^[-a-z0-9_]+$")
NOT_GRADED = Question.NOT_AUTO_GRADED
NEW_ROWS = {"choices": 4, "pairs": 4, "items": 4, "words": 4, "answers": 3, "numbers": 3}


def category_path(value: str) -> str:
    """ "Top / Element A // Legal " → "Element A/Legal": levels trimmed, empty ones dropped,
    Moodle's leading "top" removed."""
    levels = [" ".join(level.split()) for level in (value or "").split("/")]
    levels = [level for level in levels if level]
    if levels and levels[0].lower() == "top":
        levels = levels[1:]
    return "/".join(levels)


def labels_of(value: str) -> list[str]:
    """ "cyber, victims ,cyber" → ["cyber", "victims"] (order kept, duplicates dropped)."""
    seen = {}
    for label in (value or "").split(","):
        label = " ".join(label.split())[:60]
        if label and label.casefold() not in seen:
            seen[label.casefold()] = label
    return list(seen.values())


class TagChoice(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.short_local}"


class QuestionForm(forms.Form):
    """The fields every kind has."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=255)
    idnumber = forms.CharField(
        label=gettext_lazy("ID number"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Unique in this module's bank, e.g. THB-A-012."),
    )
    category = forms.CharField(
        label=gettext_lazy("Category"),
        max_length=255,
        required=False,
        help_text=gettext_lazy(
            "Levels separated by /, e.g. Element A/Legal framework. A new path makes a new "
            "category."
        ),
        widget=forms.TextInput(attrs={"list": "category-paths", "autocomplete": "off"}),
    )
    text = forms.CharField(
        label=gettext_lazy("Question text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Markdown or HTML; scripts and htmx attributes are refused."),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=400,
        help_text=gettext_lazy(
            "A library entry (start typing its name or slug) or an https:// address."
        ),
        widget=forms.TextInput(attrs={"list": "library-entries", "autocomplete": "off"}),
    )
    labels = forms.CharField(
        label=gettext_lazy("Tags"),
        max_length=1000,
        required=False,
        help_text=gettext_lazy("Separated by commas."),
    )
    tags = TagChoice(
        label=gettext_lazy("Curriculum"),
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=gettext_lazy("General feedback (explanation)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("Shown after the answer, whatever it was."),
    )
    feedback_correct = forms.CharField(
        label=gettext_lazy("Feedback for a right answer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    feedback_partial = forms.CharField(
        label=gettext_lazy("Feedback for a partly right answer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    feedback_incorrect = forms.CharField(
        label=gettext_lazy("Feedback for a wrong answer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    default_grade = forms.FloatField(
        label=gettext_lazy("Default mark"), min_value=0, max_value=100, initial=1
    )
    penalty = forms.FloatField(
        label=gettext_lazy("Penalty for each wrong try (0–1)"),
        min_value=0,
        max_value=1,
        initial=0.3333333,
    )
    hidden = forms.BooleanField(label=gettext_lazy("Hidden from learners"), required=False)

    def __init__(self, *args, module, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.module, self.question = module, question

    def clean_idnumber(self):
        value = self.cleaned_data["idnumber"].strip()
        if value:
            taken = self.module.questions.filter(idnumber=value)
            if self.question is not None and self.question.pk:
                taken = taken.exclude(pk=self.question.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("“%(value)s” is already used in this module's bank.") % {"value": value}
                )
        return value

    def clean_category(self):
        return category_path(self.cleaned_data["category"])

    def clean_labels(self):
        return labels_of(self.cleaned_data["labels"])

    def clean_text(self):
        return clean_rich(self.cleaned_data["text"])

    def clean_explanation(self):
        return clean_rich(self.cleaned_data["explanation"])

    def clean_feedback_correct(self):
        return clean_rich(self.cleaned_data["feedback_correct"])

    def clean_feedback_partial(self):
        return clean_rich(self.cleaned_data["feedback_partial"])

    def clean_feedback_incorrect(self):
        return clean_rich(self.cleaned_data["feedback_incorrect"])

    def clean_source(self):
        value = self.cleaned_data["source"].strip()
        if self.question is not None and value == self.question.source:
            return value  # a citation of the shipped curriculum, left as it was
        if value.startswith("https://") and len(value) > len("https://") and " " not in value:
            return value
        slug = value.split(" ", 1)[0]
        if _SLUG.match(slug) and Entry.objects.filter(slug=slug).exists():
            return slug
        raise forms.ValidationError(
            _("“%(value)s” is neither a library entry nor an https:// address.") % {"value": value}
        )


def question_initial(question: Question) -> dict:
    feedback = question.feedback or {}
    return {
        "name": question.name or question.key,
        "idnumber": question.idnumber,
        "category": question.category,
        "text": question.text,
        "source": question.source,
        "labels": ", ".join(question.labels or []),
        "tags": list(question.tags.all()),
        "explanation": question.explanation,
        "feedback_correct": feedback.get("correct", ""),
        "feedback_partial": feedback.get("partial", ""),
        "feedback_incorrect": feedback.get("incorrect", ""),
        "default_grade": question.default_grade,
        "penalty": question.penalty,
        "hidden": question.hidden,
    }


class QuestionEditor:
    """The whole editor of one question of one kind: the shared fields, the kind's settings and
    its rows. Valid when every part is and the answer key is possible (question_kinds.build)."""

    def __init__(self, *, module, kind, question=None, data=None):
        self.module, self.kind, self.question = module, kind, question
        spec = question_kinds.KINDS[kind]
        settings, rows = {}, {}
        if question is not None and data is None:
            settings, rows = question_kinds.initial(kind, question.data)
        self.form = QuestionForm(
            data,
            module=module,
            question=question,
            initial=question_initial(question) if question is not None else None,
        )
        self.settings = spec.settings(data, initial=settings, prefix="s") if spec.settings else None
        self.rows = {
            name: question_kinds.FORMSETS[name](data, initial=rows.get(name), prefix=name)
            for name in spec.rows
        }
        if question is None and data is None:  # a new question: room for a usual key
            for name, formset in self.rows.items():
                formset.extra = NEW_ROWS.get(name, formset.extra)
        self.problems: list[tuple[str, str]] = []
        self.built: dict | None = None

    @property
    def formsets(self):
        """(name, legend, formset, problems of the answer key in this list) per list of rows."""
        return [
            (name, question_kinds.ROWS[name], fs, self.problems_of(name))
            for name, fs in self.rows.items()
        ]

    def is_valid(self) -> bool:
        parts = [self.form, *([self.settings] if self.settings else []), *self.rows.values()]
        results = [part.is_valid() for part in parts]  # every part checked, for its errors
        if not all(results):
            return False
        settings = self.settings.cleaned_data if self.settings else {}
        rows = {name: fs.rows() for name, fs in self.rows.items()}
        data, self.problems = question_kinds.build(
            self.kind, settings, rows, self.form.cleaned_data["text"]
        )
        if self.problems:
            return False
        self.built = self._fields(data)
        return True

    def _fields(self, data) -> dict:
        cleaned = self.form.cleaned_data
        feedback = {}
        if self.kind not in NOT_GRADED:
            feedback = {
                key: cleaned[f"feedback_{key}"]
                for key in ("correct", "partial", "incorrect")
                if cleaned[f"feedback_{key}"]
            }
        return {
            "kind": self.kind,
            "data": data,
            "feedback": feedback,
            **{
                name: cleaned[name]
                for name in (
                    "name",
                    "idnumber",
                    "category",
                    "text",
                    "source",
                    "labels",
                    "explanation",
                    "default_grade",
                    "penalty",
                    "hidden",
                )
            },
        }

    @property
    def tags(self):
        return self.form.cleaned_data["tags"]

    def errors(self) -> list[str]:
        """Every problem, each naming its field, for the summary at the top of the form."""
        out = []
        for form in [self.form, *([self.settings] if self.settings else [])]:
            for name, errors in form.errors.items():
                field = form.fields.get(name)
                out.extend(_named(field.label if field else "", e) for e in errors)
        for name, fs in self.rows.items():
            part = question_kinds.ROWS[name]
            out.extend(_named(part, e) for e in fs.non_form_errors())
            for number, row_errors in enumerate(fs.errors, 1):
                for field_name, errors in row_errors.items():
                    field = fs.forms[number - 1].fields.get(field_name)
                    where = _("%(part)s, row %(n)s") % {"part": part, "n": number}
                    if field is not None:
                        where = f"{where}, {field.label}"
                    out.extend(_named(where, e) for e in errors)
        out.extend(message for _part, message in self.problems)
        return out

    def problems_of(self, part: str) -> list[str]:
        return [message for where, message in self.problems if where == part]

    def refresh_rows(self) -> None:
        """After a valid preview: the rows as saved would read them, with empty rows to add
        more (a page without JavaScript gets new rows this way)."""
        _settings, rows = question_kinds.initial(self.kind, self.built["data"])
        self.rows = {
            name: question_kinds.FORMSETS[name](initial=rows.get(name), prefix=name)
            for name in self.rows
        }

    def preview_question(self) -> Question:
        """An unsaved question with the edited fields, for the preview (never saved)."""
        question = Question(module=self.module, key="preview", **self.built)
        question.pk = self.question.pk if self.question is not None else 0
        return question


def _named(label, message) -> str:
    message = str(message)
    if not label or message.startswith(f"{label}:"):
        return message
    return f"{label}: {message}"
