"""The module editor's forms: the module and its quiz settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crossborder.accounts.models import Profession, Role, User
from crossborder.curriculum.models import Tag
from crossborder.formfields import BoundedModelMultipleChoiceField, LinesField, storable_moment
from crossborder.learning.models import Module, Question, Quiz

RESERVED_SLUGS = {"new"}  # the address of the "new" page


class TagChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.short_local}"


class ModuleChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title_local  # in the author's language


class ModuleForm(forms.ModelForm):
    professions = forms.MultipleChoiceField(
        label=_("Target professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tags = TagChoiceField(
        label=_("Curriculum tags"),
        queryset=Tag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    prerequisites = ModuleChoiceField(
        label=_("Prerequisites"),
        queryset=Module.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Modules a learner completes before starting this one's quiz."),
    )
    objectives = LinesField(
        label=_("Learning objectives (English)"), required=False, help_text=_("One per line.")
    )
    objectives_fr = LinesField(
        label=_("Learning objectives (French)"),
        required=False,
        help_text=_("One per line, in the order of the English ones."),
    )
    objectives_de = LinesField(
        label=_("Learning objectives (German)"),
        required=False,
        help_text=_("One per line, in the order of the English ones."),
    )
    sources = LinesField(
        label=_("Sources"),
        required=False,
        help_text=_("One per line: the laws, judgments and reports the module is based on."),
    )
    owners = BoundedModelMultipleChoiceField(
        label=_("Trainers who author it"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "title_fr",
            "title_de",
            "slug",
            "summary",
            "summary_fr",
            "summary_de",
            "level",
            "duration_minutes",
            "professions",
            "tags",
            "prerequisites",
            "objectives",
            "objectives_fr",
            "objectives_de",
            "sources",
            "owners",
        ]
        labels = {
            "title": _("Title (English)"),
            "title_fr": _("Title (French)"),
            "title_de": _("Title (German)"),
            "summary": _("Summary (English)"),
            "summary_fr": _("Summary (French)"),
            "summary_de": _("Summary (German)"),
            "slug": _("Short name in the address"),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_de": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens; made from the title when left empty."),
        }

    def __init__(self, *args, may_assign_owners: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["slug"].required = False
        others = Module.objects.only("pk", "slug", "title", "title_fr", "title_de", "order")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["prerequisites"].queryset = others
        if self.instance.pk and self.instance.status != Module.Status.DRAFT:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = _("Fixed once the module has been published.")
        if may_assign_owners:
            self.fields["owners"].queryset = User.objects.filter(
                role=Role.TRAINER, is_active=True
            ).order_by("last_name", "first_name")
        else:
            del self.fields["owners"]

    def clean_slug(self):
        from .modules import unique_slug

        slug = self.cleaned_data.get("slug") or ""
        if self.fields["slug"].disabled:
            return self.instance.slug
        if not slug and self.instance.pk:
            return self.instance.slug  # emptied: the address stays as it was
        if not slug:
            return unique_slug(Module, self.cleaned_data.get("title") or "module")
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug

    def clean_prerequisites(self):
        chosen = self.cleaned_data["prerequisites"]
        if not self.instance.pk or not chosen:
            return chosen
        # A module may not (even indirectly) require itself: nobody could ever complete it.
        edges = {}
        for source, target in Module.prerequisites.through.objects.values_list(
            "from_module_id", "to_module_id"
        ):
            edges.setdefault(source, set()).add(target)
        stack, seen = [m.pk for m in chosen], set()
        while stack:
            pk = stack.pop()
            if pk == self.instance.pk:
                raise forms.ValidationError(
                    _("A chosen module already requires this one (directly or through others).")
                )
            if pk not in seen:
                seen.add(pk)
                stack.extend(edges.get(pk, ()))
        return chosen

    def clean(self):
        cleaned = super().clean()
        english = cleaned.get("objectives") or []
        for name in ("objectives_fr", "objectives_de"):
            translated = cleaned.get(name) or []
            if translated and len(translated) != len(english):
                self.add_error(
                    name,
                    _(
                        "Give one line for each of the %(n)s English objectives, or leave it "
                        "empty to show the English ones."
                    )
                    % {"n": len(english)},
                )
        return cleaned


class QuestionChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class QuizForm(forms.ModelForm):
    questions = QuestionChoiceField(
        label=_("Questions in every attempt"),
        queryset=Question.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Fixed questions come on top of the ones drawn at random."),
    )

    class Meta:
        model = Quiz
        fields = [
            "draw_count",
            "questions",
            "attempts_allowed",
            "time_limit_minutes",
            "pass_mark",
            "feedback",
            "closes_at",
            "shuffle",
        ]
        labels = {
            "attempts_allowed": _("Attempts allowed"),
            "time_limit_minutes": _("Time limit (minutes)"),
            "feedback": _("When learners see the feedback"),
            "closes_at": _("Closes at"),
            "shuffle": _("Shuffle the questions"),
        }
        widgets = {
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        help_texts = {"closes_at": _("Optional. After this, no new attempts can be started.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        module = self.instance.module if self.instance.module_id else None
        if module is not None:
            self.fields["questions"].queryset = Question.objects.filter(module=module).only(
                "pk", "module_id", "key", "name"
            )
        else:
            del self.fields["questions"]  # a new module has no questions yet
        for name in ("attempts_allowed", "time_limit_minutes"):
            self.fields[name].validators.append(_at_least_one)
        self.fields["closes_at"].validators.append(storable_moment)

    def clean_pass_mark(self):
        mark = self.cleaned_data["pass_mark"]
        if mark > 100:
            raise forms.ValidationError(_("The pass mark is a percentage: at most 100."))
        return mark

    def clean(self):
        data = super().clean()
        module = self.instance.module if self.instance.module_id else None
        if module is None or module.status != Module.Status.PUBLISHED or self.errors:
            return data
        # A published quiz must stay takeable: the same check as publishing.
        hidden_free = Question.objects.filter(module=module, hidden=False).exclude(
            kind__in=Question.UNSCORED
        )
        fixed = {q.pk for q in data.get("questions") or [] if not q.hidden}
        drawable = hidden_free.exclude(pk__in=fixed).count()
        if data["draw_count"] > drawable:
            self.add_error(
                "draw_count",
                _("The bank has only %(have)s visible questions to draw from.")
                % {"have": drawable},
            )
        return data


def _at_least_one(value):
    if value is not None and value < 1:
        raise forms.ValidationError(_("At least 1."))
