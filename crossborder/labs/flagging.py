"""Flagging: a group (or a self-study learner) marks entities and transactions of a lab as
suspicious, with a red-flag category and a confidence, and submits once.

The browser's flag form and `POST /api/v1/labs/{id}/flags` both come through `add_flags`, so
they refuse the same things with the same words: an identifier that is not in the dataset, a
second flag on the same item, a closed lab, a submission already handed in.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from .models import Entity, Flag, Lab, Submission, Transaction
from .redflags import Category, Confidence

NOTE_MAX = 500


class FlagError(Exception):
    """Nothing was stored; the message says why, for the person who tried."""


@dataclass(frozen=True)
class FlagRequest:
    """One flag as asked for: `item` is an entity's or a transaction's identifier."""

    item: str
    category: str
    confidence: int = Confidence.MEDIUM
    note: str = ""


def submission_of(lab: Lab, *, user, group) -> Submission | None:
    """The submission the person works on (their group's in a workshop, their own in
    self-study), or None when nothing was flagged yet. Reading never creates one."""
    if lab.workshop_id is not None:
        if group is None:
            return None
        return Submission.objects.filter(lab=lab, group=group).first()
    return Submission.objects.filter(lab=lab, user=user).first()


def _submission_for_writing(lab: Lab, *, user, group) -> Submission:
    owner = {"group": group} if lab.workshop_id is not None else {"user": user}
    try:
        with transaction.atomic():  # a savepoint: a group member may create it at the same time
            submission, _created = Submission.objects.get_or_create(lab=lab, **owner)
    except IntegrityError:
        submission = Submission.objects.get(lab=lab, **owner)
    return submission


def _check_open(lab: Lab, submission: Submission | None) -> None:
    lab.refresh_from_db(fields=["status"])
    if lab.status != Lab.Status.OPEN:
        raise FlagError(
            _("The lab is closed: flags can no longer be changed.")
            if lab.status == Lab.Status.CLOSED
            else _("The lab has not been opened yet.")
        )
    if submission is not None and submission.submitted:
        raise FlagError(
            _("Your flags were submitted on %(date)s and can no longer be changed.")
            % {"date": timezone.localtime(submission.submitted_at).strftime("%Y-%m-%d %H:%M")}
        )


def _clean(lab: Lab, requests: list[FlagRequest]) -> list[dict]:
    """Check every request before storing any; all problems are listed together."""
    problems = []
    keys = [r.item.strip().upper() for r in requests]
    entities = {e.key: e for e in Entity.objects.filter(lab=lab, key__in=keys)}
    transactions = {t.key: t for t in Transaction.objects.filter(lab=lab, key__in=keys)}
    seen = set()
    cleaned = []
    for request, key in zip(requests, keys, strict=True):
        item = entities.get(key) or transactions.get(key)
        if item is None:
            problems.append(_("“%(item)s” is not in this lab's dataset.") % {"item": request.item})
            continue
        if key in seen:
            problems.append(_("“%(item)s” is flagged twice in this request.") % {"item": key})
            continue
        seen.add(key)
        if request.category not in Category.values:
            problems.append(
                _("“%(category)s” is not a red-flag category (for %(item)s).")
                % {"category": request.category, "item": key}
            )
            continue
        try:
            confidence = int(request.confidence)
        except (TypeError, ValueError):
            confidence = None
        if confidence not in Confidence.values:
            problems.append(
                _("The confidence for %(item)s must be 1 (low), 2 (medium) or 3 (high).")
                % {"item": key}
            )
            continue
        note = (request.note or "").strip()
        if len(note) > NOTE_MAX:
            problems.append(
                _("The note for %(item)s is longer than %(max)s characters.")
                % {"item": key, "max": NOTE_MAX}
            )
            continue
        cleaned.append(
            {
                "entity": item if isinstance(item, Entity) else None,
                "transaction": item if isinstance(item, Transaction) else None,
                "category": request.category,
                "confidence": confidence,
                "note": note,
            }
        )
    if not requests:
        problems.append(_("No flag was given."))
    if problems:
        raise FlagError(" ".join(str(p) for p in problems))
    return cleaned


@transaction.atomic
def add_flags(*, lab: Lab, requests: list[FlagRequest], by, group=None) -> list[Flag]:
    """Store the flags of `by` (for `group` in a workshop lab), all or none."""
    _check_open(lab, submission_of(lab, user=by, group=group))
    cleaned = _clean(lab, requests)
    submission = _submission_for_writing(lab, user=by, group=group)
    _check_open(lab, submission)
    flagged = Flag.objects.filter(submission=submission).filter(
        Q(entity__in=[c["entity"] for c in cleaned if c["entity"]])
        | Q(transaction__in=[c["transaction"] for c in cleaned if c["transaction"]])
    )
    already = {
        (f.entity or f.transaction).key for f in flagged.select_related("entity", "transaction")
    }
    if already:
        raise FlagError(
            _("Already flagged by your group: %(items)s. Remove the flag first to change it.")
            % {"items": ", ".join(sorted(already))}
        )
    try:
        with transaction.atomic():
            flags = Flag.objects.bulk_create(
                [Flag(submission=submission, created_by=by, **c) for c in cleaned]
            )
    except IntegrityError:  # a group member flagged the same item a moment ago
        raise FlagError(_("Somebody in your group has just flagged one of these items.")) from None
    record(
        actor=by,
        action="lab.flag",
        obj=submission,
        details={"items": [(c["entity"] or c["transaction"]).key for c in cleaned]},
    )
    return flags


@transaction.atomic
def remove_flag(*, lab: Lab, flag_id: int, by, group=None) -> None:
    submission = submission_of(lab, user=by, group=group)
    _check_open(lab, submission)
    flag = Flag.objects.filter(pk=flag_id, submission=submission).first() if submission else None
    if flag is None:
        raise FlagError(_("This flag is not one of your group's."))
    key = (flag.entity or flag.transaction).key
    flag.delete()
    record(actor=by, action="lab.unflag", obj=submission, details={"item": key})


def flagged_keys(submission: Submission | None) -> dict[str, Flag]:
    """The submission's flags by the flagged item's identifier (one query)."""
    if submission is None:
        return {}
    flags = submission.flags.select_related("entity", "transaction")
    return {(f.entity or f.transaction).key: f for f in flags}
