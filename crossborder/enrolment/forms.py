"""The applicant's form and the targets of a balanced selection."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from crossborder.accounts.models import Profession

from .models import Call, Question


class ApplicationForm(forms.Form):
    """The applicant's form: motivation, the call's own questions, optional nomination."""

    motivation = forms.CharField(
        label=_("Why do you want to take part, and how will you use what you learn?"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        max_length=4000,
        required=False,
    )
    nominator_email = forms.EmailField(
        label=_("Email of the person at your institution who nominates you"),
        required=False,
        help_text=_("We will ask them to confirm the nomination by a link."),
    )

    def __init__(self, *args, call: Call, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["motivation"].required = call.motivation_required
        if call.nomination == Call.Nomination.NONE:
            del self.fields["nominator_email"]
        elif call.nomination == Call.Nomination.REQUIRED:
            self.fields["nominator_email"].required = True
        answers = application.answers if application else {}
        self.questions = list(call.questions.all())
        for q in self.questions:
            name = f"q{q.pk}"
            if q.kind == Question.Kind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
            elif q.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(choices=[("", "—"), *q.options()])
            elif q.kind == Question.Kind.YES_NO:
                field = forms.TypedChoiceField(
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                )
            else:
                kinds = ", ".join(q.allowed_types) or _("any type")
                field = forms.FileField(
                    help_text=_("%(types)s, at most %(mb)s MB") % {"types": kinds, "mb": q.max_mb}
                )
                if application and any(f.question_id == q.pk for f in application.files.all()):
                    q.required = False  # already uploaded: keep it unless replaced
            field.label = q.label_local
            field.required = q.required
            if q.kind != Question.Kind.FILE:
                field.initial = answers.get(str(q.pk), "")
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        for q in self.questions:
            upload = data.get(f"q{q.pk}") if q.kind == Question.Kind.FILE else None
            if upload:
                suffix = Path(upload.name).suffix.lower().lstrip(".")
                if q.allowed_types and suffix not in q.allowed_types:
                    self.add_error(
                        f"q{q.pk}",
                        _("Files of type “%(type)s” are not accepted here; use %(allowed)s.")
                        % {"type": suffix or "?", "allowed": ", ".join(q.allowed_types)},
                    )
                elif upload.size > q.max_mb * 1024 * 1024:
                    self.add_error(
                        f"q{q.pk}",
                        _("The file is too large (%(size).1f MB); the limit is %(mb)s MB.")
                        % {"size": upload.size / 1024 / 1024, "mb": q.max_mb},
                    )
        return data

    def answers(self) -> dict:
        return {
            str(q.pk): self.cleaned_data.get(f"q{q.pk}") or ""
            for q in self.questions
            if q.kind != Question.Kind.FILE
        }

    def uploads(self) -> list:
        return [
            (q, self.cleaned_data[f"q{q.pk}"])
            for q in self.questions
            if q.kind == Question.Kind.FILE and self.cleaned_data.get(f"q{q.pk}")
        ]


class TargetsForm(forms.Form):
    """What the manager asks of the cohort."""

    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=1000)
    max_per_country = forms.IntegerField(
        label=_("At most per country"), min_value=1, required=False
    )
    max_per_organisation = forms.IntegerField(
        label=_("At most per organisation"), min_value=1, required=False
    )
    women_min_share = forms.IntegerField(
        label=_("Women: at least (%)"), min_value=0, max_value=100, required=False
    )
    women_max_share = forms.IntegerField(
        label=_("Women: at most (%)"), min_value=0, max_value=100, required=False
    )
    weight_first_time = forms.IntegerField(
        label=_("Priority for first-time participants"), min_value=0, max_value=50, initial=3
    )
    weight_new_country = forms.IntegerField(
        label=_("Priority for countries not yet reached"), min_value=0, max_value=50, initial=2
    )
    weight_nominated = forms.IntegerField(
        label=_("Priority for confirmed nominations"), min_value=0, max_value=50, initial=1
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in Profession.choices:
            self.fields[f"min_{code}"] = forms.IntegerField(
                label=_("%(profession)s: at least") % {"profession": label},
                min_value=0,
                required=False,
            )
            self.fields[f"max_{code}"] = forms.IntegerField(
                label=_("%(profession)s: at most") % {"profession": label},
                min_value=0,
                required=False,
            )

    def profession_fields(self):
        return [(self[f"min_{code}"], self[f"max_{code}"]) for code, _label in Profession.choices]

    def clean(self):
        data = super().clean()
        low, high = data.get("women_min_share"), data.get("women_max_share")
        if low is not None and high is not None and low > high:
            self.add_error("women_max_share", _("The upper share must not be below the lower."))
        for code, _label in Profession.choices:
            lo, hi = data.get(f"min_{code}"), data.get(f"max_{code}")
            if lo is not None and hi is not None and lo > hi:
                self.add_error(f"max_{code}", _("The maximum must not be below the minimum."))
        return data

    def targets(self) -> dict:
        data = self.cleaned_data
        share = lambda v: None if v is None else v / 100  # noqa: E731
        return {
            "seats": data["seats"],
            "professions": {
                code: {"min": data.get(f"min_{code}"), "max": data.get(f"max_{code}")}
                for code, _label in Profession.choices
                if data.get(f"min_{code}") is not None or data.get(f"max_{code}") is not None
            },
            "max_per_country": data.get("max_per_country"),
            "max_per_organisation": data.get("max_per_organisation"),
            "women_min_share": share(data.get("women_min_share")),
            "women_max_share": share(data.get("women_max_share")),
            "weights": {
                "first_time": data["weight_first_time"],
                "new_country": data["weight_new_country"],
                "nominated": data["weight_nominated"],
            },
        }

    @classmethod
    def initial_from(cls, targets: dict | None, seats: int) -> dict:
        if not targets:
            return {
                "seats": seats,
                "max_per_organisation": 2,
                "women_min_share": 40,
                "women_max_share": 60,
            }
        initial = {
            "seats": targets["seats"],
            "max_per_country": targets.get("max_per_country"),
            "max_per_organisation": targets.get("max_per_organisation"),
            "women_min_share": None
            if targets.get("women_min_share") is None
            else round(targets["women_min_share"] * 100),
            "women_max_share": None
            if targets.get("women_max_share") is None
            else round(targets["women_max_share"] * 100),
        }
        for key, value in (targets.get("weights") or {}).items():
            initial[f"weight_{key}"] = value
        for code, bounds in (targets.get("professions") or {}).items():
            initial[f"min_{code}"] = bounds.get("min")
            initial[f"max_{code}"] = bounds.get("max")
        return initial
