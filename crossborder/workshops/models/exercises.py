"""Exercises the groups of a workshop work on, such as the joint-investigation-team (JIT)
simulation.

An *exercise* is data: its case file, role cards, injects and checklist are written in
crossborder/content/workshops/<slug>/ and loaded into these tables by `manage.py
load_workshops` (see that folder's README). A *run* is one exercise held in one workshop slot;
each group of the slot writes one *draft* (for the JIT exercise, a JIT agreement and an
operational action plan), which the trainer comments on per section.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossborder.translated import Localized

from .groups import Group, Workshop


class Exercise(models.Model):
    """A workshop exercise as loaded from its content folder."""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    summary = models.TextField(_("summary"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True, default="")
    summary_de = models.TextField(_("summary (German)"), blank=True, default="")
    case_file = models.TextField(_("case file (Markdown)"))
    case_file_fr = models.TextField(_("case file (French)"), blank=True, default="")
    case_file_de = models.TextField(_("case file (German)"), blank=True, default="")
    kind = models.CharField(_("kind of draft"), max_length=30, default="jit_agreement")
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    title_local = Localized("title")
    summary_local = Localized("summary")
    case_file_local = Localized("case_file")

    class Meta:
        ordering = ["title"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")

    def __str__(self):
        return self.title


class RoleCard(models.Model):
    """A role a participant plays in the exercise (for a profession, or open to all)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="roles")
    key = models.SlugField()
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("role"), max_length=200)
    title_fr = models.CharField(max_length=200, blank=True, default="")
    title_de = models.CharField(max_length=200, blank=True, default="")
    professions = models.JSONField(_("for professions"), default=list, blank=True)
    body = models.TextField(_("brief (Markdown)"))
    body_fr = models.TextField(blank=True, default="")
    body_de = models.TextField(blank=True, default="")
    sources = models.JSONField(_("sources"), default=list, blank=True)

    title_local = Localized("title")
    body_local = Localized("body")

    class Meta:
        ordering = ["exercise", "order"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "key"], name="one_role_key_per_exercise")
        ]

    def __str__(self):
        return self.title

    def suits(self, profession: str) -> bool:
        """A card suits the professions it names; a card naming none suits everyone."""
        return not self.professions or profession in self.professions


class Inject(models.Model):
    """A new piece of information the trainer releases during the exercise."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="injects")
    key = models.SlugField()
    order = models.PositiveSmallIntegerField(default=0)
    minute = models.PositiveSmallIntegerField(
        _("suggested minute"), null=True, blank=True, help_text=_("Minutes after the start.")
    )
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(max_length=200, blank=True, default="")
    title_de = models.CharField(max_length=200, blank=True, default="")
    body = models.TextField(_("text (Markdown)"))
    body_fr = models.TextField(blank=True, default="")
    body_de = models.TextField(blank=True, default="")
    sources = models.JSONField(_("sources"), default=list, blank=True)

    title_local = Localized("title")
    body_local = Localized("body")

    class Meta:
        ordering = ["exercise", "order"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "key"], name="one_inject_key_per_exercise")
        ]

    def __str__(self):
        return self.title


class ExerciseRun(models.Model):
    """An exercise held in one workshop slot: open while the groups work, closed for the
    debrief."""

    class Status(models.TextChoices):
        PREPARED = "prepared", pgettext_lazy("exercise run", "Prepared")
        OPEN = "open", pgettext_lazy("exercise run", "Open")
        CLOSED = "closed", pgettext_lazy("exercise run", "Closed")

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="runs")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="exercise_runs")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PREPARED)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    debrief = models.TextField(_("debrief notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("exercise run")
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "workshop"], name="one_run_per_exercise_and_workshop"
            )
        ]

    def __str__(self):
        return f"{self.exercise} @ {self.workshop}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def started(self) -> bool:
        """Opened at some point (open now, or closed): its groups may read it."""
        return self.status in (self.Status.OPEN, self.Status.CLOSED)


class InjectRelease(models.Model):
    """An inject released to every group of a run (invisible to participants before)."""

    run = models.ForeignKey(ExerciseRun, on_delete=models.CASCADE, related_name="releases")
    inject = models.ForeignKey(Inject, on_delete=models.CASCADE, related_name="releases")
    released_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["released_at"]
        constraints = [
            models.UniqueConstraint(fields=["run", "inject"], name="one_release_per_inject")
        ]

    def __str__(self):
        return f"{self.inject} ({self.released_at:%H:%M})"


class Draft(models.Model):
    """One group's written result of a run: for the JIT exercise, the JIT agreement and the
    operational action plan, as structured fields (`content`, keyed by section)."""

    run = models.ForeignKey(ExerciseRun, on_delete=models.CASCADE, related_name="drafts")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="drafts")
    content = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["run", "group__number"]
        constraints = [models.UniqueConstraint(fields=["run", "group"], name="one_draft_per_group")]

    def __str__(self):
        return f"{self.group} – {self.run}"


class DraftComment(models.Model):
    """A trainer's comment on one section of a group's draft."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.section}: {self.body[:40]}"
