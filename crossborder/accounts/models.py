"""People: the sign-in account (email is the identity), roles, and the practitioner profile."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField

# The 27 Member States of the European Union (ISO 3166-1 alpha-2).
EU27 = frozenset(
    ("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE").split()
)


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    TRAINER = "trainer", _("Trainer / speaker")
    MANAGER = "manager", _("Programme manager")
    FUNDER = "funder", _("Funder observer")
    ADMIN = "admin", _("Administrator")


class Profession(models.TextChoices):
    JUDGE = "judge", _("Judge")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement officer")
    FINANCIAL = "financial_compliance", _("Financial or compliance officer")
    LABOUR_INSPECTOR = "labour_inspector", _("Labour inspector")
    CIVIL_SOCIETY = "civil_society", _("Civil society / NGO")
    OTHER_AUTHORITY = "other_authority", _("Other national authority")


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "", _("Prefer not to say")


class Vetting(models.TextChoices):
    NONE = "none", _("Not vetted")
    VERIFIED = "verified", _("Verified judiciary / law enforcement")
    REVOKED = "revoked", _("Vetting revoked")


# Working languages offered in profiles: the 24 official EU languages plus a few common ones.
LANGUAGE_CHOICES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
    ("sq", _("Albanian")),
    ("sr", _("Serbian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
]
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGE_CHOICES)

# Professions whose members can be vetted for restricted material.
VETTABLE_PROFESSIONS = frozenset(
    {Profession.JUDGE, Profession.PROSECUTOR, Profession.LAW_ENFORCEMENT}
)

# The address a deleted account is given (crossborder/privacy/): reserved, never delivered.
DELETED_EMAIL_DOMAIN = "deleted.invalid"

# Roles that must protect their accounts with a second factor.
MFA_ROLES = frozenset({Role.MANAGER, Role.ADMIN})
STAFF_ROLES = frozenset({Role.MANAGER, Role.ADMIN})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        """Administrators also get Django's staff and superuser flags (for the admin site)."""
        if not email:
            raise ValueError("An email address is required.")
        is_admin = extra.get("role") == Role.ADMIN
        extra.setdefault("is_staff", is_admin)
        extra.setdefault("is_superuser", is_admin)
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an email address. The role decides what they may do."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("given name"), max_length=80)
    last_name = models.CharField(_("family name"), max_length=80)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT, db_index=True
    )
    language = models.CharField(
        _("language for emails"),
        max_length=5,
        choices=[("en", "English"), ("fr", "Français"), ("de", "Deutsch")],
        default="en",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        if self.is_deleted:
            return str(_("Deleted account"))
        return self.get_full_name() or self.email

    @property
    def is_deleted(self) -> bool:
        """The person deleted their account: an anonymous row kept for the statistics."""
        return self.email.endswith("@" + DELETED_EMAIL_DOMAIN)

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def effective_role(self) -> str:
        """The role permissions are decided on: a superuser counts as an administrator."""
        return Role.ADMIN if self.is_superuser else self.role

    @property
    def effective_role_label(self) -> str:
        return str(Role(self.effective_role).label)

    @property
    def requires_mfa(self) -> bool:
        return self.effective_role in MFA_ROLES


class ProfileQuerySet(models.QuerySet):
    def totals(self) -> dict:
        """Anonymous counts by profession, country and gender: no names, three queries."""
        by_profession = dict(self.order_by().values_list("profession").annotate(n=Count("id")))
        by_country = list(
            self.order_by().values("country").annotate(n=Count("id")).order_by("-n", "country")
        )
        by_gender = dict(self.order_by().values_list("gender").annotate(n=Count("id")))
        return {
            "total": sum(by_profession.values()),
            "professions": [(label, by_profession.get(v, 0)) for v, label in Profession.choices],
            "countries": [
                {"code": row["country"], "name": countries.name(row["country"]), "n": row["n"]}
                for row in by_country
            ],
            "country_count": len(by_country),
            "eu_country_count": sum(1 for row in by_country if row["country"] in EU27),
            "genders": [(label, by_gender.get(v, 0)) for v, label in Gender.choices],
        }

    def listed(self):
        """The profiles of people who still have an account (a deleted one is only counted)."""
        return self.exclude(user__email__endswith="@" + DELETED_EMAIL_DOMAIN)

    def awaiting_vetting(self):
        """Judges, prosecutors and police who have not been verified yet."""
        return (
            self.listed()
            .filter(profession__in=VETTABLE_PROFESSIONS, vetting=Vetting.NONE)
            .select_related("user")
        )


class Profile(models.Model):
    """What a practitioner tells us about their work: drives selection, reporting and access."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    country = CountryField(_("country"))
    organisation = models.CharField(_("organisation"), max_length=200)
    job_title = models.CharField(_("function"), max_length=120, blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional. Used only in anonymous totals for the funder report."),
    )
    working_languages = models.JSONField(_("working languages"), default=list, blank=True)
    bio = models.TextField(_("short biography"), blank=True, validators=[MaxLengthValidator(1500)])
    vetting = models.CharField(
        _("vetting status"), max_length=10, choices=Vetting.choices, default=Vetting.NONE
    )
    vetted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vetted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("practitioner profile")
        verbose_name_plural = _("practitioner profiles")
        indexes = [models.Index(fields=["country", "profession"])]

    def __str__(self):
        return f"{self.user} ({self.get_profession_display()}, {self.country.code})"

    @property
    def is_eu(self) -> bool:
        return self.country.code in EU27

    @property
    def is_vetted(self) -> bool:
        return self.vetting == Vetting.VERIFIED

    @property
    def can_be_vetted(self) -> bool:
        return self.profession in VETTABLE_PROFESSIONS

    @property
    def is_complete(self) -> bool:
        return bool(self.profession and self.country and self.organisation)

    def language_labels(self) -> list[str]:
        labels = dict(LANGUAGE_CHOICES)
        return [str(labels[c]) for c in self.working_languages if c in labels]


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the secret is shown once at creation."""

    PREFIX = "cbt_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str) -> tuple["ApiToken", str]:
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=cls.hash(secret), hint=secret[: len(cls.PREFIX) + 4]
        )
        return token, secret

    @classmethod
    def authenticate(cls, secret: str) -> User | None:
        if not secret.startswith(cls.PREFIX) or len(secret) > 200:
            return None
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=cls.hash(secret), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
            token.last_used_at = now
            token.save(update_fields=["last_used_at"])
        return token.user

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
