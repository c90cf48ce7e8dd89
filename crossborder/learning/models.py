"""Online modules: lessons, a question bank, quizzes, attempts and progress."""

import random
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crossborder.curriculum.models import Tag
from crossborder.translated import Localized


class Level(models.TextChoices):
    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Registered practitioners")
    RESTRICTED = "restricted", _("Vetted judiciary and law enforcement")


class Module(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(max_length=200, blank=True, default="")
    title_de = models.CharField(max_length=200, blank=True, default="")
    summary = models.TextField(_("summary"), blank=True)
    summary_fr = models.TextField(blank=True, default="")
    summary_de = models.TextField(blank=True, default="")
    objectives = models.JSONField(_("learning objectives"), default=list, blank=True)
    objectives_fr = models.JSONField(default=list, blank=True)
    objectives_de = models.JSONField(default=list, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("estimated duration (minutes)"), default=60
    )
    level = models.CharField(_("audience"), max_length=12, choices=Level.choices)
    professions = models.JSONField(_("target professions"), default=list, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="modules")
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="unlocks"
    )
    sources = models.JSONField(default=list, blank=True)
    # Learners see only published modules. The shipped curriculum is loaded published; a module
    # created in the browser starts as a draft (authoring sets it explicitly).
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="authored_modules"
    )
    # Set when a person saves the item in the browser: `load_content` then leaves it alone.
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[tags])

    title_local = Localized("title")
    summary_local = Localized("summary")
    objectives_local = Localized("objectives")

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("module", args=[self.slug])

    def objectives_read_in(self, language: str | None) -> bool:
        """Whether the learning objectives are written in this language (English always are)."""
        language = (language or "en")[:2]
        return language == "en" or bool(getattr(self, f"objectives_{language}", None))

    @property
    def back_label(self) -> str:
        """The link from an attempt back to what holds its quiz (see Quiz.host)."""
        return _("Back to the module")


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    title_fr = models.CharField(max_length=200, blank=True, default="")
    title_de = models.CharField(max_length=200, blank=True, default="")
    body = models.TextField(help_text=_("Markdown; rendered sanitised."))
    body_fr = models.TextField(blank=True, default="")
    body_de = models.TextField(blank=True, default="")
    sources = models.JSONField(default=list, blank=True)  # library entry slugs or https URLs
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    title_local = Localized("title")
    body_local = Localized("body")

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["module", "slug"], name="lesson_slug")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lesson", args=[self.module.slug, self.slug])

    def reads_in(self, language: str | None) -> bool:
        """Whether the lesson is written in this language (English always is)."""
        language = (language or "en")[:2]
        return language == "en" or bool(getattr(self, f"body_{language}", ""))

    def source_links(self, levels) -> list[tuple[str, str]]:
        """(address, text) of each source: the library entries readable at `levels` (see
        access.library_levels), by their title in the reader's language, and https links."""
        from crossborder.library.models import Entry

        slugs = [s for s in self.sources if not s.startswith("https://")]
        entries = (
            Entry.objects.readable_at(levels)
            .filter(slug__in=slugs)
            .only("slug", "title", "title_fr", "title_de")
            .in_bulk(field_name="slug")
            if slugs
            else {}
        )
        links = []
        for source in self.sources:
            if source.startswith("https://"):
                links.append((source, source))
            elif source in entries:
                links.append((entries[source].get_absolute_url(), entries[source].title_local))
        return links


class Question(models.Model):
    """One item of the bank. `data` holds what the type needs (options, pairs, answer, …)."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple response")
        TRUE_FALSE = "true_false", _("True / false")
        MATCHING = "matching", _("Matching")
        ORDERING = "ordering", _("Ordering")
        SHORT = "short", _("Short answer")
        NUMERIC = "numeric", _("Numeric")
        ESSAY = "essay", _("Essay")
        DESCRIPTION = "description", _("Description")
        GAPSELECT = "gapselect", _("Select missing words")

    # Kinds that carry no points of their own: description is never scored; essay is graded by
    # a trainer, not here.
    UNSCORED = frozenset({"description"})
    NOT_AUTO_GRADED = frozenset({"description", "essay"})

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=100)  # the URL-safe handle; identity is idnumber/name
    name = models.CharField(_("name"), max_length=255, blank=True)
    idnumber = models.CharField(_("ID number"), max_length=100, blank=True)
    # The category path below Moodle's "top", e.g. "Default for THB/Element A/Legal framework":
    # a stored path, split into its levels where shown (see Question.category_levels).
    category = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()  # sanitised HTML (or plain text for the shipped curriculum)
    data = models.JSONField(default=dict)
    explanation = models.TextField(blank=True)
    # A case scenario: a fact pattern and a decision, rather than recall (content/modules/README).
    scenario = models.BooleanField(_("case scenario"), default=False)
    # French and German wording (see translations.py): {"fr": {"text", "explanation", "data"}}.
    translations = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=400, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions")
    labels = models.JSONField(_("tags from the question bank"), default=list, blank=True)
    hidden = models.BooleanField(_("hidden from learners"), default=False)
    penalty = models.FloatField(_("penalty per try"), default=0.3333333)
    default_grade = models.FloatField(default=1.0)
    hints = models.JSONField(default=list, blank=True)  # [{"text": html, "shownumcorrect": …}]
    feedback = models.JSONField(default=dict, blank=True)  # combined: correct/partial/incorrect
    files = models.JSONField(default=list, blank=True)  # [{"name", "path", "storage"}]
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[tags])

    class Meta:
        ordering = ["module", "key"]
        constraints = [models.UniqueConstraint(fields=["module", "key"], name="question_key")]

    def __str__(self):
        return f"{self.module.slug}/{self.key}"

    @property
    def title(self) -> str:
        return self.name or self.key

    @property
    def category_levels(self) -> list[str]:
        return [part for part in self.category.split("/") if part]


class Quiz(models.Model):
    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately after each answer")
        AFTER_SUBMIT = "after_submit", _("After the attempt is submitted")
        AFTER_CLOSE = "after_close", _("After the quiz closes")

    # A module's quiz; empty for a quiz that something else holds (a seminar's knowledge-test
    # form, crossborder/evaluation): all its questions are then fixed and none is drawn.
    module = models.OneToOneField(
        Module, null=True, blank=True, on_delete=models.CASCADE, related_name="quiz"
    )
    questions = models.ManyToManyField(Question, blank=True, related_name="fixed_in")
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn at random from the bank"), default=10
    )
    attempts_allowed = models.PositiveSmallIntegerField(default=3)
    time_limit_minutes = models.PositiveSmallIntegerField(default=30)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    shuffle = models.BooleanField(default=True)
    feedback = models.CharField(
        max_length=12, choices=Feedback.choices, default=Feedback.AFTER_SUBMIT
    )
    closes_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Quiz: {self.host}"

    @property
    def host(self):
        """What the quiz belongs to: its module, or the seminar knowledge-test form holding it.
        Either gives the attempt pages a `title_local`, a `get_absolute_url` and a
        `back_label`."""
        if self.module_id is not None:
            return self.module
        return getattr(self, "knowledge_form", None)

    def draw(self, rng: random.Random, *, fixed: list[int], pool: list[int]) -> list[int]:
        """The questions of a new attempt: the fixed ones and `draw_count` from the pool."""
        bank = [pk for pk in pool if pk not in fixed]
        chosen = list(fixed) + rng.sample(bank, min(self.draw_count, len(bank)))
        if self.shuffle:
            rng.shuffle(chosen)
        return chosen


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    question_ids = models.JSONField(default=list)
    # {question id: id of its historical record}: the version each question was drawn with, so
    # that a later edit never changes this attempt (only an explicit regrade does).
    question_versions = models.JSONField(default=dict, blank=True)
    layout = models.JSONField(default=dict)  # per question: the shuffled order of its choices
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(default=False)
    # Essays answered in this attempt that no trainer has graded yet: while there are any, the
    # score is provisional and pass/fail is not decided (`passed` stays False).
    essays_awaiting = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number")
        ]

    def __str__(self):
        return f"{self.user} – {self.quiz} #{self.number}"

    def get_absolute_url(self):
        return reverse("attempt", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None and timezone.now() <= self.deadline + timedelta(seconds=5)

    @property
    def awaiting_grading(self) -> bool:
        return self.submitted_at is not None and self.essays_awaiting > 0

    @property
    def graded_max_score(self) -> float:
        """The points of the questions graded so far (each question is worth 1 point)."""
        return (self.max_score or 0) - self.essays_awaiting

    @property
    def percent(self) -> float:
        return 0.0 if not self.max_score else round(100 * (self.score or 0) / self.max_score, 1)


class AnswerQuerySet(models.QuerySet):
    def essays(self):
        """Essay answers of submitted attempts (what a trainer may grade)."""
        return self.filter(question__kind=Question.Kind.ESSAY, attempt__submitted_at__isnull=False)

    def awaiting_grading(self):
        return self.essays().filter(score__isnull=True)


class Answer(models.Model):
    """The latest saved response to one question of one attempt (saved as it is given)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField()
    score = models.FloatField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)
    # Essays: graded by a trainer (the score is the share of the rubric's points, 0..1).
    rubric_scores = models.JSONField(default=list, blank=True)  # points per criterion, or [mark]
    feedback = models.TextField(blank=True, default="")
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")
        ]
        indexes = [  # the grading queue: answers without a score (essays awaiting their trainer)
            models.Index(
                fields=["attempt"], condition=models.Q(score__isnull=True), name="answer_unscored"
            )
        ]

    def __str__(self):
        return f"{self.attempt} / {self.question.key}"


class LessonView(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_viewed")]

    def __str__(self):
        return f"{self.user} read {self.lesson}"
