"""The investigation lab: a synthetic case (people, companies, accounts, phones, ads, crypto
wallets, addresses and thousands of transactions) in which a trafficking network is hidden.

A *lab* is generated from a seed and a difficulty (`generator.py`), stored in these tables
(`storing.py`), explored in the browser (tables, a network graph, a timeline), and worked on
by the groups of a workshop slot or, in self-study, by each learner of a module. A group flags
entities and transactions with a red-flag category (`redflags.py`) and a confidence, submits
once, and is scored against the ground truth (`scoring.py`). The ground truth (`truth_*`
fields) is never shown to participants before the trainer's reveal, and never in the dataset
they download.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crossborder.translated import Localized

from .redflags import Category, Confidence

SEED_MAX = 2**31 - 1


class Lab(models.Model):
    class Status(models.TextChoices):
        PREPARED = "prepared", pgettext_lazy("lab", "Prepared")
        OPEN = "open", pgettext_lazy("lab", "Open")
        CLOSED = "closed", pgettext_lazy("lab", "Closed")

    class Difficulty(models.IntegerChoices):
        EASY = 1, _("Introductory: clear indicators, few look-alikes")
        STANDARD = 2, _("Standard")
        HARD = 3, _("Advanced: subtle indicators, many innocent look-alikes")

    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True, default="")
    # The case brief the participants start from (Markdown; written by the generator).
    brief = models.TextField(_("case brief"), blank=True)
    brief_fr = models.TextField(_("case brief (French)"), blank=True, default="")
    brief_de = models.TextField(_("case brief (German)"), blank=True, default="")
    # Where it is worked on: a workshop slot (one submission per group) or a module (one
    # submission per learner, counted in module progress).
    workshop = models.ForeignKey(
        "workshops.Workshop", null=True, blank=True, on_delete=models.CASCADE, related_name="labs"
    )
    module = models.ForeignKey(
        "learning.Module", null=True, blank=True, on_delete=models.CASCADE, related_name="labs"
    )
    seed = models.PositiveIntegerField(_("seed"))
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.STANDARD
    )
    transactions_wanted = models.PositiveIntegerField(_("number of transactions"), default=2000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PREPARED)
    # The entity the case starts from (the suspicious-transaction report in the brief).
    lead = models.ForeignKey(
        "Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The generator's summary of the hidden network, for the trainer (counts, proceeds).
    truth_summary = models.JSONField(default=dict, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    title_local = Localized("title")
    brief_local = Localized("brief")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("investigation lab")
        verbose_name_plural = _("investigation labs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(workshop__isnull=False) | models.Q(module__isnull=False),
                name="lab_is_in_a_workshop_or_a_module",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lab", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_self_study(self) -> bool:
        return self.workshop_id is None

    @property
    def revealed(self) -> bool:
        return self.revealed_at is not None


class Entity(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")
        ACCOUNT = "account", _("Bank account")
        PHONE = "phone", _("Phone number")
        AD = "ad", _("Online ad")
        PHOTO = "photo", _("Photo (hash)")
        WALLET = "wallet", _("Crypto wallet")
        ADDRESS = "address", _("Address")
        CASH_POINT = "cash_point", _("Cash machine or branch")

    class Role(models.TextChoices):
        NETWORK = "network", _("Member or tool of the network")
        VICTIM = "victim", _("Victim")
        LOOKALIKE = "lookalike", _("Innocent look-alike")
        BACKGROUND = "background", _("Background")

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="entities")
    key = models.CharField(_("identifier"), max_length=16)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    # Kind-specific details (IBAN, bank, sector, ad text, photo hashes, ...), as the tables show.
    details = models.JSONField(default=dict, blank=True)
    # Ground truth: never shown before the reveal.
    truth_role = models.CharField(max_length=10, choices=Role.choices, default=Role.BACKGROUND)
    truth_flags = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        constraints = [models.UniqueConstraint(fields=["lab", "key"], name="entity_key_per_lab")]
        indexes = [models.Index(fields=["lab", "kind"])]

    def __str__(self):
        return f"{self.key} {self.name}"


class Link(models.Model):
    """A relation that is not money: holds an account, directs a company, uses a phone, ..."""

    class Kind(models.TextChoices):
        HOLDS = "holds", _("holds")
        DIRECTS = "directs", _("director of")
        OWNS = "owns", _("beneficial owner of")
        EMPLOYED = "employed", _("employed by")
        USES = "uses", _("uses")
        CONTACT = "contact", _("contact number of")
        SHOWS = "shows", _("photo in")
        REGISTERED = "registered", _("registered at")
        AUTHORISED = "authorised", _("authorised on")

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="links")
    source = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("relation"), max_length=10, choices=Kind.choices)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="one_link_per_relation"
            )
        ]

    def __str__(self):
        return f"{self.source_id} {self.kind} {self.target_id}"


class Transaction(models.Model):
    class Channel(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        CARD = "card", _("Card payment")
        CASH_IN = "cash_in", _("Cash deposit")
        CASH_OUT = "cash_out", _("Cash withdrawal")
        MONEY_TRANSFER = "mto", _("Money-transfer service")
        CRYPTO = "crypto", _("Crypto-asset transfer")
        PREPAID = "prepaid", _("Prepaid card top-up")

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="transactions")
    key = models.CharField(_("identifier"), max_length=16)
    at = models.DateTimeField(_("date and time"))
    source = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="paid")
    target = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="received")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    reference = models.CharField(_("reference"), max_length=140, blank=True)
    # Ground truth: the red flags this transaction carries, and whether it moves the
    # network's money (counted in "money traced").
    truth_flags = models.JSONField(default=list, blank=True)
    truth_network = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "key"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        constraints = [
            models.UniqueConstraint(fields=["lab", "key"], name="transaction_key_per_lab")
        ]
        indexes = [models.Index(fields=["lab", "at"])]

    def __str__(self):
        return f"{self.key} {self.amount} {self.currency}"


class Submission(models.Model):
    """The flags of one group (workshop) or one learner (self-study); submitted once."""

    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="submissions")
    group = models.ForeignKey(
        "workshops.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="lab_submissions",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The score computed at submission (scoring.score), kept as it was.
    scores = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("lab submission")
        verbose_name_plural = _("lab submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["lab", "group"],
                condition=models.Q(group__isnull=False),
                name="one_submission_per_group",
            ),
            models.UniqueConstraint(
                fields=["lab", "user"],
                condition=models.Q(user__isnull=False),
                name="one_submission_per_learner",
            ),
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) ^ models.Q(user__isnull=True),
                name="submission_of_a_group_or_a_learner",
            ),
        ]

    def __str__(self):
        return (
            f"{self.lab_id}: group {self.group_id}"
            if self.group_id
            else f"{self.lab_id}: {self.user_id}"
        )

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Flag(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="flags")
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    transaction = models.ForeignKey(
        Transaction, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField(_("red flag"), max_length=16, choices=Category.choices)
    confidence = models.PositiveSmallIntegerField(
        _("confidence"), choices=Confidence.choices, default=Confidence.MEDIUM
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entity__isnull=True) ^ models.Q(transaction__isnull=True),
                name="flag_on_an_entity_or_a_transaction",
            ),
            models.UniqueConstraint(
                fields=["submission", "entity"],
                condition=models.Q(entity__isnull=False),
                name="one_flag_per_entity",
            ),
            models.UniqueConstraint(
                fields=["submission", "transaction"],
                condition=models.Q(transaction__isnull=False),
                name="one_flag_per_transaction",
            ),
        ]

    def __str__(self):
        return f"{self.category} on {self.entity_id or self.transaction_id}"
