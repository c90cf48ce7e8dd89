"""The knowledge library: instruments, cooperation tools, case law, indicator lists, practices."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from crossborder.curriculum.models import Tag
from crossborder.translated import Localized


class Kind(models.TextChoices):
    INSTRUMENT = "instrument", _("Legal instrument")
    TOOL = "tool", _("Cooperation tool")
    CASE = "case", _("Case law")
    INDICATORS = "indicators", _("Indicator list")
    PRACTICE = "practice", _("Good practice")
    GUIDANCE = "guidance", _("Guidance and toolkits")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Registered practitioners")
    RESTRICTED = "restricted", _("Vetted judiciary and law enforcement")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting review")
    CHANGES = "changes", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def readable_at(self, levels):
        """Published entries at the given access levels (see access.library_levels)."""
        return self.published().filter(access__in=levels)


class Entry(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=400)
    title_fr = models.CharField(_("title (French)"), max_length=400, blank=True, default="")
    title_de = models.CharField(_("title (German)"), max_length=400, blank=True, default="")
    summary = models.TextField(_("summary"))
    summary_fr = models.TextField(_("summary (French)"), blank=True, default="")
    summary_de = models.TextField(_("summary (German)"), blank=True, default="")
    body = models.TextField(_("text"), help_text=_("Markdown; shown sanitised."))
    body_fr = models.TextField(_("text (French)"), blank=True, default="")
    body_de = models.TextField(_("text (German)"), blank=True, default="")
    access = models.CharField(_("who may read it"), max_length=12, choices=Access.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    professions = models.JSONField(_("for professions"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    citations = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)
    sources = models.JSONField(default=list, blank=True)
    reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="library_entries")
    related = models.ManyToManyField("self", blank=True, symmetrical=False)
    modules = models.ManyToManyField("learning.Module", blank=True, related_name="library_entries")
    questions = models.ManyToManyField(
        "learning.Question", blank=True, related_name="library_entries"
    )
    sessions = models.ManyToManyField(
        "seminars.Session", blank=True, related_name="library_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_submissions",
    )
    moderator_note = models.TextField(_("note from the moderator"), blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)
    # PostgreSQL's search vector, written by library.search (on SQLite it stays empty: the
    # FTS5 table of SearchText holds the index there).
    search = SearchVectorField(null=True, editable=False)
    # Its title, citation and summary parts only: a small vector to rank many matches quickly.
    search_head = SearchVectorField(null=True, editable=False)
    # Set when a person saves the entry in the browser: `load_content` then leaves it alone.
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[tags], excluded_fields=["search", "search_head", "updated"]
    )

    title_local = Localized("title")
    summary_local = Localized("summary")
    body_local = Localized("body")

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        indexes = [
            models.Index(fields=["updated"], name="library_entry_updated"),
            # What search counts facets from, read from the index alone (SQLite: no table rows);
            # its first two columns also serve the "visible to this reader" filter. (A separate
            # (status, access) index made PostgreSQL filter every visible row's vector for a
            # word search instead of reading the GIN index: twice as slow; removed.)
            models.Index(
                fields=["status", "access", "kind", "professions", "countries"],
                name="library_entry_facets",
            ),
            # Created on PostgreSQL only (migration 0003).
            GinIndex(fields=["search"], name="library_entry_search"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library-entry", args=[self.slug])

    def reads_in(self, language: str | None) -> bool:
        """Whether the entry's text is written in this language (English always is)."""
        language = (language or "en")[:2]
        return language == "en" or bool(getattr(self, f"body_{language}", ""))

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_illustrative(self):
        return bool(self.details.get("illustrative"))


class SearchText(models.Model):
    """SQLite only: the full-text index row of an entry, in the FTS5 table library_fulltext
    (created by migration 0003 on SQLite, its rowid the entry's id). Written and read by
    library.search.sqlite; on PostgreSQL, Entry.search is the index."""

    entry = models.OneToOneField(
        Entry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    title = models.TextField()
    citations = models.TextField()
    title_fr = models.TextField()
    title_de = models.TextField()
    summary = models.TextField()
    summary_fr = models.TextField()
    summary_de = models.TextField()
    body = models.TextField()
    details = models.TextField()

    class Meta:
        managed = False
        db_table = "library_fulltext"

    def __str__(self):
        return self.title


class Citation(models.Model):
    """An identifier people type (act number, CELEX, case number, ECLI), normalised for lookup."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="citation_keys")
    key = models.CharField(max_length=120, db_index=True)

    def __str__(self):
        return self.key


class Comment(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    body = models.TextField(_("comment"), max_length=4000)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created"]

    def __str__(self):
        return f"{self.author} on {self.entry}"
