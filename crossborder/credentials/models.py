"""Credentials: certificates of attendance (a seminar, for checked-in participants) and of
completion (an online module whose quiz was passed).

One `Credential` row is one certificate. What it certifies is frozen at issue in `facts`
(see facts.py); the PDF, the signed Open Badges 3.0 credential (`open_badge`) and the European
Learning Model export are all made from those facts. The public verification page
`/verify/<code>` looks the row up by its unguessable `code`. Revocation keeps the row and sets
`revoked_at` (with a reason): the verification page and the published status list (bit
`status_index`) then say so at once.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .facts import CertifiedFacts

# 20 characters from a 32-letter alphabet without look-alikes (no 0/O, 1/I/L): 100 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 20
# Entries of the published revocation list (W3C Bitstring Status List): the specification's
# minimum of 131,072 bits (16 KB), so that one bit says nothing about whose certificate it is.
# Each credential gets a random unused index below it.
STATUS_LIST_SIZE = 131_072


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """A code as typed (any case, with spaces or hyphens) in its stored form, or None when it
    cannot be a code at all (wrong length or a character codes never hold)."""
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


class Credential(models.Model):
    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Certificate of attendance")
        COMPLETION = "completion", _("Certificate of completion")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The holder. Kept when the account is deleted (SET_NULL): the facts hold the name, and a
    # certificate already handed to an employer must still verify.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="credentials",
        verbose_name=_("holder"),
    )
    seminar = models.ForeignKey(
        "seminars.Seminar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credentials",
    )
    module = models.ForeignKey(
        "learning.Module",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credentials",
    )
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True)
    language = models.CharField(_("language"), max_length=2, default="en")
    facts = models.JSONField(_("certified facts"))  # CertifiedFacts.as_json()
    # Position of this credential's bit in the published revocation status list.
    status_index = models.PositiveIntegerField(unique=True)
    # The signed Open Badges 3.0 credential, as issued (None until signed).
    open_badge = models.JSONField(null=True, blank=True)
    # The verification method that signed it ("did:web:…#key-…"); kept across key rotation.
    key_id = models.CharField(max_length=200, blank=True)
    pdf = models.FileField(upload_to="credentials/%Y/", blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="attendance", seminar__isnull=False, module__isnull=True))
                | (Q(kind="completion", module__isnull=False, seminar__isnull=True)),
                name="credential_for_seminar_or_module",
            ),
            models.UniqueConstraint(
                fields=["holder", "seminar"],
                condition=Q(kind="attendance"),
                name="one_attendance_credential",
            ),
            models.UniqueConstraint(
                fields=["holder", "module"],
                condition=Q(kind="completion"),
                name="one_completion_credential",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code}"

    def get_absolute_url(self):
        """The public verification page (relative; `verify_url` in the facts is absolute)."""
        from django.urls import reverse

        return reverse("verify", args=[self.code])

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def certified(self) -> CertifiedFacts:
        return CertifiedFacts.from_json(self.facts)


class CredentialBatch(models.Model):
    """One run of "issue all attendance certificates of a seminar" by programme staff.

    Queued when the manager starts it, run by a background task (tasks.py) that issues only the
    missing certificates and counts its progress here, so that the status page can show it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Issuing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    seminar = models.ForeignKey(
        "seminars.Seminar", on_delete=models.CASCADE, related_name="credential_batches"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)  # certificates to issue in this run
    done = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)  # new ones (the rest existed already)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Certificates of {self.seminar} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
