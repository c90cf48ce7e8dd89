"""Versions of modules, lessons, questions and library entries (django-simple-history): what
kinds have a history, a readable diff of a version against its predecessor, and restoring one.

Restoring copies the version's fields (and tags) back onto the item and saves it: the restore is
itself a new version, recorded with who did it, and audited. A module's or entry's status is not
restored (publishing has its own checks), nor are keys and slugs another item holds now.
"""

import difflib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record
from crossborder.curriculum.models import Tag
from crossborder.learning.models import Lesson, Module, Question
from crossborder.library.models import Entry

KINDS = {"module": Module, "lesson": Lesson, "question": Question, "entry": Entry}
NOT_RESTORED = {"id", "edited_at", "status"}
LONG = 80  # values longer than this (or with several lines) are shown as a line diff


class RestoreError(Exception):
    """The version cannot be restored; the message is for the author."""


def kind_of(obj) -> str:
    return next(name for name, model in KINDS.items() if isinstance(obj, model))


def _text(value) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)
    return "" if value is None else str(value)


def _line_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(mark, line) pairs: "-" removed, "+" added, " " context, "…" lines left out."""
    lines = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(("…", ""))
            continue
        lines.append((line[:1] or " ", line[1:]))
    return lines


def _tag_codes(rows, tags: dict[int, str]) -> str:
    return ", ".join(sorted(tags.get(row.get("tag"), "?") for row in rows)) or "—"


def field_changes(version, previous) -> list[dict]:
    """The fields that differ from the previous version, each as a short old → new pair or a
    line diff (long text and JSON)."""
    if previous is None:
        return []
    delta = version.diff_against(previous)
    model = version.instance_type
    tags = None
    rows = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        label = str(getattr(field, "verbose_name", change.field))
        old, new = change.old, change.new
        if field.many_to_many:
            tags = tags if tags is not None else dict(Tag.objects.values_list("pk", "code"))
            rows.append(
                {"field": label, "old": _tag_codes(old, tags), "new": _tag_codes(new, tags)}
            )
            continue
        old_text, new_text = _text(old), _text(new)
        if max(len(old_text), len(new_text)) > LONG or "\n" in old_text + new_text:
            rows.append({"field": label, "lines": _line_diff(old_text, new_text)})
        else:
            rows.append({"field": label, "old": old_text or "—", "new": new_text or "—"})
    return rows


def number_of(obj, history_id: int) -> int:
    """A version's number among the item's own versions (1 = its first): what people read; the
    history id stays in addresses and forms."""
    return obj.history.filter(history_id__lte=history_id).count()


def previous_of(version):
    """The version before this one (None for the first)."""
    return (
        version.instance_type.history.filter(id=version.id, history_id__lt=version.history_id)
        .order_by("-history_id")
        .first()
    )


@transaction.atomic
def restore_version(*, obj, version, by):
    """Make `version` the item's content again, as a new version by `by`; audited."""
    if version.id != obj.pk:
        raise RestoreError(_("This version belongs to another item."))
    old = version.instance
    tracked = {f.attname for f in version._meta.concrete_fields}
    fields = [
        f.attname
        for f in type(obj)._meta.concrete_fields
        if f.attname in tracked and f.attname not in NOT_RESTORED
    ]
    for name in fields:
        setattr(obj, name, getattr(old, name))
    obj.edited_at = timezone.now()
    obj._change_reason = f"restored version {number_of(obj, version.history_id)}"
    obj._history_user = by
    try:
        with transaction.atomic():
            if hasattr(version, "tags"):
                # The tags first, without a version of their own: the save below records the
                # restored fields and tags as one new version.
                obj.skip_history_when_saving = True
                try:
                    obj.tags.set([row.tag_id for row in version.tags.all()])
                finally:
                    del obj.skip_history_when_saving
            obj.save()
    except IntegrityError as error:
        raise RestoreError(
            _("Another item now uses this version's key or slug; change one of them first.")
        ) from error
    latest = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
    record(
        actor=by,
        action=f"{kind_of(obj)}.restore",
        obj=obj,
        details={"restored": version.history_id, "version": latest},
    )
    return obj
