"""The audit trail: an append-only record of state changes and of views of personal data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def forget_person(self, *, email: str, name: str) -> int:
        """The one change the trail allows: when a person deletes their account, their email
        address goes from the entries they made, and a label naming them from the entries
        about them. What was done, when, and to which object stays. Returns the entries
        changed."""
        update = models.QuerySet.update  # the plain update, which this class refuses
        changed = update(self.filter(actor_email__iexact=email), actor_email="") if email else 0
        naming = models.Q(object_repr__icontains=email) if email else models.Q(pk__in=[])
        if name:
            naming |= models.Q(object_repr__icontains=name)
        return changed + update(self.filter(naming), object_repr="")


class AuditEntry(models.Model):
    """Who did what, when, to which object. Never updated or deleted."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("State change")
        VIEW = "view", _("Personal data viewed")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.EmailField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_email or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")


def record(*, actor, action: str, obj, details: dict | None = None, kind=AuditEntry.Kind.CHANGE):
    """Append one entry to the audit trail."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_email=user.email if user else "",
        kind=kind,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        details=details or {},
    )


def record_view(*, actor, obj, what: str):
    """Record that `actor` looked at someone else's personal data."""
    return record(actor=actor, action=f"view.{what}", obj=obj, kind=AuditEntry.Kind.VIEW)


def record_list_view(*, actor, objects, what: str, details: dict | None = None):
    """Record that `actor` saw a list of people's data: which ones, and with which filters."""
    objects = list(objects)
    if not objects:
        return None
    user = actor if getattr(actor, "is_authenticated", False) else None
    model = objects[0]._meta.label_lower
    return AuditEntry.objects.create(
        actor=user,
        actor_email=user.email if user else "",
        kind=AuditEntry.Kind.VIEW,
        action=f"view.{what}",
        object_type=model,
        object_id="",
        object_repr=f"{len(objects)} record{'' if len(objects) == 1 else 's'}",
        details={**(details or {}), "ids": [o.pk for o in objects]},
    )
