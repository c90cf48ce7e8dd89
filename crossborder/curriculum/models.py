"""The curriculum taxonomy (data, not code): elements × forms of exploitation × themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from crossborder.translated import Localized


class TagQuerySet(models.QuerySet):
    def elements(self):
        return self.filter(kind=Tag.Kind.ELEMENT)

    def forms(self):
        return self.filter(kind=Tag.Kind.FORM)

    def themes(self):
        return self.filter(kind=Tag.Kind.THEME)


class Tag(models.Model):
    """One term of the taxonomy, e.g. element "A", form "L" or theme "cyber"."""

    class Kind(models.TextChoices):
        ELEMENT = "element", _("Curriculum element")
        FORM = "form", _("Form of exploitation")
        THEME = "theme", _("Cross-cutting theme")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=250)
    name_fr = models.CharField(max_length=250, blank=True, default="")
    name_de = models.CharField(max_length=250, blank=True, default="")
    short = models.CharField(max_length=40)
    short_fr = models.CharField(max_length=40, blank=True, default="")
    short_de = models.CharField(max_length=40, blank=True, default="")
    order = models.PositiveSmallIntegerField(default=0)

    name_local = Localized("name")
    short_local = Localized("short")

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"
