"""What the run panel of the overview, the submission page and the trainer page show, read in
a fixed number of queries whatever the number of flags, groups or items."""

from django.db.models import Q

from crossborder import access

from ..flagging import submission_of
from ..models import Entity, Flag, Lab, Submission, Transaction
from ..redflags import Category

MISSED_SHOWN = 50


def category_rows(scores: dict) -> list[dict]:
    """The per-category part of a score, in the categories' order, with their labels."""
    by_category = scores.get("categories", {})
    return [
        {"value": value, "label": label, **by_category.get(value, {})}
        for value, label in Category.choices
    ]


def participant_context(user, lab: Lab, group) -> dict:
    """The person's (their group's) flags, their score once submitted and, once they may see
    the truth, what they missed. Only ever the person's own group's submission."""
    submission = submission_of(lab, user=user, group=group)
    flags = (
        list(submission.flags.select_related("entity", "transaction", "created_by"))
        if submission
        else []
    )
    submitted = submission is not None and submission.submitted
    context = {
        "submission": submission,
        "flags": flags,
        "submitted": submitted,
        "works_on": access.works_on_lab(user, lab, group),
        "can_flag": access.can_flag_in_lab(user, lab, group) and not submitted,
        "scores": submission.scores if submitted else None,
        "category_rows": category_rows(submission.scores) if submitted else [],
    }
    if access.can_see_own_lab_truth(user, lab, group, submission):
        context.update(missed(lab, submission))
        context["verdicts"] = True
        for flag in flags:
            flag.verdict = verdict(flag)
    return context


def verdict(flag: Flag) -> str:
    """Right item and category, right item with another category, or not suspicious (the
    rules of scoring.py)."""
    if flag.entity is not None:
        truth = flag.entity.truth_flags or []
        suspicious = flag.entity.truth_role == Entity.Role.NETWORK or bool(truth)
    else:
        truth = flag.transaction.truth_flags or []
        suspicious = flag.transaction.truth_network or bool(truth)
    if not suspicious:
        return "wrong"
    return "right" if flag.category in truth else "other_category"


def missed(lab: Lab, submission: Submission | None) -> dict:
    """The network's entities and the suspicious transactions the submission did not flag."""
    entities = Entity.objects.filter(lab=lab, truth_role=Entity.Role.NETWORK)
    transactions = Transaction.objects.filter(lab=lab).filter(
        Q(truth_network=True) | ~Q(truth_flags=[])
    )
    if submission is not None:
        flagged = Flag.objects.filter(submission=submission)
        entities = entities.exclude(pk__in=flagged.values("entity_id").exclude(entity=None))
        transactions = transactions.exclude(
            pk__in=flagged.values("transaction_id").exclude(transaction=None)
        )
    transactions = list(
        transactions.select_related("source", "target").order_by("at", "key")[: MISSED_SHOWN + 1]
    )
    return {
        "missed_entities": list(entities.order_by("kind", "key")),
        "missed_transactions": transactions[:MISSED_SHOWN],
        "missed_more": len(transactions) > MISSED_SHOWN,
    }


def trainer_context(lab: Lab) -> dict:
    """Every group's (or, in self-study, every learner's) submission state and score side by
    side, the truth summary and, after the reveal, the hidden network with who found whom."""
    submissions = lab.submissions.select_related("group", "user", "submitted_by")
    if lab.workshop_id is not None:
        by_group = {s.group_id: s for s in submissions}
        rows = [
            {"name": str(g), "submission": by_group.get(g.pk)}
            for g in lab.workshop.groups.order_by("number")
        ]
    else:
        rows = [
            {"name": s.user.get_full_name() or s.user.email, "submission": s} for s in submissions
        ]
    for row in rows:
        s = row["submission"]
        row["scores"] = s.scores if s is not None and s.submitted else None
        row["recalls"] = [
            (row["scores"] or {}).get("categories", {}).get(value, {}).get("recall")
            for value in Category.values
        ]
        row["found"] = set((row["scores"] or {}).get("network", {}).get("keys", []))
    network = []
    if lab.revealed:
        network = [
            {"entity": e, "found_by": [bool(e.key in row["found"]) for row in rows]}
            for e in lab.entities.filter(truth_role=Entity.Role.NETWORK).order_by("kind", "key")
        ]
    return {
        "rows": rows,
        "categories": Category.choices,
        "network": network,
        "summary": summary_of(lab.truth_summary),
    }


def summary_of(truth: dict) -> dict | None:
    """The generator's truth summary (generating/truth.py) in the trainer's terms: how many
    network members, victims and look-alikes, the proceeds, and per red-flag category how many
    entities and transactions carry it."""
    if not truth:
        return None
    counts = truth.get("categories", {})
    return {
        "network": len(truth.get("network", [])),
        "victims": len(truth.get("victims", [])),
        "lookalikes": len(truth.get("lookalikes", [])),
        "proceeds": truth.get("proceeds"),
        "currency": truth.get("currency", "EUR"),
        "network_transactions": truth.get("network_transactions"),
        "categories": [
            (
                label,
                counts.get(value, {}).get("entities", 0),
                counts.get(value, {}).get("transactions", 0),
            )
            for value, label in Category.choices
        ],
    }
