"""The module editor's forms: the module, its quiz settings, a lesson and an image for it."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from crossborder.accounts.models import Profession, Role, User
from crossborder.curriculum.models import Tag
from crossborder.learning.models import Lesson, Module, Question, Quiz
from crossborder.library.models import Entry

from .markdown_checks import unsafe_markup

RESERVED_SLUGS = {"new"}  # the address of the "new" page


class TagChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.short_local}"


class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


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
    prerequisites = forms.ModelMultipleChoiceField(
        label=_("Prerequisites"),
        queryset=Module.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Modules a learner completes before starting this one's quiz."),
    )
    objectives = LinesField(
        label=_("Learning objectives"), required=False, help_text=_("One per line.")
    )
    sources = LinesField(
        label=_("Sources"),
        required=False,
        help_text=_("One per line: the laws, judgments and reports the module is based on."),
    )
    owners = forms.ModelMultipleChoiceField(
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
        others = Module.objects.only("pk", "slug", "title", "order")
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


class QuestionChoiceField(forms.ModelMultipleChoiceField):
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


class LessonForm(forms.ModelForm):
    source_entries = forms.ModelMultipleChoiceField(
        label=_("Library entries"),
        queryset=Entry.objects.published(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    source_urls = LinesField(
        label=_("Other sources (links)"),
        required=False,
        help_text=_("One https:// address per line."),
    )

    class Meta:
        model = Lesson
        fields = ["title", "title_fr", "title_de", "body", "body_fr", "body_de"]
        labels = {
            "title": _("Title (English)"),
            "title_fr": _("Title (French)"),
            "title_de": _("Title (German)"),
            "body": _("Text (English)"),
            "body_fr": _("Text (French)"),
            "body_de": _("Text (German)"),
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 14}),
            "body_fr": forms.Textarea(attrs={"rows": 8}),
            "body_de": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "body": _("Markdown: ## headings, **bold**, lists, [links](https://…), images."),
            "body_fr": _("Optional: learners reading in French see it instead of the English."),
            "body_de": _("Optional: learners reading in German see it instead of the English."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = self.instance.sources or []
        self.initial.setdefault(
            "source_entries", [s for s in sources if not s.startswith("https://")]
        )
        self.initial.setdefault("source_urls", [s for s in sources if s.startswith("https://")])

    def _clean_markup(self, name):
        text = self.cleaned_data.get(name) or ""
        found = unsafe_markup(text)
        if found:
            raise forms.ValidationError(
                _(
                    "%(field)s contains %(what)s. Scripts, event handlers and htmx attributes are "
                    "not allowed in lessons; remove them."
                )
                % {"field": self.fields[name].label, "what": ", ".join(found)}
            )
        return text

    def clean_body(self):
        return self._clean_markup("body")

    def clean_body_fr(self):
        return self._clean_markup("body_fr")

    def clean_body_de(self):
        return self._clean_markup("body_de")

    def clean_source_urls(self):
        urls = self.cleaned_data["source_urls"]
        check = URLValidator(schemes=["https"])
        for url in urls:
            try:
                check(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(url)s” is not an https:// address.") % {"url": url[:80]}
                ) from None
        return urls

    def clean(self):
        data = super().clean()
        for language, name in (("fr", _("French")), ("de", _("German"))):
            if data.get(f"body_{language}") and not data.get(f"title_{language}"):
                self.add_error(
                    f"title_{language}",
                    _("Give the %(language)s title too, or leave its text empty.")
                    % {"language": name},
                )
        return data

    def save(self, commit=True):
        lesson = super().save(commit=False)
        entries = [e.slug for e in self.cleaned_data.get("source_entries") or []]
        lesson.sources = entries + list(self.cleaned_data.get("source_urls") or [])
        if commit:
            lesson.save()
        return lesson


class ImageForm(forms.Form):
    image = forms.FileField(label=_("Image"))
    alt = forms.CharField(
        label=_("What the image shows"),
        max_length=200,
        help_text=_("Read aloud to people who cannot see it."),
    )
    target = forms.ChoiceField(
        label=_("Add it to"),
        choices=[
            ("body", _("Text (English)")),
            ("body_fr", _("Text (French)")),
            ("body_de", _("Text (German)")),
        ],
    )
