"""Scoring a submission against the lab's ground truth (the `truth_*` fields).

Definitions (what the score page and the trainer's comparison show):

* An item (entity or transaction) is **truly suspicious** when it is an entity whose
  `truth_role` is "network" or whose `truth_flags` is not empty, or a transaction whose
  `truth_flags` is not empty or which is `truth_network`.
* A flag is **correct** when its item is truly suspicious. It is **correct for its category**
  when that category is one of the item's `truth_flags`.
* **Overall**: precision = correct flags / all flags; recall = truly suspicious items flagged /
  all truly suspicious items (a submission flags an item at most once).
* **Per category** c: precision = flags of category c correct for c / flags of category c;
  recall = flags of category c correct for c / items carrying c in their `truth_flags`.
  A ratio whose denominator is 0 is None (shown as "–"), never 0.
* **Network found**: flagged entities with role "network" / all entities with role
  "network", overall and by entity kind.
* **Money traced**: a `truth_network` transaction is traced when it is flagged itself, or when
  it is paid from or to an entity with role "network" that is flagged (an account, a
  company, a person paying by money transfer...): finding the account traces the money that
  went through it. Each transaction counts once. Share = sum of traced amounts / proceeds,
  the sum of all `truth_network` amounts.
* **Confidence-weighted precision**: as overall precision, each flag weighing its confidence
  (1-3): a confident wrong flag costs more than a hesitant one.

Four queries whatever the size of the lab: the flags with their items' truth, the entities and
the transactions grouped by their truth (aggregated in the database), and the traced money
(summed in the database).
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from ..models import Entity, Flag, Submission, Transaction
from ..redflags import Category

VERSION = 1


def _ratio(numerator, denominator):
    return round(numerator / denominator, 4) if denominator else None


def _suspicious_entity(role, flags) -> bool:
    return role == Entity.Role.NETWORK or bool(flags)


def _suspicious_transaction(flags, network) -> bool:
    return network or bool(flags)


def score(submission: Submission) -> dict:
    """The submission's score as a JSON-ready dict (stored in `Submission.scores`)."""
    lab_id = submission.lab_id
    flags = list(
        Flag.objects.filter(submission=submission).values(
            "category",
            "confidence",
            "entity__key",
            "entity__kind",
            "entity__truth_role",
            "entity__truth_flags",
            "transaction__key",
            "transaction__truth_flags",
            "transaction__truth_network",
        )
    )
    entity_groups = (
        Entity.objects.filter(lab_id=lab_id)
        .values("kind", "truth_role", "truth_flags")
        .annotate(n=Count("pk"))
        .order_by()
    )
    transaction_groups = (
        Transaction.objects.filter(lab_id=lab_id)
        .values("truth_flags", "truth_network")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )

    # What there is to find: items carrying each category, suspicious items, the network.
    carrying = defaultdict(int)
    suspicious_items = 0
    network_total = defaultdict(int)
    for group in entity_groups:
        for category in set(group["truth_flags"] or []):
            carrying[category] += group["n"]
        if _suspicious_entity(group["truth_role"], group["truth_flags"]):
            suspicious_items += group["n"]
        if group["truth_role"] == Entity.Role.NETWORK:
            network_total[group["kind"]] += group["n"]
    proceeds = Decimal(0)
    for group in transaction_groups:
        for category in set(group["truth_flags"] or []):
            carrying[category] += group["n"]
        if _suspicious_transaction(group["truth_flags"], group["truth_network"]):
            suspicious_items += group["n"]
        if group["truth_network"]:
            proceeds += group["amount"] or 0

    # What the submission found.
    flagged = defaultdict(int)
    right_category = defaultdict(int)
    correct = weight = weight_correct = 0
    network_found = defaultdict(int)
    network_keys = []
    for flag in flags:
        if flag["entity__key"] is not None:
            truth = flag["entity__truth_flags"] or []
            ok = _suspicious_entity(flag["entity__truth_role"], truth)
            if flag["entity__truth_role"] == Entity.Role.NETWORK:
                network_found[flag["entity__kind"]] += 1
                network_keys.append(flag["entity__key"])
        else:
            truth = flag["transaction__truth_flags"] or []
            ok = _suspicious_transaction(truth, flag["transaction__truth_network"])
        flagged[flag["category"]] += 1
        right_category[flag["category"]] += flag["category"] in truth
        correct += ok
        weight += flag["confidence"]
        weight_correct += flag["confidence"] if ok else 0

    traced = (
        Transaction.objects.filter(lab_id=lab_id, truth_network=True)
        .filter(
            Q(pk__in=Flag.objects.filter(submission=submission).values("transaction_id"))
            | Q(source__in=_flagged_network_entities(submission))
            | Q(target__in=_flagged_network_entities(submission))
        )
        .aggregate(total=Sum("amount"))["total"]
    ) or Decimal(0)

    found, total = sum(network_found.values()), sum(network_total.values())
    return {
        "version": VERSION,
        "overall": {
            "flags": len(flags),
            "correct": correct,
            "items": suspicious_items,
            "precision": _ratio(correct, len(flags)),
            "recall": _ratio(correct, suspicious_items),
            "weighted_precision": _ratio(weight_correct, weight),
        },
        "categories": {
            category: {
                "flags": flagged[category],
                "correct": right_category[category],
                "items": carrying[category],
                "precision": _ratio(right_category[category], flagged[category]),
                "recall": _ratio(right_category[category], carrying[category]),
            }
            for category in Category.values
        },
        "network": {
            "found": found,
            "total": total,
            "share": _ratio(found, total),
            "by_kind": {
                kind: {"found": network_found[kind], "total": n}
                for kind, n in sorted(network_total.items())
            },
            "keys": sorted(network_keys),
        },
        "money": {
            "traced": str(traced.quantize(Decimal("0.01"))),
            "proceeds": str(proceeds.quantize(Decimal("0.01"))),
            "share": _ratio(float(traced), float(proceeds)),
        },
    }


def _flagged_network_entities(submission):
    return Flag.objects.filter(
        submission=submission, entity__truth_role=Entity.Role.NETWORK
    ).values("entity_id")
