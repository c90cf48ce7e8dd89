"""The practitioner directory: who opted in (and what they show to whom), their consent history,
contact requests between practitioners, blocks and abuse reports; and the cohort spaces'
discussions."""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.curriculum.models import Tag

# The fields a person may show, in the order pages show them (each has a `show_<field>` flag).
FIELDS = ("name", "profession", "organisation", "country", "languages", "tags", "seminars")
MESSAGE_MAX = 500


def new_public_id() -> str:
    """An opaque identifier: 96 random bits, nothing to count up or guess."""
    return secrets.token_urlsafe(12)


class Audience(models.TextChoices):
    MEMBERS = "members", _("All signed-in practitioners")
    VETTED = "vetted", _("Only vetted judiciary and law enforcement")


class ListingQuerySet(models.QuerySet):
    def for_audiences(self, audiences):
        """Listed people whose chosen audience is one of `audiences` (as access decides)."""
        return self.filter(listed=True, audience__in=audiences, user__is_active=True)


class NetworkListing(models.Model):
    """One person's entry in the directory: not listed until they opt in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_listing"
    )
    public_id = models.CharField(max_length=24, unique=True, default=new_public_id, editable=False)
    listed = models.BooleanField(_("list me in the directory"), default=False, db_index=True)
    audience = models.CharField(
        _("who may find me"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    show_name = models.BooleanField(_("name"), default=True)
    show_profession = models.BooleanField(_("profession"), default=True)
    show_organisation = models.BooleanField(_("organisation"), default=False)
    show_country = models.BooleanField(_("country"), default=True)
    show_languages = models.BooleanField(_("working languages"), default=True)
    show_tags = models.BooleanField(_("areas of expertise"), default=True)
    show_seminars = models.BooleanField(_("seminars attended"), default=False)
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="+", verbose_name=_("areas of expertise")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("directory listing")
        verbose_name_plural = _("directory listings")
        indexes = [models.Index(fields=["listed", "audience"])]

    def __str__(self):
        return f"{self.public_id} ({'listed' if self.listed else 'not listed'})"

    def shown(self) -> frozenset[str]:
        """The fields this person chose to show."""
        return frozenset(f for f in FIELDS if getattr(self, f"show_{f}"))


class NetworkConsent(models.Model):
    """One step of a person's consent history: given or withdrawn, when, to which wording."""

    class Action(models.TextChoices):
        GIVEN = "given", _("Consent given")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_consents"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    wording_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user_id} {self.action} {self.wording_version}"


class ContactRequestQuerySet(models.QuerySet):
    def received_by(self, user):
        """What the recipient sees: a request withheld because of a block never shows."""
        return self.filter(recipient=user).exclude(status=ContactRequest.Status.WITHHELD)

    def pending_for(self, user):
        return self.received_by(user).filter(status=ContactRequest.Status.PENDING)


class ContactRequest(models.Model):
    """A practitioner asks another to get in touch; accepted, both see each other's email.

    Sender and recipient are kept as NULL after an account is erased, so the programme's count
    of contacts made through the network stays right (the message is removed)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        # Sent to someone who blocked the sender: the sender sees it as waiting, the recipient
        # never sees it and is not told.
        WITHHELD = "withheld", _("Waiting for an answer")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), validators=[MaxLengthValidator(MESSAGE_MAX)])
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "status"])]

    def __str__(self):
        return f"contact request {self.pk} ({self.status})"

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED


class Block(models.Model):
    """`blocker` no longer receives contact requests from `blocked`."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair")
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class AbuseReport(models.Model):
    """A practitioner tells the moderators (programme staff) about a contact request they
    received or a message in a cohort's discussion."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    contact_request = models.ForeignKey(
        ContactRequest, null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    post = models.ForeignKey(
        "CohortPost", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("what happened"), validators=[MaxLengthValidator(1000)])
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self):
        return f"abuse report {self.pk} ({self.status})"


POST_MAX = 2000


class CohortPostQuerySet(models.QuerySet):
    def shown(self):
        """What the members read: the posts the moderators have not hidden."""
        return self.filter(hidden_at__isnull=True)


class CohortPost(models.Model):
    """A message in a seminar cohort's discussion: plain text, shown escaped. Moderators
    (programme staff) hide a post; its author may delete it."""

    seminar = models.ForeignKey(
        "seminars.Seminar", on_delete=models.CASCADE, related_name="cohort_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="cohort_posts"
    )
    body = models.TextField(_("message"), validators=[MaxLengthValidator(POST_MAX)])
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CohortPostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["seminar", "created_at"])]
        verbose_name = _("cohort message")
        verbose_name_plural = _("cohort messages")

    def __str__(self):
        return f"cohort message {self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
