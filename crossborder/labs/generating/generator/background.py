"""Everyone else: employers, shops, utilities and ordinary people with ordinary money, who make
up most of the dataset and hide the network and the look-alikes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import places
from .values import GenerationError, money

if TYPE_CHECKING:
    from .builder import Builder


def background(b: Builder):
    rng = b.rng
    target_entities = max(150, round(b.wanted * 0.3))
    people_wanted = max(30, int((target_entities - len(b.entities)) / 3.7))
    # Businesses: employers, shops (card takings), utilities.
    employers = list(b.employers)
    for _ in range(max(3, people_wanted // 25)):
        sector, patterns = rng.choice([o for o in places.ORDINARY if o[0] != "restaurant"])
        c = b.company(
            b.company_name(patterns, places.ORDINARY_WORDS),
            sector,
            employees=rng.randint(5, 200),
            address=b.address(kind="office"),
        )
        employers.append((c, b.account(c, kind="business")))
    shops = list(b.shops)
    for _ in range(max(4, people_wanted // 15)):
        sector, patterns = rng.choice(
            [
                o
                for o in places.ORDINARY
                if o[0] in ("supermarket", "pharmacy", "fuel", "bakery", "hotel", "restaurant")
            ]
        )
        c = b.company(
            b.company_name(patterns, places.ORDINARY_WORDS),
            sector,
            employees=rng.randint(3, 40),
            address=b.address(kind="shop"),
        )
        shops.append(b.account(c, kind="business"))
    utilities = []
    for pattern in places.UTILITIES:
        c = b.company(
            b.company_name([pattern], places.ORDINARY_WORDS),
            "utility",
            employees=rng.randint(200, 2000),
        )
        utilities.append(b.account(c, kind="business"))
    people = []  # (person, account)
    household = None
    for _ in range(people_wanted):
        country = (
            b.country if rng.random() < 0.8 else rng.choice([*places.OTHER_COUNTRIES, b.recruit])
        )
        p = b.person(country)
        if household is None or rng.random() < 0.55 or household[1] >= 3:
            household = [b.address(), 0]
        b.link(p, household[0], "registered")
        household[1] += 1
        phone = b.phone(p) if rng.random() < 0.7 else None
        acc = b.account(p, phone=phone)
        employer = rng.choice(employers)
        if rng.random() < 0.8:
            b.link(p, employer[0], "employed")
        people.append((p, acc, employer[1]))
    # Landlords with one to three tenants each.
    tenancy = []
    for k in range(0, len(people) - 1, 12):
        landlord = people[k]
        for tenant in people[k + 1 : k + 1 + rng.randint(1, 3)]:
            tenancy.append((tenant[1], landlord[1], money(rng.choice([450, 500, 600, 700, 850]))))
    accounts = [a for _p, a, _e in people]
    extra = b.pending_wages
    # Each of them works for one employer (several payers would look like rent).
    employer_of = {id(acc): rng.choice(employers)[1] for acc in extra}
    # Customers of the front business pay by card (its takings are the proceeds).
    takings = max(3, b.wanted // 150) * b.months
    for _ in range(takings):
        b.tx(
            b.when(rng.randint(0, b.days - 1), rng.randint(11, 23)),
            rng.choice(accounts),
            b.front_acc,
            money(rng.choice([40, 50, 60, 80, 100, 120])),
            "card",
            "",
            ["front_business"],
            True,
        )
    remaining = b.wanted - len(b.txs)
    if remaining < 0:
        raise GenerationError("Too few transactions for this case; ask for more.")
    # Noise grows with the difficulty: private cash deposits of any size (now and then
    # just under the threshold) and larger transfers between private people.
    events = ["card", "wage", "cash_out", "bill", "rent", "p2p", "cash_in", "deposit"]
    weights = [40, 15, 15, 10, 8 if tenancy else 0, 7 * b.d, 5, 2 * (b.d - 1)]
    for _ in range(remaining):
        event = rng.choices(events, weights)[0]
        at = b.when(rng.randint(0, b.days - 1))
        if event == "card":
            b.tx(
                at,
                rng.choice(accounts + extra),
                rng.choice(shops),
                money(rng.uniform(3, 180)),
                "card",
                "",
            )
        elif event == "wage":
            _p, acc, employer_acc = rng.choice(people)
            if extra and rng.random() < 0.15:
                acc = rng.choice(extra)
                employer_acc = employer_of[id(acc)]
            b.tx(
                at.replace(hour=9),
                employer_acc,
                acc,
                money(rng.uniform(900, 3200)),
                "transfer",
                f"{b.words['salary']} {at.month:02d}/{at.year}",
            )
        elif event == "cash_out":
            b.tx(
                at,
                rng.choice(accounts),
                rng.choice(b.atms),
                money(rng.choice([20, 40, 50, 60, 100, 150, 200, 300])),
                "cash_out",
                "ATM",
            )
        elif event == "bill":
            b.tx(
                at,
                rng.choice(accounts),
                rng.choice(utilities),
                money(rng.uniform(25, 140)),
                "transfer",
                f"Invoice {rng.randint(10_000, 99_999)}",
            )
        elif event == "rent":
            payer, landlord_acc, rent = rng.choice(tenancy)
            b.tx(at, payer, landlord_acc, rent, "transfer", b.words["rent"])
        elif event == "deposit":
            b.tx(
                at,
                rng.choice(b.atms),
                rng.choice(accounts),
                money(rng.choice([rng.uniform(100, 3000), rng.uniform(5000, 9990)])),
                "cash_in",
                "",
            )
        elif event == "p2p":
            payer, payee = rng.sample(accounts, 2)
            b.tx(
                at,
                payer,
                payee,
                money(rng.uniform(5, 250 * b.d**2)),
                "transfer",
                rng.choice(["Dinner", "Gift", "Thanks", "Concert tickets", ""]),
            )
        else:
            b.tx(
                at,
                rng.choice(b.atms),
                rng.choice(shops),
                money(rng.uniform(200, 4500)),
                "cash_in",
                "",
            )
