"""Calls for applications, applications and their lifecycle, selection runs, attendance."""

import secrets
from collections import Counter, defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossborder.accounts.models import Gender, Profession
from crossborder.seminars.models import Seminar, Session
from crossborder.translated import Localized, in_language


class CallQuerySet(models.QuerySet):
    def open(self, now=None):
        """Calls taking applications now."""
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gte=now)


class Call(models.Model):
    """The call for applications of one seminar."""

    class Nomination(models.TextChoices):
        NONE = "none", _("No nomination")
        OPTIONAL = "optional", _("Nomination by the institution is welcome")
        REQUIRED = "required", _("Nomination by the institution is required")

    seminar = models.OneToOneField(Seminar, on_delete=models.CASCADE, related_name="call")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    eligible_countries = models.JSONField(
        _("eligible countries"), default=list, blank=True, help_text=_("Empty: all countries.")
    )
    eligible_professions = models.JSONField(
        _("eligible professions"), default=list, blank=True, help_text=_("Empty: all professions.")
    )
    motivation_required = models.BooleanField(_("motivation statement required"), default=True)
    nomination = models.CharField(
        _("nomination"), max_length=10, choices=Nomination.choices, default=Nomination.OPTIONAL
    )
    confirm_within_days = models.PositiveSmallIntegerField(_("days to confirm a place"), default=7)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a place offered from the waiting list"), default=72
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")

    def __str__(self):
        return f"Call: {self.seminar}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    def answers_given(self) -> dict[int, Counter]:
        """For each of the call's questions that applications have answered: how many gave each
        answer (a file question: its uploads under "file"). Drafts count: their answers are kept."""
        given = defaultdict(Counter)
        if self.pk is None:
            return given
        for answers in self.applications.values_list("answers", flat=True):
            for key, value in answers.items():
                if key.isdigit() and isinstance(value, str) and value:
                    given[int(key)][value] += 1
        uploads = (
            ApplicationFile.objects.filter(application__call=self)
            .values_list("question_id", "application_id")
            .distinct()
        )
        for question_id, _application_id in uploads:
            given[question_id]["file"] += 1
        return given

    def eligibility_problem(self, profile) -> str | None:
        """Why this practitioner may not apply, or None."""
        if profile is None or not profile.is_complete:
            return str(_("Complete your profile before applying."))
        if self.eligible_countries and profile.country.code not in self.eligible_countries:
            return str(_("This call is not open to practitioners working in %(country)s.")) % {
                "country": profile.country.name
            }
        if self.eligible_professions and profile.profession not in self.eligible_professions:
            return str(_("This call is not open to your profession (%(profession)s).")) % {
                "profession": profile.get_profession_display()
            }
        return None


class Question(models.Model):
    """A custom question of a call."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes / no")
        FILE = "file", _("File upload")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("question"), max_length=300)
    label_fr = models.CharField(_("question (French)"), max_length=300, blank=True, default="")
    label_de = models.CharField(_("question (German)"), max_length=300, blank=True, default="")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # The same options in French and German, in the same order; an answer is stored as the
    # English option, so that stored answers hold one value whatever language people applied in.
    choices_fr = models.JSONField(_("choices (French)"), default=list, blank=True)
    choices_de = models.JSONField(_("choices (German)"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    max_mb = models.PositiveSmallIntegerField(_("largest file (MB)"), default=5)
    allowed_types = models.JSONField(
        _("allowed file types"), default=list, blank=True, help_text=_("e.g. pdf, docx")
    )

    label_local = Localized("label")  # as the applicant reads it: their language, else English

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    def options(self) -> list[tuple[str, str]]:
        """(stored value, shown label) of each option, in the reader's language where the
        manager translated every option, else in English."""
        translated = in_language(self.choices, self.choices_fr, self.choices_de)
        if len(translated) != len(self.choices):
            translated = self.choices
        return list(zip(self.choices, translated, strict=True))

    def option_label(self, value: str) -> str:
        """An answer to a choice question as the reader reads it."""
        return dict(self.options()).get(value, value)


class ApplicationQuerySet(models.QuerySet):
    def of_person(self, user):
        """Someone's applications with their seminars, latest first."""
        return self.filter(user=user).select_related("call__seminar").order_by("-created_at", "-pk")

    def holding_seats(self):
        """Applications that occupy a seat: confirmed (and later attended / no-show)."""
        return self.filter(status__in=Application.SEAT_STATUSES)

    def waiting(self):
        return self.filter(status=Application.Status.WAITLISTED).order_by(
            "waitlist_rank", "submitted_at"
        )


class Application(models.Model):
    """One practitioner's application to one seminar, from draft to attendance."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        SELECTED = "selected", _("Selected – please confirm")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Not selected")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not attend")

    SEAT_STATUSES = (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)
    ACTIVE_STATUSES = (Status.SUBMITTED, Status.SELECTED, Status.WAITLISTED, Status.CONFIRMED)

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    motivation = models.TextField(_("motivation"), blank=True, max_length=4000)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    profession = models.CharField(max_length=30, choices=Profession.choices, blank=True)
    country = models.CharField(max_length=2, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    gender = models.CharField(max_length=10, blank=True, choices=Gender.choices)
    first_time = models.BooleanField(default=True)
    nominator_email = models.EmailField(_("nominating institution's email"), blank=True)
    nomination_token = models.CharField(max_length=64, blank=True)
    nomination_confirmed_at = models.DateTimeField(null=True, blank=True)
    priority = models.FloatField(default=0)
    decision_reason = models.TextField(blank=True)
    waitlist_rank = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    confirm_by = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    badge_code = models.CharField(max_length=24, unique=True)
    imported = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="one_application_per_call")
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return f"{self.user} → {self.call.seminar}"

    def save(self, *args, **kwargs):
        if not self.badge_code:
            self.badge_code = secrets.token_hex(8).upper()
        super().save(*args, **kwargs)

    @property
    def offer_expired(self) -> bool:
        return bool(
            self.status == self.Status.SELECTED
            and self.confirm_by
            and self.confirm_by < timezone.now()
        )

    @property
    def can_withdraw(self) -> bool:
        """Until the seminar begins (afterwards, attendance is recorded instead)."""
        open_statuses = (self.Status.DRAFT, *self.ACTIVE_STATUSES)
        return self.status in open_statuses and not self.call.seminar.has_begun()

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_STATUSES

    def candidate(self):
        """This application as the selection sees it."""
        from .selection import Candidate

        return Candidate(
            id=self.pk,
            profession=self.profession,
            country=self.country,
            organisation=self.organisation,
            gender=self.gender,
            first_time=self.first_time,
            nominated=self.nomination_confirmed_at is not None,
            order=self.pk,
        )

    def answered_questions(self) -> list[tuple]:
        """(question, answer, files) for each question of the call, in order: the answer in
        words ("" when none), the uploaded files for a file question. Needs the call's questions
        and the application's files prefetched to cost no query per question."""
        uploads = {}
        for upload in self.files.all():
            uploads.setdefault(upload.question_id, []).append(upload)
        words = {"yes": _("Yes"), "no": _("No")}
        rows = []
        for question in self.call.questions.all():
            answer = str(self.answers.get(str(question.pk), "") or "")
            if question.kind == Question.Kind.YES_NO:
                answer = words.get(answer, answer)
            elif question.kind == Question.Kind.CHOICE:
                answer = question.option_label(answer)
            rows.append((question, answer, uploads.get(question.pk, [])))
        return rows

    def snapshot_profile(self, profile, *, first_time: bool) -> None:
        """Keep the facts selection uses as they were when the person applied."""
        self.profession = profile.profession
        self.country = profile.country.code
        self.organisation = profile.organisation
        self.gender = profile.gender
        self.first_time = first_time


class ApplicationFileQuerySet(models.QuerySet):
    def delete_with_files(self) -> int:
        """Delete the rows now and their stored files once the deletion is committed (a
        rollback leaves both): no document stays in storage without its row."""
        files = list(self)
        names = [(upload.file.storage, upload.file.name) for upload in files if upload.file]
        ApplicationFile.objects.filter(pk__in=[upload.pk for upload in files]).delete()

        def remove():
            for storage, name in names:
                storage.delete(name)

        transaction.on_commit(remove)
        return len(files)


class ApplicationFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="applications/%Y/")
    original_name = models.CharField(max_length=200)

    objects = ApplicationFileQuerySet.as_manager()

    def __str__(self):
        return self.original_name


class SelectionRun(models.Model):
    """One run of the balanced selection: the targets, the solver's result and the decisions.

    A run is queued when the manager starts it, solved by a background task (see tasks.py),
    then done (with its result) or failed (with a message for the manager)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="selection_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    targets = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    overrides = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DONE)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Selection for {self.call.seminar} at {self.created_at:%Y-%m-%d %H:%M}"

    STUCK_AFTER = timedelta(minutes=10)

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def stuck(self) -> bool:
        """Still pending long after it was started: no worker is running, or one died."""
        return self.pending and self.created_at < timezone.now() - self.STUCK_AFTER


class SessionAttendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="session_attendance"
    )
    present = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="one_mark_per_session")
        ]

    def __str__(self):
        return f"{self.application} @ {self.session}"
