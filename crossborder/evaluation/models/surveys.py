"""Surveys: the satisfaction survey at the end of each seminar and the follow-up months later.

A survey belongs to one seminar and asks its questions of the people who attended. Who was
asked and whether they answered is kept on the `SurveyInvitation` (for the response rate and
the reminders); what they answered is kept on the `SurveyResponse` and its `SurveyAnswer`s. In
an anonymous survey the response names nobody and carries no time, so the answers cannot be
linked back to the invitations (see `crossborder/evaluation/surveys/services.py`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.seminars.models import Seminar, Session, Speaker
from crossborder.translated import Localized

# The five labelled points of an agreement scale and of a rating (1 = lowest).
LIKERT_LABELS = (
    _("Strongly disagree"),
    _("Disagree"),
    _("Neither agree nor disagree"),
    _("Agree"),
    _("Strongly agree"),
)
RATING_LABELS = (_("Poor"), _("Fair"), _("Good"), _("Very good"), _("Excellent"))
LARGEST_NUMBER = 100_000


class SurveyQuerySet(models.QuerySet):
    def open(self, now=None):
        """Surveys taking answers now (whether or not they have questions)."""
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Survey(models.Model):
    """The questions a seminar's attendees are asked, and when."""

    class Kind(models.TextChoices):
        SATISFACTION = "satisfaction", _("Satisfaction survey")
        FOLLOWUP = "followup", _("Follow-up survey")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="surveys")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    intro = models.TextField(_("introduction"), blank=True)
    intro_fr = models.TextField(_("introduction (French)"), blank=True, default="")
    intro_de = models.TextField(_("introduction (German)"), blank=True, default="")
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers are kept without the name of the person who gave them."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    remind_after_days = models.PositiveSmallIntegerField(
        _("remind after (days)"),
        default=5,
        help_text=_(
            "One reminder to those who have not answered, this many days after the invitation."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)

    title_local = Localized("title")
    intro_local = Localized("intro")

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["opens_at", "pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["seminar", "kind"], name="one_survey_per_kind"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.seminar}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    @property
    def has_responses(self) -> bool:
        """Once someone has answered, changes that would break the answers are refused."""
        return self.invitations.filter(answered=True).exists() or self.responses.exists()


class SurveyQuestion(models.Model):
    """One question of a survey; a conditional one applies only after a given earlier answer."""

    class Kind(models.TextChoices):
        LIKERT = "likert", _("Agreement (5-point scale)")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SESSION_RATING = "session_rating", _("Rating of each session")
        SPEAKER_RATING = "speaker_rating", _("Rating of each speaker")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Free text")

    class Indicator(models.TextChoices):
        """What a question measures for the programme's indicators (most measure nothing)."""

        NONE = "", _("—")
        SATISFACTION = "satisfaction", _("Overall satisfaction")
        CONTACTS = "contacts", _("New cross-border contacts")
        JIT = "jit", _("Joint investigation team joined or set up")
        REFERRALS = "referrals", _("Cases referred to another country")
        FINANCIAL = "financial", _("Financial investigations opened")
        COLLEAGUES = "colleagues", _("Colleagues trained")

    CHOICE_KINDS = (Kind.LIKERT, Kind.SINGLE, Kind.MULTIPLE)
    OPTION_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    RATING_KINDS = (Kind.SESSION_RATING, Kind.SPEAKER_RATING)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=400)
    text_fr = models.CharField(_("question (French)"), max_length=400, blank=True, default="")
    text_de = models.CharField(_("question (German)"), max_length=400, blank=True, default="")
    # Single and multiple choice: [{"en": …, "fr": …, "de": …}, …]; answers keep the index.
    options = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    indicator = models.CharField(
        _("indicator"), max_length=12, choices=Indicator.choices, blank=True, default=""
    )
    condition_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dependants",
        verbose_name=_("shown only after question"),
    )
    condition_choice = models.PositiveSmallIntegerField(
        _("when its answer is"), null=True, blank=True
    )

    text_local = Localized("text")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self):
        return self.text

    @property
    def is_conditional(self) -> bool:
        return self.condition_question_id is not None

    @property
    def condition_label(self) -> str:
        """The earlier answer after which this question is shown ("" if always shown)."""
        if not self.is_conditional:
            return ""
        return self.condition_question.choice_label(self.condition_choice)

    def option_labels(self) -> list[str]:
        """The choices in the reader's language (English where no translation was given)."""
        from django.utils.translation import get_language

        language = (get_language() or "en")[:2]
        return [o.get(language) or o.get("en", "") for o in self.options]

    def choices(self) -> list[tuple[int, str]]:
        """(stored value, label) of each point or option a person may pick."""
        if self.kind == self.Kind.LIKERT:
            return [(i + 1, str(label)) for i, label in enumerate(LIKERT_LABELS)]
        if self.kind in self.RATING_KINDS:
            return [(i + 1, str(label)) for i, label in enumerate(RATING_LABELS)]
        return list(enumerate(self.option_labels()))

    def choice_label(self, value) -> str:
        return dict(self.choices()).get(value, "?")


class SurveyInvitation(models.Model):
    """A person asked to answer a survey: the personal link, the mails sent, and whether they
    answered — never what they answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_invitation_per_person")
        ]
        indexes = [models.Index(fields=["survey", "answered"])]

    def __str__(self):
        return f"{self.user} → {self.survey}"

    def save(self, *args, **kwargs):
        if not self.token:
            self.token = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)


class SurveyResponse(models.Model):
    """One person's answers. In an anonymous survey it holds neither the person nor a time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="one_named_response_per_person",
            )
        ]

    def __str__(self):
        return f"Response to {self.survey_id}"


class SurveyAnswer(models.Model):
    """One answer: a point or option (`choice`; one row per option of a multiple choice), a
    rating of a session or a speaker, a number, or a text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_ratings"
    )
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.CASCADE, related_name="survey_ratings"
    )
    number = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self):
        return f"Answer to {self.question_id}"
