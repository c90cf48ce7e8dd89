"""The training programme: a funded project made of seminars with timetabled sessions."""

import secrets
import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from crossborder.curriculum.models import Tag
from crossborder.translated import Localized

TIME_ZONES = frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in TIME_ZONES:
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name such as Europe/Vienna."),
            params={"value": value},
        )


class Programme(models.Model):
    """The funded project: what the funder pays for and what it expects."""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    funder = models.CharField(_("funder"), max_length=200)
    grant_reference = models.CharField(_("grant reference"), max_length=80)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    target_participants = models.PositiveIntegerField(_("target number of practitioners"))
    target_mix = models.JSONField(_("target mix by profession (%)"), default=dict, blank=True)

    title_local = Localized("title")

    class Meta:
        ordering = ["-start"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.title

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The programme cannot end before it starts.")})


class Venue(models.Model):
    name = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    accessibility = models.TextField(_("accessibility notes"), blank=True)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.name}, {self.city}"


class SeminarQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see: everything but drafts (archived ones stay readable)."""
        return self.exclude(status=Seminar.Status.DRAFT)

    def upcoming(self, today=None):
        """Public seminars that have not ended yet, soonest first."""
        today = today or timezone.localdate()
        return (
            self.public()
            .exclude(status__in=[Seminar.Status.HELD, Seminar.Status.ARCHIVED])
            .filter(end_date__gte=today)
            .order_by("start_date", "pk")
        )


class Seminar(models.Model):
    """A 2–3 day seminar in one Member State, with a timetable of sessions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        APPLICATIONS_OPEN = "applications_open", _("Applications open")
        APPLICATIONS_CLOSED = "applications_closed", _("Applications closed")
        HELD = "held", _("Held")
        ARCHIVED = "archived", _("Archived")

    # Allowed moves of the status (a manager may also step back to correct a mistake).
    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.DRAFT, Status.APPLICATIONS_OPEN},
        Status.APPLICATIONS_OPEN: {Status.PUBLISHED, Status.APPLICATIONS_CLOSED},
        Status.APPLICATIONS_CLOSED: {Status.APPLICATIONS_OPEN, Status.HELD},
        Status.HELD: {Status.ARCHIVED},
        Status.ARCHIVED: {Status.HELD},
    }

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="seminars")
    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True, default="")
    description_de = models.TextField(_("description (German)"), blank=True, default="")
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.SET_NULL, related_name="seminars"
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_time_zone]
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    interpretation = models.CharField(_("interpretation"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="seminars", verbose_name=_("tags"))
    updated_at = models.DateTimeField(auto_now=True)

    title_local = Localized("title")
    description_local = Localized("description")

    objects = SeminarQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("seminar", args=[self.slug])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors["end_date"] = _("The last day cannot be before the first day.")
            elif (self.end_date - self.start_date).days > 13:
                errors["end_date"] = _("A seminar lasts at most two weeks.")
        if errors:
            raise ValidationError(errors)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def has_begun(self, now=None) -> bool:
        """Whether the first day has come where the seminar is held."""
        return timezone.localtime(now or timezone.now(), self.tz).date() >= self.start_date

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def days(self) -> list:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=i) for i in range(count)]

    def local_datetime(self, day, clock: time) -> datetime:
        """A wall-clock time on a seminar day, as an aware datetime in the seminar's zone."""
        return datetime.combine(day, clock, tzinfo=self.tz)

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.Status(self.status), set())


class Speaker(models.Model):
    """A trainer or speaker, across seminars."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=120)
    function = models.CharField(_("function"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    country = CountryField(_("country"))
    bio = models.TextField(_("short biography"), blank=True)
    bio_fr = models.TextField(_("short biography (French)"), blank=True, default="")
    bio_de = models.TextField(_("short biography (German)"), blank=True, default="")
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker",
    )

    bio_local = Localized("bio")

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("speaker", args=[self.slug])


class Session(models.Model):
    """One slot of a seminar's timetable. Parallel workshops share a slot in different rooms."""

    class Kind(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "panel", _("Panel")
        CASE_STUDY = "case_study", _("Case study")
        WORKSHOP = "workshop", _("Workshop")
        STUDY_VISIT = "study_visit", _("Study visit")
        BREAK = "break", _("Break")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True, default="")
    description_de = models.TextField(_("description (German)"), blank=True, default="")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=80, blank=True)
    track = models.CharField(_("track"), max_length=10, blank=True)
    speakers = models.ManyToManyField(
        Speaker, blank=True, related_name="sessions", verbose_name=_("speakers")
    )
    chair = models.ForeignKey(
        Speaker,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired_sessions",
        verbose_name=_("chair"),
    )
    objectives = models.TextField(_("learning objectives"), blank=True)
    materials = models.JSONField(_("materials"), default=list, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="sessions", verbose_name=_("tags"))

    title_local = Localized("title")
    description_local = Localized("description")

    class Meta:
        ordering = ["start", "track", "room"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["seminar", "start"])]

    def __str__(self):
        return self.title

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def is_break(self) -> bool:
        return self.kind == self.Kind.BREAK


class Attendance(models.Model):
    """A person's choice to attend a session: it feeds the personal calendar."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_choices"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendees")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "session"], name="one_choice_per_session")
        ]

    def __str__(self):
        return f"{self.user} → {self.session}"


class CalendarToken(models.Model):
    """The secret in the address of a person's calendar feed; renewing it revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"calendar of {self.user}"

    @classmethod
    def for_user(cls, user) -> "CalendarToken":
        token, _created = cls.objects.get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
        return token

    def renew(self) -> None:
        self.token = secrets.token_urlsafe(32)
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])
