"""A workshop slot, its groups and who is in which group.

A *workshop* is one slot of a seminar's timetable: the parallel workshop sessions that start at
the same time in different rooms (tracks A, B, C). Its participants are split into groups; each
group works in the room of one of the slot's sessions, with one of that session's trainers.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.seminars.models import Seminar, Session, Speaker


class Workshop(models.Model):
    """One workshop slot of a seminar (the sessions of kind workshop that start together)."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="workshops")
    start = models.DateTimeField(_("start"))
    languages = models.JSONField(
        _("group languages"),
        default=list,
        blank=True,
        help_text=_("Languages a group may work in; empty means the seminar's working languages."),
    )
    published_at = models.DateTimeField(_("groups shown to participants"), null=True, blank=True)

    class Meta:
        ordering = ["seminar", "start"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.UniqueConstraint(fields=["seminar", "start"], name="one_workshop_per_slot")
        ]

    def __str__(self):
        return f"{self.seminar} – {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def sessions(self):
        """The parallel workshop sessions of this slot (one per room / track)."""
        return Session.objects.filter(
            seminar_id=self.seminar_id, start=self.start, kind=Session.Kind.WORKSHOP
        ).order_by("track", "room")

    def group_languages(self) -> list[str]:
        return list(self.languages or self.seminar.working_languages or ["en"])


class PairingRule(models.Model):
    """A manager's instruction for every workshop of a seminar: two participants kept apart
    (never in the same group) or kept together (always in the same group)."""

    class Kind(models.TextChoices):
        APART = "apart", _("Keep apart")
        TOGETHER = "together", _("Keep together")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="pairing_rules")
    kind = models.CharField(_("rule"), max_length=8, choices=Kind.choices)
    first = models.ForeignKey("enrolment.Application", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("enrolment.Application", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pairing rule")
        verbose_name_plural = _("pairing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["seminar", "first", "second"], name="one_rule_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="rule_pairs_two_people"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.first} / {self.second}"


class AllocationRun(models.Model):
    """One run of the group allocation for a workshop: what was asked, how it went, the scores.

    Queued when the manager starts it, solved by a background task, then done (the groups are
    replaced by the result) or failed (with a message naming the conflicting constraints)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    params = models.JSONField(default=dict)  # groups or group size, time limit, …
    result = models.JSONField(default=dict, blank=True)  # scores, random baseline, bound, gap
    progress = models.JSONField(default=dict, blank=True)  # solutions found so far, best score
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    STUCK_AFTER = timedelta(minutes=10)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Allocation for {self.workshop} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def stuck(self) -> bool:
        return self.pending and self.created_at < timezone.now() - self.STUCK_AFTER


class Group(models.Model):
    """One group of a workshop: its number, room (the session it works in), trainer and
    working language."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group"))
    session = models.ForeignKey(
        Session,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_groups",
        verbose_name=_("session"),
    )
    trainer = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshop_groups",
        verbose_name=_("trainer"),
    )
    language = models.CharField(_("working language"), max_length=8, blank=True)

    class Meta:
        ordering = ["workshop", "number"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="one_group_number")
        ]

    def __str__(self):
        return _("Group %(number)s") % {"number": self.number}

    @property
    def room(self) -> str:
        return self.session.room if self.session else ""


class Membership(models.Model):
    """A participant (their application to the seminar) in one group of a workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    application = models.ForeignKey(
        "enrolment.Application", on_delete=models.CASCADE, related_name="workshop_memberships"
    )
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "application"], name="one_group_per_workshop"
            )
        ]

    def __str__(self):
        return f"{self.application} in {self.group}"
