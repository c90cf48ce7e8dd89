"""The synthetic case generator: deterministic, within bounds, every red-flag category planted,
and the hidden network recoverable from the data alone by an analyst who needs two independent
indicators, while single-indicator rules flag the innocent look-alikes."""

from collections import Counter, defaultdict
from dataclasses import asdict
from datetime import timedelta
from decimal import Decimal

import pytest

from crossborder.labs import models
from crossborder.labs.generating import places
from crossborder.labs.generating.generator import (
    MAX_TRANSACTIONS,
    MIN_TRANSACTIONS,
    SEED_MAX,
    THRESHOLD,
    GenerationError,
    generate_case,
    iban_is_valid,
)
from crossborder.labs.redflags import Category

SUBJECTS = ("person", "company")


def analyse(case) -> dict[str, set[str]]:
    """What an analyst sees per person or company, from the non-truth fields only
    (kinds, names, countries, details, links, transactions): the set of indicators."""
    kind = {e.key: e.kind for e in case.entities}
    entity = {e.key: e for e in case.entities}
    holders, authorised, users, ads_of_phone, registered = (defaultdict(set) for _ in range(5))
    for link in case.links:
        if link.kind == "holds":
            holders[link.target].add(link.source)
        elif link.kind == "authorised":
            authorised[link.target].add(link.source)
        elif link.kind == "uses":
            users[link.source].add(link.target)  # person -> phones
        elif link.kind == "contact":
            ads_of_phone[link.source].add(link.target)
        elif link.kind == "registered":
            registered[link.target].add(link.source)
    phone_key = {e.name: e.key for e in case.entities if e.kind == "phone"}
    found = defaultdict(set)

    def subjects(key):
        if kind[key] in SUBJECTS:
            return {key}
        return holders.get(key, set())

    # A third party controls other people's accounts (and their holders show it too).
    controlled = Counter()
    for account, people in authorised.items():
        others = people - holders[account]
        for person in others:
            controlled[person] += 1
        if others:
            for holder in holders[account]:
                found[holder].add("third_party")
    for person, n in controlled.items():
        if n >= 2:
            found[person].add("third_party")
    # One phone in several ads, or as the contact number of others' bank accounts.
    accounts_of_phone = defaultdict(set)
    for e in case.entities:
        if e.kind == "account" and e.details.get("contact_phone") in phone_key:
            accounts_of_phone[phone_key[e.details["contact_phone"]]].add(e.key)
    for person, phones in users.items():
        for phone in phones:
            others = {a for a in accounts_of_phone[phone] if person not in holders[a]}
            if len(ads_of_phone[phone]) >= 2 or len(others) >= 2:
                found[person].add("shared_details")
    # Registered addresses: a crowded flat; a business centre hosting several companies.
    for address, who in registered.items():
        people = {k for k in who if kind[k] == "person"}
        companies = {k for k in who if kind[k] == "company"}
        if len(people) >= 4:
            for k in people:
                found[k].add("crowded_address")
        if len(companies) >= 3:
            for k in companies:
                found[k].add("shell_address")
    for e in case.entities:
        if e.kind == "company" and e.details.get("sector") in places.FRONT_SECTORS:
            found[e.key].add("front_sector")
        if e.kind == "wallet":
            for s in holders.get(e.key, ()):
                found[s].add("crypto_prepaid")
    # Transactions.
    inflow_by_day = defaultdict(lambda: defaultdict(list))
    cash_out = defaultdict(list)
    deposits_below = Counter()
    mto_sent = Counter()
    mto_senders = defaultdict(set)
    payments = defaultdict(Counter)  # receiver -> payer -> n
    for t in case.transactions:
        target = entity[t.target]
        if t.channel == "transfer":
            inflow_by_day[t.target][t.at.date()].append(t)
            if kind[t.source] == "account":
                payments[t.target][t.source] += 1
        if t.channel == "cash_out":
            cash_out[t.source].append(t)
        if t.channel == "cash_in" and THRESHOLD * Decimal("0.8") <= t.amount < THRESHOLD:
            deposits_below[t.target] += 1
        if t.channel == "mto":
            if target.country in places.RECRUITMENT_COUNTRIES:
                mto_sent[t.source] += 1
            mto_senders[t.target].add(t.source)
        receiver_sector = {entity[h].details.get("sector") for h in holders.get(t.target, ())}
        if "online classifieds" in receiver_sector:
            for s in subjects(t.source):
                found[s].add("ad_payments")
        if "crypto exchange" in receiver_sector or t.channel == "prepaid":
            for s in subjects(t.source if t.channel != "prepaid" else t.target):
                found[s].add("crypto_prepaid")
    for account, days in inflow_by_day.items():
        funnel_days = 0
        for day, ins in days.items():
            if len({t.source for t in ins}) < 3:
                continue
            total = sum(t.amount for t in ins)
            out = sum(
                t.amount
                for t in cash_out[account]
                if timedelta(0) <= t.at.date() - day <= timedelta(days=2)
            )
            if out >= total / 2:
                funnel_days += 1
        if funnel_days >= 2:
            for s in subjects(account):
                found[s].add("funnel")
    for account, n in deposits_below.items():
        if n >= 3:
            for s in subjects(account):
                found[s].add("structuring")
    for person, n in mto_sent.items():
        if n >= 2:
            found[person].add("remittances")
    for person, senders in mto_senders.items():
        if len(senders) >= 3:
            found[person].add("remittances")
    for account, payers in payments.items():
        if sum(1 for n in payers.values() if n >= 2) >= 4:
            for s in subjects(account):
                found[s].add("rent_collector")
    return {k: v for k, v in found.items() if kind[k] in SUBJECTS}


def roles(case, role):
    return {e.key for e in case.entities if e.truth_role == role and e.kind in SUBJECTS}


def test_same_parameters_same_case():
    first, second = generate_case(42, 2, 600), generate_case(42, 2, 600)
    assert asdict(first) == asdict(second)
    other = generate_case(43, 2, 600)
    assert [e.name for e in other.entities] != [e.name for e in first.entities]


@pytest.mark.parametrize(
    "seed,difficulty,size",
    [(-1, 1, 500), (SEED_MAX + 1, 1, 500), (1, 0, 500), (1, 4, 500), (1, 1, 199), (1, 1, 20_001)],
)
def test_out_of_range_parameters_are_refused(seed, difficulty, size):
    with pytest.raises(GenerationError):
        generate_case(seed, difficulty, size)


def test_bounds_match_the_model():
    assert SEED_MAX == models.SEED_MAX
    assert (MIN_TRANSACTIONS, MAX_TRANSACTIONS) == (200, 20_000)


@pytest.mark.parametrize("size", [MIN_TRANSACTIONS, 5000])
@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_exact_size_every_category_and_well_formed(size, difficulty):
    case = generate_case(SEED_MAX if size == 200 else 11, difficulty, size)
    assert len(case.transactions) == size
    keys = [e.key for e in case.entities]
    assert len(keys) == len(set(keys)) and all(len(k) <= 16 for k in keys)
    known = set(keys)
    assert all(t.source in known and t.target in known for t in case.transactions)
    assert all(link.source in known and link.target in known for link in case.links)
    assert len({(lk.source, lk.target, lk.kind) for lk in case.links}) == len(case.links)
    assert case.lead in known
    planted = set(case.truth["categories"])
    assert planted == {c.value for c in Category}
    for category, counts in case.truth["categories"].items():
        assert counts["entities"] + counts["transactions"] > 0, category
    proceeds = sum(t.amount for t in case.transactions if t.truth_network)
    assert Decimal(case.truth["proceeds"]) == proceeds > 0
    assert all(
        t.amount > 0 and t.amount == t.amount.quantize(Decimal("0.01")) for t in case.transactions
    )
    ibans = [e.name for e in case.entities if e.kind == "account" and e.name[:2].isalpha()]
    assert ibans and all(iban_is_valid(i) for i in ibans)
    for language in ("en", "fr", "de"):
        assert case.lead in case.brief[language]
    # No key betrays a role: the network is spread over the keys.
    network_people = sorted(
        e.key for e in case.entities if e.truth_role == "network" and e.kind == "person"
    )
    assert network_people != [f"PER-{n:03d}" for n in range(1, len(network_people) + 1)]


def test_several_thousand_transactions_over_months_with_every_channel():
    case = generate_case(5, 2, 5000)
    span = case.transactions[-1].at - case.transactions[0].at
    assert span.days >= 150
    assert {t.channel for t in case.transactions} == {c.value for c in models.Transaction.Channel}
    assert 1200 <= len(case.entities) <= 1800
    kinds = {e.kind for e in case.entities}
    assert kinds == {k.value for k in models.Entity.Kind}


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("seed,size", [(1, 200), (2024, 1500), (777_777, 5000)])
def test_the_network_is_recoverable_from_the_data_alone(seed, size, difficulty):
    case = generate_case(seed, difficulty, size)
    seen = analyse(case)
    network = roles(case, "network")
    involved = network | roles(case, "victim")
    lookalikes = roles(case, "lookalike")
    suspected = {k for k, found in seen.items() if len(found) >= 2}
    recall = len(suspected & network) / len(network)
    precision = len(suspected & involved) / len(suspected)
    assert recall >= 0.9, (recall, network - suspected)
    assert precision >= 0.9, (precision, {k: seen[k] for k in suspected - involved})
    # Single-indicator rules flag the look-alikes: they are real.
    single = {k for k, found in seen.items() if found}
    assert len(single & lookalikes) >= 0.9 * len(lookalikes)
    assert len(suspected & lookalikes) == 0
    assert len(single & involved) / len(single) < 0.75


def test_harder_levels_have_more_lookalikes_and_subtler_references():
    easy, hard = generate_case(9, 1, 6000), generate_case(9, 3, 6000)
    assert len(roles(hard, "lookalike")) > 2 * len(roles(easy, "lookalike"))
    below = [t.amount for t in hard.transactions if "structuring" in t.truth_flags]
    assert (
        min(below)
        < Decimal("9500")
        < min(t.amount for t in easy.transactions if "structuring" in t.truth_flags)
    )

    def referenced(case):
        return sum(1 for t in case.transactions if t.truth_network and t.reference)

    assert referenced(hard) < referenced(easy)
