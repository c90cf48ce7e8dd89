"""The hidden network: two organisers, two associates, the workers they exploit, a front
business with shell companies abroad, a recipient in the country of recruitment, and the online
ads. Each member shows at least two independent indicators; their money is in flows.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import places
from .flows import move_money

if TYPE_CHECKING:
    from .builder import Builder
    from .values import GenEntity


@dataclass
class Cast:
    """The network's members and accounts that its money moves between."""

    o1: GenEntity
    o2: GenEntity
    a1: GenEntity
    a2: GenEntity
    recipient: GenEntity
    o1_acc: GenEntity
    o2_acc: GenEntity
    a1_acc: GenEntity
    front_acc: GenEntity
    recipient_acc: GenEntity
    o1_wallet: GenEntity
    recipient_wallet: GenEntity
    shells: list  # (company, account) pairs
    prepaid: list  # prepaid cards
    victims: list  # (person, account, employer's account)


def network(b: Builder):
    """The members, their companies, accounts, phones and wallets, the workers at the flat;
    then their money (flows.py) and their ads."""
    rng, d, C, R = b.rng, b.d, b.country, b.recruit
    net, vic = "network", "victim"
    o1 = b.person(R, net, ["front_business", "housing", "crypto_prepaid"], born=(1970, 1985))
    o2 = b.person(R, net, ["ad_payments", "shared_details", "remittances"], born=(1975, 1990))
    a1 = b.person(
        R, net, ["third_party", "funnel", "remittances", "shared_details"], born=(1980, 1995)
    )
    a2 = b.person(
        R,
        net,
        ["third_party", "crypto_prepaid", "remittances", "shared_details"],
        born=(1982, 1998),
    )
    recipient = b.person(R, net, ["remittances", "crypto_prepaid"], born=(1955, 1975))
    b.link(recipient, b.address(R, role="background"), "registered")
    for p in (o1, o2, a1, a2):
        b.link(p, b.address(C), "registered")
    a1_phone = b.phone(a1, C, net, ["shared_details", "third_party"], prepaid=True)
    ad_phones = [
        b.phone(o2, C, net, ["shared_details"], prepaid=True),
        b.phone(a2, C, net, ["shared_details"], prepaid=True),
    ]
    b.phone(o1, R)
    # The front business, its nominee director and its beneficial owner.
    sector = rng.choice(list(places.FRONT_SECTORS))
    b.front_sector = sector
    front_address = b.address(C, b.city, kind="shop")
    front = b.company(
        b.company_name(places.FRONT_SECTORS[sector], places.FRONT_WORDS),
        sector,
        C,
        net,
        ["front_business", "structuring", "ad_payments"],
        employees=rng.randint(1, 2),
        address=front_address,
    )
    b.link(a2, front, "directs")
    b.link(o1, front, "owns")
    front_acc = b.account(
        front, role=net, flags=["front_business", "structuring", "ad_payments"], kind="business"
    )
    b.link(a2, front_acc, "authorised")
    shells = []
    for _ in range(1 if d == 1 else 2):
        shell = b.company(
            b.company_name(
                ["{x} Trading", "{x} Consulting", "{x} Holdings"],
                ["Adria", "Kestrel", "Meridian", "Norland", "Olympus", "Stratos"],
                "CY",
            ),
            "consulting",
            "CY",
            net,
            ["front_business", "crypto_prepaid"],
            employees=0,
            address=b.business_centre,
        )
        b.link(o1, shell, "directs")
        b.link(o1, shell, "owns")
        shells.append((shell, b.account(shell, "CY", net, ["front_business"], kind="business")))
    o1_acc = b.account(o1, C, net, ["housing", "crypto_prepaid"])
    o2_acc = b.account(o2, C, net, ["ad_payments", "remittances"])
    a1_acc = b.account(a1, C, net, ["funnel", "remittances"], phone=a1_phone)
    b.account(a2, C)
    prepaid = [b.prepaid_card(a2, net, ["crypto_prepaid", "ad_payments"]) for _ in range(2)]
    o1_wallet = b.entity(
        "wallet", b.wallet_address(), "", {"asset": "BTC"}, net, ["crypto_prepaid"]
    )
    b.link(o1, o1_wallet, "holds")
    recipient_wallet = b.entity(
        "wallet", b.wallet_address(), "", {"asset": "USDT"}, net, ["crypto_prepaid"]
    )
    b.link(recipient, recipient_wallet, "holds")
    recipient_acc = b.account(recipient, R, net, ["remittances"])
    # The workers: registered at one crowded flat, employed by real client companies,
    # their accounts opened with the associate's phone and run by the associates.
    flat = b.address(C, b.city, role=net, flags=["housing"], rooms=2)
    b.flat = flat
    clients = []
    for _ in range(2):
        sector_c, patterns = rng.choice(
            [o for o in places.ORDINARY if o[0] in ("hotel", "logistics", "construction", "farm")]
        )
        client = b.company(
            b.company_name(patterns, places.ORDINARY_WORDS),
            sector_c,
            C,
            employees=rng.randint(15, 120),
            address=b.address(C, kind="office"),
        )
        clients.append((client, b.account(client, C, kind="business")))
    b.employers = list(clients)
    victims = []
    n_victims = 4 + d + min(3, b.wanted // 2500)
    for i in range(n_victims):
        v = b.person(R, vic, ["third_party", "housing", "funnel"], born=(1996, 2006))
        b.link(v, flat, "registered")
        client, client_acc = clients[i % 2]
        b.link(v, client, "employed")
        acc = b.account(v, C, net, ["third_party", "funnel"], phone=a1_phone)
        controller = a1 if i % 2 == 0 else a2
        b.link(controller, acc, "authorised")
        victims.append((v, acc, client_acc))
    b.victims = victims
    cast = Cast(
        o1=o1,
        o2=o2,
        a1=a1,
        a2=a2,
        recipient=recipient,
        o1_acc=o1_acc,
        o2_acc=o2_acc,
        a1_acc=a1_acc,
        front_acc=front_acc,
        recipient_acc=recipient_acc,
        o1_wallet=o1_wallet,
        recipient_wallet=recipient_wallet,
        shells=shells,
        prepaid=prepaid,
        victims=victims,
    )
    move_money(b, cast)
    advertise(b, sector, ad_phones)
    b.front, b.front_acc = front, front_acc
    b.lead_entity = a1_acc
    b.cast = {"o1": o1, "a1": a1, "a1_acc": a1_acc, "front": front, "victims": len(victims)}


def advertise(b: Builder, sector: str, ad_phones: list):
    """Online ads: two phones, photos re-used across ads, several cities."""
    rng, d, C, net = b.rng, b.d, b.country, "network"
    photos = [
        b.entity(
            "photo",
            b.photo_hash(),
            "",
            {"perceptual_hash": b.photo_hash(16)},
            net,
            ["shared_details"],
        )
        for _ in range(2 + d)
    ]
    texts = {
        "massage": [
            "Relaxing massage, new girls in town",
            "Asian massage 24h, discreet",
            "Full body relax, private flat",
        ],
        "cleaning": [
            "Young women for cleaning and more, 24h",
            "Private visits, new in town",
            "Company for hotels, discreet",
        ],
        "nails": [
            "New girls, nails and relax",
            "Private beauty visits",
            "Discreet meetings, new in town",
        ],
        "car_wash": [
            "Girls new in town, 24h",
            "Private meetings, discreet",
            "Relax and company, hotel visits",
        ],
    }[sector]
    for i in range(5 + 3 * d):
        phone = ad_phones[i % 2]
        city = b.cities[i % len(b.cities)]
        text = rng.choice(texts)
        ad = b.entity(
            "ad",
            text,
            C,
            {
                "site": b.ad_site_name,
                "city": city,
                "text": f"{text}. {city}. Call or WhatsApp {phone.name}.",
                "contact": phone.name,
                "posted": b.when(rng.randint(0, b.days - 1)).date().isoformat(),
            },
            net,
            ["shared_details", "ad_payments"],
        )
        b.link(phone, ad, "contact")
        for photo in rng.sample(photos, 2 if len(photos) > 2 and rng.random() < 0.5 else 1):
            b.link(photo, ad, "shows")
            ad.details.setdefault("photos", []).append(photo.name)
