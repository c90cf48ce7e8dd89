"""Saving a group's JIT draft (without losing a group member's edits), submitting it, and the
trainer's comments."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from crossborder.audit.models import record
from crossborder.workshops.models import Draft, DraftComment, ExerciseRun


class DraftConflict(Exception):
    """Someone saved the draft after this person opened it: nothing was saved."""

    def __init__(self, current: Draft | None):
        super().__init__("The draft changed since it was opened.")
        self.current = current


class RunNotOpen(Exception):
    """The exercise is not (or no longer) open: drafts cannot change."""


def version_of(draft: Draft | None) -> str:
    """What the form sends back to prove which state of the draft it was based on."""
    return draft.updated_at.isoformat() if draft is not None and draft.pk else ""


def _parse_version(version: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(version)
    except (TypeError, ValueError):
        return None
    return parsed if timezone.is_aware(parsed) else None


@transaction.atomic
def save_draft(*, run, group, content: dict, version: str, by, submit: bool = False) -> Draft:
    """Store a group's draft if nobody saved it since `version` (the draft's updated_at when the
    form was opened; empty for a draft not yet written). Otherwise raise DraftConflict and
    change nothing, so that the second of two group members saving does not silently overwrite
    the first. The check and the write are one conditional UPDATE (safe on SQLite and
    PostgreSQL alike). `submit` hands the draft in (or again, after later changes)."""
    if not ExerciseRun.objects.filter(pk=run.pk, status=ExerciseRun.Status.OPEN).exists():
        raise RunNotOpen
    now = timezone.now()
    if not version:
        try:
            with transaction.atomic():  # a savepoint: the other member may have created it
                draft = Draft.objects.create(
                    run=run,
                    group=group,
                    content=content,
                    updated_by=by,
                    submitted_at=now if submit else None,
                )
        except IntegrityError:
            raise DraftConflict(Draft.objects.filter(run=run, group=group).first()) from None
    else:
        expected = _parse_version(version)
        changes = {"content": content, "updated_at": now, "updated_by": by}
        if submit:
            changes["submitted_at"] = now
        updated = expected is not None and Draft.objects.filter(
            run=run, group=group, updated_at=expected
        ).update(**changes)
        if not updated:
            raise DraftConflict(
                Draft.objects.filter(run=run, group=group).select_related("updated_by").first()
            )
        draft = Draft.objects.get(run=run, group=group)
    record(
        actor=by,
        action="workshops.draft.submit" if submit else "workshops.draft.save",
        obj=draft,
        details={"run": run.pk, "group": group.number},
    )
    return draft


@transaction.atomic
def add_draft_comment(*, draft: Draft, section: str, body: str, by) -> DraftComment:
    """A trainer's comment on one section of a group's draft (the group sees it on its form)."""
    comment = DraftComment.objects.create(draft=draft, section=section, body=body, author=by)
    record(
        actor=by,
        action="workshops.draft.comment",
        obj=draft,
        details={"section": section, "comment": comment.pk},
    )
    return comment
