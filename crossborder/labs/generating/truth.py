"""The ground-truth summary of a generated case, for the trainer (stored in Lab.truth_summary):
network members, victims, look-alikes, the proceeds (the sum of the network's transactions)
and, per red-flag category, how many entities and transactions carry it."""

from decimal import Decimal

from ..redflags import Category


def summarise(entities, transactions) -> dict:
    by_role: dict[str, list[str]] = {"network": [], "victim": [], "lookalike": []}
    counts = {c.value: {"entities": 0, "transactions": 0} for c in Category}
    for e in entities:
        if e.truth_role in by_role:
            by_role[e.truth_role].append(e.key)
        for flag in e.truth_flags:
            counts[flag]["entities"] += 1
    proceeds = Decimal(0)
    network_transactions = 0
    for t in transactions:
        if t.truth_network:
            proceeds += t.amount
            network_transactions += 1
        for flag in t.truth_flags:
            counts[flag]["transactions"] += 1
    return {
        "network": by_role["network"],
        "victims": by_role["victim"],
        "lookalikes": by_role["lookalike"],
        "proceeds": str(proceeds),
        "currency": "EUR",
        "network_transactions": network_transactions,
        "categories": counts,
    }
