"""Seeding from the content files without overwriting what people wrote in the browser.

An item (module, lesson, question, library entry) whose `edited_at` is set was saved by a person
in the browser: the loaders leave it as it is and report a `Conflict` instead. Items the files
describe exactly as stored are not saved again, so reloading adds no history versions.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models


@dataclass(frozen=True)
class Conflict:
    """An item the files would change but a person has edited in the browser."""

    item: str
    file: str
    edited_at: datetime
    edited_by: str

    def __str__(self):
        return (
            f"{self.item}: edited in the browser by {self.edited_by} on "
            f"{self.edited_at:%Y-%m-%d %H:%M} UTC; kept, {self.file} not applied"
        )


def editor_of(obj) -> str:
    """Who saved the item last (its newest history record with a user), for the report."""
    record = obj.history.filter(history_user__isnull=False).select_related("history_user").first()
    if record is None:
        return "unknown"
    user = record.history_user
    return user.get_full_name() or user.email


def seed(
    model: type[models.Model],
    lookup: dict,
    values: dict,
    *,
    label: str,
    file: str,
    conflicts: list[Conflict],
) -> tuple[models.Model, bool]:
    """Create the item, or bring it in line with the files; (item, whether the files apply to
    it). An item edited in the browser is left alone and reported in `conflicts`."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    if obj.edited_at is not None:
        conflicts.append(Conflict(label, file, obj.edited_at, editor_of(obj)))
        return obj, False
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj, True


def set_if_changed(manager, wanted) -> None:
    """Set a many-to-many relation only when it differs (each change is a history version)."""
    wanted = list(wanted)
    if {o.pk for o in manager.all()} != {o.pk for o in wanted}:
        manager.set(wanted)


def report_conflicts(out, conflicts: list[Conflict]) -> None:
    """List the items kept because a person edited them in the browser (`load_content`)."""
    if not conflicts:
        return
    out.write(
        f"{len(conflicts)} item(s) edited in the browser were kept; their files were not applied:"
    )
    for conflict in conflicts:
        out.write(f"  - {conflict}")
