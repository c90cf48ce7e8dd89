"""A big, plausible lab dataset for size tests (query counts that must not grow, the browser's
graph timings): ~1,500 entities and 5,000 transactions, bulk-created in a few queries.

It stands in for the real generator (crossborder/labs/generating/) until the merge: people
hold accounts and phones and live at addresses, companies have directors and accounts, phones
are the contact of ads that show photos, and money moves between accounts, wallets, companies
and cash machines. A small ring (`NETWORK` people and what they hold) is the hidden network.
"""

import itertools
import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from crossborder.labs.models import Entity, Link, Transaction

# kind: (prefix, share of the entities)
KINDS = {
    "person": ("PER", 0.27),
    "company": ("COM", 0.08),
    "account": ("ACC", 0.30),
    "phone": ("PHO", 0.13),
    "ad": ("AD", 0.10),
    "photo": ("PHT", 0.04),
    "wallet": ("WAL", 0.03),
    "address": ("ADR", 0.04),
    "cash_point": ("CSH", 0.01),
}
COUNTRIES = ["PT", "PT", "PT", "ES", "RO", "BG", "MD", "NG", "FR", "DE"]
FIRST = ["Ana", "Ion", "Maria", "Elena", "Jan", "Pedro", "Sofia", "Mihai", "Olga", "Tiago"]
LAST = ["Popa", "Silva", "Petrov", "Novak", "Costa", "Rusu", "Ilieva", "Santos", "Dinu", "Lima"]
NETWORK = 12  # people in the hidden ring


def make_big_dataset(lab, *, entities=1500, transactions=5000, seed=15):
    """Fill `lab` with a dataset of about that size; returns the lead's key."""
    rng = random.Random(seed)
    rows, by_kind = [], {}
    for kind, (prefix, share) in KINDS.items():
        count = max(3, round(entities * share))
        for i in range(1, count + 1):
            key = f"{prefix}-{i:04d}"
            if kind == "person":
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            elif kind == "company":
                name = f"{rng.choice(LAST)} {rng.choice(['Services', 'Trading', 'Lda', 'SRL'])}"
            elif kind == "account":
                name = f"PT50 {rng.randrange(10**4):04d} {rng.randrange(10**8):08d}"
            elif kind == "phone":
                name = f"+351 9{rng.randrange(10**8):08d}"
            elif kind == "ad":
                name = rng.choice(["Massage 24h", "Cleaning jobs", "New in town", "Work abroad"])
            elif kind == "wallet":
                name = f"bc1q{rng.randrange(16**12):012x}"
            elif kind == "address":
                name = f"Rua {rng.choice(LAST)} {rng.randrange(1, 200)}, Lisboa"
            else:
                name = f"{kind.replace('_', ' ').title()} {i}"
            role = "network" if kind == "person" and i <= NETWORK else "background"
            rows.append(
                Entity(
                    lab=lab,
                    key=key,
                    kind=kind,
                    name=name,
                    country=rng.choice(COUNTRIES),
                    details={"note": f"{kind} {i}"},
                    truth_role=role,
                    truth_flags=["third_party"] if role == "network" else [],
                )
            )
            by_kind.setdefault(kind, []).append(rows[-1])
    Entity.objects.bulk_create(rows, batch_size=500)
    made = {e.key: e for e in Entity.objects.filter(lab=lab)}
    kind_of = {kind: [made[e.key] for e in items] for kind, items in by_kind.items()}
    people, accounts = kind_of["person"], kind_of["account"]
    links = set()

    def link(source, target, kind):
        links.add((source.pk, target.pk, kind))

    holders = people + kind_of["company"]
    for i, account in enumerate(accounts):
        link(holders[i % len(holders)], account, "holds")
    for company in kind_of["company"]:
        link(rng.choice(people), company, "directs")
    for i, phone in enumerate(kind_of["phone"]):
        link(people[i % len(people)], phone, "uses")
    for ad in kind_of["ad"]:
        link(rng.choice(kind_of["phone"]), ad, "contact")
        link(rng.choice(kind_of["photo"]), ad, "shows")
    for person in people:
        link(person, rng.choice(kind_of["address"]), "registered")
    for wallet in kind_of["wallet"]:
        link(rng.choice(people), wallet, "holds")
    ring = people[:NETWORK]
    for a, b in itertools.pairwise(ring):  # the ring shares phones
        link(a, kind_of["phone"][people.index(b)], "uses")
    Link.objects.bulk_create(
        [Link(lab=lab, source_id=s, target_id=t, kind=k) for s, t, k in sorted(links) if s != t],
        batch_size=500,
    )
    payers = accounts + kind_of["wallet"] + kind_of["company"]
    ring_pks = {p.pk for p in ring}
    held = {t for s, t, k in links if k == "holds" and s in ring_pks}
    ring_accounts = [a for a in accounts if a.pk in held]
    start = timezone.make_aware(datetime(2026, 1, 5, 9, 0))
    channels = ["transfer", "transfer", "card", "mto", "crypto", "prepaid"]
    trx = []
    for i in range(1, transactions + 1):
        network = ring_accounts and rng.random() < 0.08
        if rng.random() < 0.1:
            source, target = rng.choice(accounts), rng.choice(kind_of["cash_point"])
            channel = "cash_out"
        else:
            source = rng.choice(ring_accounts) if network else rng.choice(payers)
            target = rng.choice(ring_accounts if network else payers)
            channel = "crypto" if "WAL" in source.key + target.key else rng.choice(channels)
        if source.pk == target.pk:
            target = accounts[0] if source is not accounts[0] else accounts[1]
        trx.append(
            Transaction(
                lab=lab,
                key=f"TRX-{i:05d}",
                at=start + timedelta(minutes=rng.randrange(180 * 24 * 60)),
                source=source,
                target=target,
                amount=Decimal(
                    rng.choice([45, 60, 250, 850, 1200, 2500, 9800]) + rng.randrange(100)
                ),
                channel=channel,
                reference=rng.choice(["Salario", "Rent", "Anuncio", "Family", "Invoice", ""]),
                truth_flags=["funnel"] if network else [],
                truth_network=bool(network),
            )
        )
    Transaction.objects.bulk_create(trx, batch_size=500)
    lab.lead = ring_accounts[0] if ring_accounts else accounts[0]
    lab.generated_at = timezone.now()
    lab.save(update_fields=["lead", "generated_at"])
    return lab.lead.key
