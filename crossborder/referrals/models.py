"""NGO referral profiles: whom a police officer or a labour inspector calls, in a given country,
when they identify a presumed victim of trafficking.

A profile is an organisation's, not a person's: its contact details are the organisation's own
(phone, hotline, email, website). Staff of the NGO who hold a civil-society profile edit it
together (`ReferralEditor`). Nobody but its editors and programme staff sees it before a manager
approves it (a fake profile could direct victims to their exploiters). Once approved, the
editors keep the services and the referral text up to date without a new approval; a change of
the organisation's name, country or contact channels waits for a manager in `pending_changes`,
while the approved values stay on show (see `ReferralProfile.propose`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from crossborder.accounts.models import LANGUAGE_CHOICES

# Fields whose change needs a manager's approval once a profile is published: they decide
# whom a victim is sent to. Everything else (services, languages, regions, referral text) the
# NGO keeps current itself.
CHECKED_FIELDS = ("name", "country", "phone", "hotline", "email", "website")
# A profile not reviewed by its editors for this long is shown with a warning.
STALE_AFTER_DAYS = 365


class Service(models.TextChoices):
    SHELTER = "shelter", _("Shelter and safe accommodation")
    LEGAL = "legal", _("Legal counselling")
    PSYCHOLOGICAL = "psychological", _("Psychological support")
    MEDICAL = "medical", _("Medical care")
    INTERPRETATION = "interpretation", _("Interpretation")
    RETURN = "return", _("Return and reintegration")
    LABOUR = "labour", _("Labour-rights advice")
    CHILDREN = "children", _("Child-specific support")
    HELPLINE = "helpline", _("Helpline")
    ACCOMPANIMENT = "accompaniment", _("Accompaniment to police and court")


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Not approved")


def new_uid() -> str:
    """An opaque identifier for addresses (no counting profiles by id)."""
    return secrets.token_urlsafe(9)


class ReferralProfileQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)

    def awaiting_decision(self):
        """New or resubmitted profiles, and published ones with contact changes to check."""
        return self.filter(
            models.Q(status=Status.PENDING)
            | models.Q(status=Status.APPROVED, has_pending_changes=True)
        )

    def edited_by(self, user):
        return self.filter(editors=user)

    def matching(self, *, country: str = "", service: str = "", language: str = ""):
        """The profiles offering `service` in `country` in `language` (each filter optional)."""
        qs = self
        if country:
            qs = qs.filter(country=country)
        if service:
            qs = qs.filter(pk__in=Offer.objects.filter(service=service).values("profile"))
        if language:
            qs = qs.filter(pk__in=Language.objects.filter(code=language).values("profile"))
        return qs


class ReferralProfile(models.Model):
    uid = models.CharField(max_length=16, unique=True, default=new_uid, editable=False)
    name = models.CharField(_("organisation"), max_length=200)
    country = CountryField(_("country"))
    regions = models.CharField(
        _("regions served"),
        max_length=300,
        blank=True,
        help_text=_("Cities or regions, e.g. “Greater Lisbon, Setúbal”. Empty: the whole country."),
    )
    how_to_refer = models.TextField(_("how to refer a victim"), max_length=3000)
    hours = models.CharField(_("when to call"), max_length=200)
    consent = models.TextField(_("the victim's consent"), max_length=1500, blank=True)
    phone = models.CharField(_("phone"), max_length=40)
    hotline = models.CharField(_("hotline (outside office hours)"), max_length=40, blank=True)
    email = models.EmailField(_("email"))
    website = models.URLField(_("website"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # Proposed new values of CHECKED_FIELDS of a published profile: {field: value}.
    pending_changes = models.JSONField(default=dict, blank=True)
    has_pending_changes = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("reason"), blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ReferralEditor",
        through_fields=("profile", "user"),
        related_name="referral_profiles",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralProfileQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("referral profile")
        verbose_name_plural = _("referral profiles")
        indexes = [models.Index(fields=["status", "country", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("referral", args=[self.uid])

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_stale(self) -> bool:
        return (timezone.localdate() - self.last_reviewed).days > STALE_AFTER_DAYS

    def service_labels(self) -> list[str]:
        """In the order of Service (prefetch `offers` when listing many)."""
        codes = {o.service for o in self.offers.all()}
        return [str(label) for value, label in Service.choices if value in codes]

    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        codes = {x.code for x in self.languages.all()}
        return [str(labels[c]) for c, _label in LANGUAGE_CHOICES if c in codes]

    def proposed(self, field: str):
        """A checked field's value as its editors last wrote it (pending or in force)."""
        return self.pending_changes.get(field, getattr(self, field))

    def pending_items(self) -> list[tuple[str, str, str]]:
        """(label, value in force, proposed value) of each change waiting for a manager."""
        return [
            (
                str(self._meta.get_field(f).verbose_name),
                str(getattr(self, f)),
                str(self.pending_changes[f]),
            )
            for f in CHECKED_FIELDS
            if f in self.pending_changes
        ]

    def propose(self, data: dict) -> list[str]:
        """Write the editors' values; return the names of the fields that changed.

        Before approval everything is written directly (nobody else sees it yet). On a
        published profile, changes of CHECKED_FIELDS wait in `pending_changes` for a manager
        while the approved values stay on show; the rest takes effect at once."""
        changed = []
        pending = {}
        for field, value in data.items():
            current = self.proposed(field) if field in CHECKED_FIELDS else getattr(self, field)
            if str(current) != str(value):
                changed.append(field)
            if self.is_approved and field in CHECKED_FIELDS:
                if str(getattr(self, field)) != str(value):
                    pending[field] = str(value)
            else:
                setattr(self, field, value)
        if self.is_approved:
            self.pending_changes = pending
            self.has_pending_changes = bool(pending)
        return changed

    def apply_pending_changes(self) -> dict:
        applied = dict(self.pending_changes)
        for field, value in applied.items():
            setattr(self, field, value)
        self.pending_changes, self.has_pending_changes = {}, False
        return applied


class Offer(models.Model):
    """A service a profile offers (a row each, so that search filters use an index)."""

    profile = models.ForeignKey(ReferralProfile, on_delete=models.CASCADE, related_name="offers")
    service = models.CharField(max_length=20, choices=Service.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "service"], name="referrals_offer_unique")
        ]
        indexes = [models.Index(fields=["service", "profile"])]

    def __str__(self):
        return self.get_service_display()


class Language(models.Model):
    """A language the organisation works in with victims."""

    profile = models.ForeignKey(ReferralProfile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=5, choices=LANGUAGE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="referrals_language_unique")
        ]
        indexes = [models.Index(fields=["code", "profile"])]

    def __str__(self):
        return self.code


class ReferralEditor(models.Model):
    """A member of the NGO's staff who may edit its profile."""

    profile = models.ForeignKey(ReferralProfile, on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_editorships"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "user"], name="referrals_editor_unique")
        ]

    def __str__(self):
        return f"{self.user} ({self.profile})"


class ReferralEdit(models.Model):
    """Who changed which fields of a profile, and when (the editors' own history; decisions
    are in the audit trail). An erased editor's rows keep the change, not the person."""

    profile = models.ForeignKey(ReferralProfile, on_delete=models.CASCADE, related_name="edits")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referral_edits",
    )
    at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.profile} {self.at:%Y-%m-%d}"
