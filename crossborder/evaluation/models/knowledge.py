"""Knowledge tests before and after a seminar: two parallel forms, each a quiz of the learning
app's engine with fixed items, and each participant's two sittings (pre and post).

Half the participants take form A before the seminar and B after it, the other half the reverse
(see `form_order`), so that the difference between pre and post is not the difference between
the forms."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.curriculum.models import Tag
from crossborder.learning.models import Attempt, Question, Quiz
from crossborder.seminars.models import Seminar


class Phase(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class Letter(models.TextChoices):
    A = "A", _("Form A")
    B = "B", _("Form B")


@dataclass(frozen=True)
class Windows:
    """When the tests of a seminar are open (aware datetimes). The pre-test opens for each
    person when their seat is confirmed, so it has only a closing time here."""

    pre_closes: datetime
    post_opens: datetime
    post_closes: datetime

    def open(self, phase: str, now: datetime) -> bool:
        if phase == Phase.PRE:
            return now < self.pre_closes
        return self.post_opens <= now < self.post_closes


def form_order(test_id: int, user_id: int) -> tuple[str, str]:
    """(pre-test form, post-test form) of one person: A then B, or B then A. Deterministic per
    person and test (a hash, not Python's salted hash()), about half each way."""
    digest = hashlib.sha256(f"crossborder-knowledge:{test_id}:{user_id}".encode()).digest()
    return (Letter.A, Letter.B) if digest[0] % 2 == 0 else (Letter.B, Letter.A)


class KnowledgeTest(models.Model):
    """A seminar's pre- and post-test."""

    seminar = models.OneToOneField(Seminar, on_delete=models.CASCADE, related_name="knowledge_test")
    items_per_element = models.PositiveSmallIntegerField(
        _("questions per curriculum element in each form"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    post_open_days = models.PositiveSmallIntegerField(
        _("days the post-test stays open"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    # Each draw of the forms uses the next seed: a redraw gives other items, reproducibly.
    seed = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("knowledge test")
        verbose_name_plural = _("knowledge tests")

    def __str__(self):
        return f"Knowledge test: {self.seminar}"

    def get_absolute_url(self):
        return reverse("knowledge-test", args=[self.seminar.slug])

    def windows(self, first_start=None, last_start=None) -> Windows:
        """The windows; pass the first and last session starts when a list already has them
        (see tests_due), else they are read in one query."""
        if first_start is None or last_start is None:
            bounds = self.seminar.sessions.aggregate(first=Min("start"), last=Max("start"))
            first_start, last_start = bounds["first"], bounds["last"]
        seminar = self.seminar
        # A seminar without a timetable yet: its first and last day, from midnight local time.
        first_start = first_start or seminar.local_datetime(seminar.start_date, time(0))
        last_start = last_start or seminar.local_datetime(seminar.end_date, time(0))
        return Windows(
            pre_closes=first_start,
            post_opens=last_start,
            post_closes=last_start + timedelta(days=self.post_open_days),
        )


class KnowledgeForm(models.Model):
    """One of a test's two parallel forms; its items are the fixed questions of its quiz."""

    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="forms")
    letter = models.CharField(max_length=1, choices=Letter.choices)
    quiz = models.OneToOneField(Quiz, on_delete=models.CASCADE, related_name="knowledge_form")

    class Meta:
        ordering = ["test", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["test", "letter"], name="one_form_per_letter")
        ]

    def __str__(self):
        return f"{self.test} – {self.letter}"

    def get_absolute_url(self):
        return self.test.get_absolute_url()

    # What the attempt pages of the learning app ask of a quiz's host (see Quiz.host).
    @property
    def title_local(self) -> str:
        return _("Knowledge test: %(seminar)s") % {"seminar": self.test.seminar.title_local}

    @property
    def back_label(self) -> str:
        return _("Back to your knowledge tests")

    @property
    def result_note(self) -> str:
        return _(
            "Thank you. This test has no pass mark: comparing the scores before and after the "
            "seminar shows the trainers what it taught. The right answers are not shown, "
            "because other participants still take this form."
        )


class FormItem(models.Model):
    """One question of a form, and the curriculum element it was drawn for (an item tagged with
    two elements counts for the one it was drawn for only)."""

    form = models.ForeignKey(KnowledgeForm, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    element = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "question"], name="one_item_per_question")
        ]

    def __str__(self):
        return f"{self.form} #{self.position}: {self.question}"


class Sitting(models.Model):
    """One person's pre- or post-test: the form they were given and their attempt at it."""

    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="sittings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_sittings"
    )
    phase = models.CharField(max_length=4, choices=Phase.choices)
    form = models.ForeignKey(KnowledgeForm, on_delete=models.CASCADE, related_name="sittings")
    attempt = models.OneToOneField(
        Attempt, on_delete=models.CASCADE, related_name="knowledge_sitting"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["test", "user", "phase"]
        constraints = [
            models.UniqueConstraint(fields=["test", "user", "phase"], name="one_sitting_per_phase")
        ]

    def __str__(self):
        return f"{self.user} – {self.test} ({self.phase})"

    @property
    def taken(self) -> bool:
        """Submitted, or its time ran out (it cannot be taken again either way)."""
        return self.attempt.submitted_at is not None or not self.attempt.is_open
