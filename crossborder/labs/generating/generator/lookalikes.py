"""The innocent look-alikes: each shows exactly one indicator of the nine red-flag categories,
so that a group that flags on one indicator alone flags an innocent person or firm."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .. import places
from .values import money

if TYPE_CHECKING:
    from .builder import Builder


def lookalikes(b: Builder):
    for _ in range(b.copies):
        real_cleaner(b)
        restaurant(b)
        diaspora_worker(b)
        student_ad(b)
        crypto_hobbyist(b)
        landlord(b)
        seller(b)
        parent(b)
        treasurer(b)
        centre_firm(b)
    centre_firm(b)  # the business centre always hosts at least two innocent firms


def real_cleaner(b: Builder):
    rng, la = b.rng, "lookalike"
    sector = rng.choice(list(places.FRONT_SECTORS))
    director = b.person()
    b.link(director, b.address(), "registered")
    b.account(director)
    staff = rng.randint(3, 5)
    c = b.company(
        b.company_name(
            places.FRONT_SECTORS[sector], ["Bright", "Fresh", "Shine", "Star", "Blue", "Azul"]
        ),
        sector,
        role=la,
        employees=staff + rng.randint(2, 8),
        address=b.address(kind="shop"),
    )
    b.link(director, c, "directs")
    acc = b.account(c, role=la, kind="business")
    workers = []
    for _ in range(staff):
        p = b.person()
        b.link(p, c, "employed")
        b.link(p, b.address(), "registered")
        workers.append(b.account(p))
    for m in range(b.months):
        day = b.month_day(m, 27)
        for w in workers:
            b.tx(
                b.when(day, 9),
                acc,
                w,
                money(rng.uniform(950, 1400)),
                "transfer",
                f"{b.words['salary']} {m + 1:02d}",
            )
        b.tx(
            b.when(b.month_day(m, 15)),
            acc,
            b.main_atm,
            money(rng.uniform(100, 400)),
            "cash_out",
            "Petty cash",
        )
        b.tx(
            b.when(b.month_day(m, rng.randint(1, 28))),
            rng.choice(b.atms),
            acc,
            money(rng.uniform(500, 3000)),
            "cash_in",
            "Takings",
        )
    b.shops.append(acc)


def restaurant(b: Builder):
    rng, la = b.rng, "lookalike"
    sector, patterns = places.ORDINARY[1]
    owner = b.person()
    b.link(owner, b.address(), "registered")
    b.account(owner)
    c = b.company(
        b.company_name(patterns, places.ORDINARY_WORDS),
        sector,
        role=la,
        employees=rng.randint(6, 15),
        address=b.address(kind="shop"),
    )
    b.link(owner, c, "directs")
    acc = b.account(c, role=la, kind="business")
    deposits = [rng.uniform(8200, 9950) for _ in range(3)] + [
        rng.uniform(3000, 14000) for _ in range(b.months)
    ]
    for amount in deposits:
        b.tx(
            b.when(rng.randint(0, b.days - 1)),
            rng.choice(b.atms),
            acc,
            money(amount),
            "cash_in",
            "Receitas" if b.country == "PT" else "Takings",
        )
    b.shops.append(acc)


def diaspora_worker(b: Builder):
    rng = b.rng
    home = rng.choice(places.RECRUITMENT_COUNTRIES)
    worker = b.person(home, "lookalike", born=(1975, 1995))
    b.link(worker, b.address(), "registered")
    acc = b.account(worker)
    mother = b.person(home, born=(1945, 1965))
    b.link(mother, b.address(home), "registered")
    for m in range(b.months):
        b.tx(
            b.when(b.month_day(m, rng.randint(1, 4))),
            worker,
            mother,
            money(rng.uniform(150, 400)),
            "mto",
            rng.choice(places.MTO),
        )
    b.pending_wages.append(acc)


def student_ad(b: Builder):
    rng = b.rng
    student = b.person(role="lookalike", born=(2000, 2006), occupation="student")
    b.link(student, b.address(), "registered")
    acc = b.account(student)
    b.tx(
        b.when(rng.randint(0, b.days - 1)),
        acc,
        b.ad_site_acc,
        money(rng.choice([4.99, 9.99, 14.99])),
        "card",
        rng.choice(["Room wanted", "Bike for sale", "Maths lessons"]),
    )


def crypto_hobbyist(b: Builder):
    rng = b.rng
    p = b.person(role="lookalike", born=(1985, 2000), occupation="software developer")
    b.link(p, b.address(), "registered")
    acc = b.account(p)
    wallet = b.entity("wallet", b.wallet_address(), "", {"asset": "BTC"}, "lookalike")
    b.link(p, wallet, "holds")
    for m in range(b.months):
        b.tx(
            b.when(b.month_day(m, 2)),
            acc,
            b.exchange_acc,
            money(rng.choice([100, 150, 200])),
            "transfer",
            "Savings plan",
        )
    b.tx(
        b.when(b.days - 5),
        b.exchange_wallet,
        wallet,
        money(rng.uniform(300, 600)),
        "crypto",
        "",
    )
    b.pending_wages.append(acc)


def landlord(b: Builder):
    rng = b.rng
    p = b.person(role="lookalike", born=(1950, 1970))
    b.link(p, b.address(), "registered")
    acc = b.account(p)
    building = b.address()
    street = building.name.split(",")[0]
    for i in range(rng.randint(4, 6)):
        tenant = b.person()
        flat = b.address(city=building.details["city"])
        flat.name = f"{street}, {i + 1}A, {building.details['city']}"
        b.link(tenant, flat, "registered")
        t_acc = b.account(tenant)
        rent = money(rng.choice([550, 600, 650, 700, 750]))
        for m in range(b.months):
            b.tx(
                b.when(b.month_day(m, rng.randint(0, 6))),
                t_acc,
                acc,
                rent,
                "transfer",
                f"{b.words['rent']} {i + 1}A",
            )
        b.pending_wages.append(t_acc)
    b.entities.remove(building)


def seller(b: Builder):
    rng = b.rng
    p = b.person(role="lookalike")
    b.link(p, b.address(), "registered")
    b.account(p)
    phone = b.phone(p)
    for text in rng.sample(
        [
            "Sofa, good condition",
            "Car for sale, 2012, 140,000 km",
            "Children's bike",
            "Washing machine",
        ],
        2 + (rng.random() < 0.5),
    ):
        ad = b.entity(
            "ad",
            text,
            b.country,
            {
                "site": b.ad_site_name,
                "city": b.city,
                "text": f"{text}. Call {phone.name}.",
                "contact": phone.name,
            },
            "lookalike",
        )
        b.link(phone, ad, "contact")
        photo = b.entity(
            "photo",
            b.photo_hash(),
            "",
            {"perceptual_hash": b.photo_hash(16)},
            "lookalike",
        )
        b.link(photo, ad, "shows")
        ad.details["photos"] = [photo.name]


def parent(b: Builder):
    rng = b.rng
    home = b.address()
    parent = b.person(role="lookalike", born=(1955, 1970))
    b.link(parent, home, "registered")
    b.account(parent)
    for _ in range(2):
        child = b.person(role="lookalike", born=(1998, 2004), occupation="student")
        b.link(child, b.address(), "registered")
        acc = b.account(child)
        b.link(parent, acc, "authorised")
        b.tx(
            b.when(rng.randint(0, b.days - 1)),
            acc,
            b.main_atm,
            money(rng.choice([40, 60, 100])),
            "cash_out",
            "ATM",
        )


def treasurer(b: Builder):
    rng = b.rng
    p = b.person(role="lookalike", occupation="club treasurer")
    b.link(p, b.address(), "registered")
    acc = b.account(p)
    members = []
    for _ in range(3):  # three members: not a landlord's four tenants
        member = b.person()
        b.link(member, b.address(), "registered")
        members.append(b.account(member))
    for m in range(b.months):
        day = b.month_day(m, 5)
        total = Decimal(0)
        for member in members:
            fee = money(rng.choice([30, 40, 50]))
            total += fee
            b.tx(b.when(day), member, acc, fee, "transfer", "Football club subscription")
        b.tx(
            b.when(day + 1),
            acc,
            rng.choice(b.atms),
            (total * Decimal("0.8")).quantize(Decimal(10)),
            "cash_out",
            "Referee and pitch",
        )
    b.pending_wages.extend(members)


def centre_firm(b: Builder):
    rng = b.rng
    c = b.company(
        b.company_name(
            ["{x} Software", "{x} Shipping Agency", "{x} Yachting", "{x} Tax Advisers"],
            ["Aphrodite", "Kyrenia", "Troodos", "Limni", "Akamas", "Salamis"],
            "CY",
        ),
        rng.choice(["software", "shipping", "accounting"]),
        "CY",
        "lookalike",
        employees=rng.randint(2, 12),
        address=b.business_centre,
    )
    director = b.person("GR")
    b.link(director, c, "directs")
    acc = b.account(c, "CY", kind="business")
    client_acc = rng.choice(b.employers)[1]
    b.tx(
        b.when(rng.randint(0, b.days - 1)),
        client_acc,
        acc,
        money(rng.uniform(200, 900)),
        "transfer",
        f"Invoice {rng.randint(100, 999)}",
    )
