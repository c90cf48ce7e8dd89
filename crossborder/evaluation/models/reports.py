"""The funder report: one generated pair of files (XLSX workbook and PDF) and how it went."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FunderReport(models.Model):
    """A funder report asked for with some filters, built by a background task (see
    crossborder/evaluation/reports/tasks.py) and kept for download with its date.

    Every report is written for the funder: small cells suppressed, no personal data, whoever
    asked for it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    STUCK_AFTER = timedelta(minutes=10)
    STEPS = {
        "indicators": _("Computing the indicators"),
        "charts": _("Drawing the charts"),
        "workbook": _("Writing the workbook"),
        "pdf": _("Writing the PDF"),
    }

    programme = models.ForeignKey(
        "seminars.Programme", on_delete=models.CASCADE, related_name="funder_reports"
    )
    seminar = models.ForeignKey(
        "seminars.Seminar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    language = models.CharField(max_length=5, default="en")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=120, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    xlsx = models.FileField(upload_to="funder-reports/%Y/", blank=True)
    pdf = models.FileField(upload_to="funder-reports/%Y/", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("funder report")
        verbose_name_plural = _("funder reports")

    def __str__(self):
        return f"Funder report {self.programme_id} of {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("funder-report", args=[self.pk])

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def stuck(self) -> bool:
        """Still pending long after it was asked for: no worker is running, or one died."""
        return self.pending and self.created_at < timezone.now() - self.STUCK_AFTER

    @property
    def step_label(self) -> str:
        return str(self.STEPS.get(self.step, ""))
