"""Running a lab: open it, close it, reveal the hidden network, and submit a group's (or a
self-study learner's) flags, which stores the score. Every change writes an audit entry;
every refusal raises `LabError` with a message for the person who tried, and changes nothing.
"""

import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from ..flagging import FlagRequest, add_flags, submission_of
from ..models import Entity, Lab, Submission, Transaction
from ..redflags import Category, Confidence
from .scoring import score


class LabError(Exception):
    """Nothing was changed; the message says why."""


def _move(lab: Lab, *, by, frm: tuple, to: str, stamp: str, action: str, message: str) -> Lab:
    """Change the status with one conditional UPDATE, so two clicks cannot both succeed."""
    now = timezone.now()
    changed = Lab.objects.filter(pk=lab.pk, status__in=frm).update(status=to, **{stamp: now})
    if not changed:
        raise LabError(message)
    lab.refresh_from_db(fields=["status", stamp])
    record(actor=by, action=action, obj=lab)
    return lab


@transaction.atomic
def open_lab(*, lab: Lab, by) -> Lab:
    """Let the participants in: they see the data and flag. A closed lab can be opened again
    (more time) unless it has been revealed."""
    if lab.generation != Lab.Generation.DONE and not lab.generated_at:
        raise LabError(_("The dataset of this lab is not ready yet."))
    if lab.revealed_at is not None:
        raise LabError(_("The network has been revealed: the lab cannot be opened again."))
    return _move(
        lab,
        by=by,
        frm=(Lab.Status.PREPARED, Lab.Status.CLOSED),
        to=Lab.Status.OPEN,
        stamp="opened_at",
        action="lab.open",
        message=_("The lab is already open."),
    )


@transaction.atomic
def close_lab(*, lab: Lab, by) -> Lab:
    """No more flags or submissions; what was submitted stays scored."""
    return _move(
        lab,
        by=by,
        frm=(Lab.Status.OPEN,),
        to=Lab.Status.CLOSED,
        stamp="closed_at",
        action="lab.close",
        message=_("Only an open lab can be closed."),
    )


@transaction.atomic
def reveal_lab(*, lab: Lab, by) -> Lab:
    """Show the hidden network to the participants (only once the lab is closed, once)."""
    changed = Lab.objects.filter(
        pk=lab.pk, status=Lab.Status.CLOSED, revealed_at__isnull=True
    ).update(revealed_at=timezone.now())
    if not changed:
        lab.refresh_from_db(fields=["status", "revealed_at"])
        raise LabError(
            _("The network has already been revealed.")
            if lab.revealed_at
            else _("Close the lab before revealing the network.")
        )
    lab.refresh_from_db(fields=["revealed_at"])
    record(actor=by, action="lab.reveal", obj=lab)
    return lab


@transaction.atomic
def submit_flags(*, lab: Lab, by, group=None) -> Submission:
    """Hand in the flags of `group` (workshop) or of `by` (self-study) and store the score.
    Refuses a lab that is not open, a submission without flags and a second submission."""
    lab.refresh_from_db(fields=["status"])
    if lab.status != Lab.Status.OPEN:
        raise LabError(
            _("The lab is closed: flags can no longer be submitted.")
            if lab.status == Lab.Status.CLOSED
            else _("The lab has not been opened yet.")
        )
    submission = submission_of(lab, user=by, group=group)
    if submission is None or not submission.flags.exists():
        raise LabError(_("Flag at least one entity or transaction before submitting."))
    # One conditional UPDATE: of two members clicking at once, only one submits.
    now = timezone.now()
    if not Submission.objects.filter(pk=submission.pk, submitted_at__isnull=True).update(
        submitted_at=now, submitted_by=by
    ):
        raise LabError(_("Your flags have already been submitted."))
    submission.submitted_at, submission.submitted_by = now, by
    submission.scores = score(submission)
    submission.save(update_fields=["scores"])
    record(
        actor=by,
        action="lab.submit",
        obj=submission,
        details={
            "flags": submission.scores["overall"]["flags"],
            "precision": submission.scores["overall"]["precision"],
            "recall": submission.scores["overall"]["recall"],
        },
    )
    return submission


def rehearse_submissions(
    *, lab: Lab, shares: dict, rng: random.Random, by=None, max_transactions: int | None = None
) -> list:
    """For the demo: for each group (key of `shares`), flag the given share of the truly
    suspicious items with a right category, plus wrong flags on innocent look-alikes and
    background items (about one for every three right ones, more as the share drops), then
    submit. With `max_transactions`, a group flags at most that many transactions (a real
    group flags the accounts and a few telling payments, not every payment). Deterministic for
    a given `rng`. The flags are made by a member of the group
    (or `by` when the group has none). The lab must be open. Returns the submissions."""
    entities = list(Entity.objects.filter(lab=lab).values_list("key", "truth_role", "truth_flags"))
    transactions = list(
        Transaction.objects.filter(lab=lab).values_list("key", "truth_network", "truth_flags")
    )
    suspicious = [(k, f) for k, role, f in entities if role == Entity.Role.NETWORK or f]
    suspicious += [(k, f) for k, network, f in transactions if network or f]
    innocent = [k for k, role, f in entities if role != Entity.Role.NETWORK and not f]
    innocent += [k for k, network, f in transactions if not network and not f]
    lookalikes = [k for k, role, f in entities if role == Entity.Role.LOOKALIKE and not f]
    categories = Category.values
    out = []
    transaction_keys = {k for k, _network, _flags in transactions}
    for group, share in shares.items():
        right = rng.sample(suspicious, round(max(0.0, min(1.0, share)) * len(suspicious)))
        if max_transactions is not None:
            paid = [item for item in right if item[0] in transaction_keys][:max_transactions]
            right = [item for item in right if item[0] not in transaction_keys] + paid
        n_wrong = min(len(innocent), max(1, round(len(right) * (1.5 - share) / 3)))
        wrong = lookalikes[: n_wrong // 2] + rng.sample(
            [k for k in innocent if k not in lookalikes], max(0, n_wrong - n_wrong // 2)
        )
        requests = [
            FlagRequest(
                key,
                rng.choice(flags) if flags else rng.choice(categories),
                rng.choice([Confidence.MEDIUM, Confidence.HIGH]),
            )
            for key, flags in right
        ] + [FlagRequest(key, rng.choice(categories), Confidence.LOW) for key in wrong]
        member = group.memberships.select_related("application__user").first() if group else None
        user = member.application.user if member else by
        add_flags(lab=lab, requests=requests, by=user, group=group)
        out.append(submit_flags(lab=lab, by=user, group=group))
    return out
