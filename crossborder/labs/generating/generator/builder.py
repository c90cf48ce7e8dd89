"""The `Builder`: the state of one case being generated, the helpers that add entities, links
and transactions to it, the places everyone shares, and the finishing step (keys handed out in a
shuffled order, the ground truth, the brief)."""

import random
import string
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from .. import places
from .background import background
from .lookalikes import lookalikes
from .network import network
from .values import (
    CURRENCY,
    KEY_PREFIX,
    THRESHOLD,
    Case,
    GenEntity,
    GenLink,
    GenTransaction,
    iban,
    money,
)


class Builder:
    """Makes the entities, links and transactions of one case, in a fixed order of random
    draws (so that a seed always gives the same case), and finishes it."""

    def __init__(self, seed: int, difficulty: int, wanted: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.d = difficulty
        self.wanted = wanted
        self.entities: list[GenEntity] = []
        self.links: list[tuple[GenEntity, GenEntity, str]] = []
        self._link_set: set = set()
        self.txs: list[dict] = []
        self._names: set = set()
        rng = self.rng
        self.country = rng.choice(places.CASE_COUNTRIES)
        self.recruit = rng.choice(places.RECRUITMENT_COUNTRIES)
        self.words = places.WORDS[self.country]
        self.cities = places.CITIES[self.country][:3]
        self.city = self.cities[0]
        self.start = datetime(2025, rng.randint(1, 6), 1, tzinfo=UTC)
        # Small datasets cover fewer months so that the network still fits.
        self.months = 2 if wanted < 500 else 3 if wanted < 1000 else min(6, 3 + wanted // 1500)
        self.days = self.months * 30
        self.copies = max(1, min(difficulty, 1 + wanted // 1500))
        self.shops: list[GenEntity] = []  # business accounts that take card payments
        self.pending_wages: list[GenEntity] = []  # look-alikes' accounts that also get wages

    # -- helpers -----------------------------------------------------------------------------
    def entity(self, kind, name, country, details=None, role="background", flags=()):
        e = GenEntity(kind, name, country, details or {}, role, list(flags))
        self.entities.append(e)
        return e

    def link(self, source, target, kind):
        marker = (id(source), id(target), kind)
        if marker not in self._link_set:
            self._link_set.add(marker)
            self.links.append((source, target, kind))

    def tx(self, at, source, target, amount, channel, reference="", flags=(), network=False):
        self.txs.append(
            {
                "at": at,
                "source": source,
                "target": target,
                "amount": amount if isinstance(amount, Decimal) else money(amount),
                "channel": channel,
                "reference": reference,
                "flags": list(flags),
                "network": network,
            }
        )

    def when(self, day: float, hour: int | None = None, minute: int | None = None) -> datetime:
        rng = self.rng
        day = max(0, min(self.days - 1, int(day)))
        hour = rng.randint(8, 20) if hour is None else hour
        minute = rng.randint(0, 59) if minute is None else minute
        return self.start + timedelta(days=day, hours=hour, minutes=minute)

    def month_day(self, month: int, day: int) -> int:
        return month * 30 + day

    def person_name(self, country: str) -> str:
        rng = self.rng
        for _attempt in range(20):
            first = rng.choice(places.FIRST[country])
            name = f"{first} {places.surname(country, first, rng.choice(places.LAST[country]))}"
            if name not in self._names:
                break
        else:
            name = f"{name} {rng.choice(string.ascii_uppercase)}."
        self._names.add(name)
        return name

    def person(self, country=None, role="background", flags=(), born=(1960, 2003), **details):
        country = country or self.country
        return self.entity(
            "person",
            self.person_name(country),
            country,
            {"born": self.rng.randint(*born), "nationality": country, **details},
            role,
            flags,
        )

    def phone_number(self, country: str) -> str:
        fmt = places.PHONE_FORMATS[country]
        return "".join(self.rng.choice(string.digits) if c in "#X" else c for c in fmt)

    def phone(self, user, country=None, role="background", flags=(), prepaid=False):
        country = country or self.country
        e = self.entity(
            "phone",
            self.phone_number(country),
            country,
            {"operator": self.rng.choice(places.OPERATORS), "prepaid": prepaid},
            role,
            flags,
        )
        if user is not None:
            self.link(user, e, "uses")
        return e

    def account(
        self, holder, country=None, role="background", flags=(), kind="current", phone=None
    ):
        rng = self.rng
        country = country or self.country
        if country in places.NON_IBAN_BANKS:
            bank, digits = rng.choice(places.NON_IBAN_BANKS[country])
            number = "".join(rng.choice(string.digits) for _ in range(digits))
        else:
            bank, code = rng.choice(places.BANKS[country])
            number = iban(country, code, rng)
        opened = self.start - timedelta(days=rng.randint(20, 3000))
        details = {
            "bank": bank,
            "holder": holder.name,
            "type": kind,
            "opened": opened.date().isoformat(),
        }
        if phone is not None:
            details["contact_phone"] = phone.name
        e = self.entity("account", number, country, details, role, flags)
        self.link(holder, e, "holds")
        return e

    def prepaid_card(self, holder, role="background", flags=()):
        rng = self.rng
        number = f"5{rng.randint(100, 999)} **** **** {rng.randint(1000, 9999)}"
        e = self.entity(
            "account",
            number,
            self.country,
            {
                "bank": rng.choice(places.PREPAID_ISSUERS),
                "holder": holder.name,
                "type": "prepaid card",
            },
            role,
            flags,
        )
        self.link(holder, e, "holds")
        return e

    def address(self, country=None, city=None, kind="flat", role="background", flags=(), **details):
        rng = self.rng
        country = country or self.country
        city = city or rng.choice(
            self.cities if country == self.country else places.CITIES[country]
        )
        fmt, streets = places.STREETS.get(country, ("{name} {n}", ["Main Street"]))
        street = fmt.format(
            name=rng.choice(streets), n=rng.randint(1, 240), floor=rng.randint(1, 6)
        )
        name = f"{street}, {rng.randint(1000, 9999)} {city}"
        return self.entity(
            "address", name, country, {"city": city, "type": kind, **details}, role, flags
        )

    def company(
        self, name, sector, country=None, role="background", flags=(), employees=0, address=None
    ):
        country = country or self.country
        e = self.entity(
            "company",
            name,
            country,
            {
                "sector": sector,
                "registration": f"{country} {self.rng.randint(100_000_000, 999_999_999)}",
                "employees_declared": employees,
                "founded": self.rng.randint(1995, 2024),
            },
            role,
            flags,
        )
        if address is not None:
            self.link(e, address, "registered")
        return e

    def company_name(self, patterns, words, country=None) -> str:
        country = country or self.country
        for _attempt in range(20):
            stem = self.rng.choice(patterns).format(x=self.rng.choice(words))
            name = f"{stem} {places.COMPANY_FORMS.get(country, 'Ltd')}"
            if name not in self._names:
                break
        self._names.add(name)
        return name

    def cash_point(self, city):
        rng = self.rng
        bank, _code = rng.choice(places.BANKS[self.country])
        fmt, streets = places.STREETS[self.country]
        street = fmt.format(name=rng.choice(streets), n=rng.randint(1, 240), floor=0)
        kind = rng.choice(["ATM", "ATM", "Branch"])
        return self.entity(
            "cash_point",
            f"{kind} {bank}, {street}, {city}",
            self.country,
            {"bank": bank, "city": city, "type": kind},
        )

    # -- the case ----------------------------------------------------------------------------
    def build(self) -> Case:
        self.shared_places()
        network(self)
        lookalikes(self)
        background(self)
        return self.finish()

    def shared_places(self):
        rng = self.rng
        self.atms = [
            self.cash_point(city) for city in self.cities for _ in range(2 + self.wanted // 2000)
        ]
        self.main_atm = self.atms[0]
        # The ad site, the crypto exchange and a prepaid issuer everybody may pay.
        site_country = rng.choice(["NL", "IE", "CY"])
        self.ad_site_name = rng.choice(places.AD_SITES)
        self.ad_site = self.company(
            f"{self.ad_site_name.split('.')[0].capitalize()} Media "
            + places.COMPANY_FORMS.get(site_country, "Ltd"),
            "online classifieds",
            site_country,
            employees=rng.randint(20, 80),
        )
        self.ad_site_acc = self.account(
            self.ad_site, "NL" if site_country == "IE" else site_country, kind="business"
        )
        self.exchange = self.company(
            f"{rng.choice(places.EXCHANGES)} Europe {places.COMPANY_FORMS['NL']}",
            "crypto exchange",
            "NL",
            employees=rng.randint(30, 150),
        )
        self.exchange_acc = self.account(self.exchange, "NL", kind="business")
        self.exchange_wallet = self.entity(
            "wallet", self.wallet_address(), "", {"asset": "BTC", "custodian": self.exchange.name}
        )
        self.link(self.exchange, self.exchange_wallet, "holds")
        self.business_centre = self.address(
            "CY", kind="business centre", registered_companies="many"
        )

    def wallet_address(self) -> str:
        alphabet = "023456789acdefghjklmnpqrstuvwxyz"
        return "bc1q" + "".join(self.rng.choice(alphabet) for _ in range(38))

    def photo_hash(self, n=40) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    # -- keys, truth, brief ----------------------------------------------------------------
    def finish(self) -> Case:
        rng = self.rng
        by_kind: dict[str, list] = {}
        for e in self.entities:
            by_kind.setdefault(e.kind, []).append(e)
        for kind, items in by_kind.items():
            rng.shuffle(items)
            for n, e in enumerate(items, 1):
                e.key = f"{KEY_PREFIX[kind]}-{n:03d}"
        entities = sorted(self.entities, key=lambda e: e.key)
        links = [GenLink(s.key, t.key, kind) for s, t, kind in self.links]
        ordered = sorted(
            self.txs, key=lambda t: (t["at"], t["source"].key, t["target"].key, t["amount"])
        )
        transactions = [
            GenTransaction(
                key=f"TRX-{n:05d}",
                at=t["at"],
                source=t["source"].key,
                target=t["target"].key,
                amount=t["amount"],
                currency=CURRENCY,
                channel=t["channel"],
                reference=t["reference"],
                truth_flags=t["flags"],
                truth_network=t["network"],
            )
            for n, t in enumerate(ordered, 1)
        ]
        truth = self.truth(entities, transactions)
        return Case(
            seed=self.seed,
            difficulty=self.d,
            entities=entities,
            links=links,
            transactions=transactions,
            lead=self.lead_entity.key,
            truth=truth,
            brief=self.brief(entities, transactions),
            country=self.country,
            recruitment_country=self.recruit,
        )

    def truth(self, entities, transactions) -> dict:
        from ..truth import summarise

        return summarise(entities, transactions)

    def brief(self, entities, transactions) -> dict[str, str]:
        from ..briefs import write_briefs

        lead = self.lead_entity
        first_out = next(
            t for t in transactions if t.source == lead.key and t.channel == "cash_out"
        )
        counts: dict[str, int] = {}
        for e in entities:
            counts[e.kind] = counts.get(e.kind, 0) + 1
        return write_briefs(
            country=self.country,
            city=self.city,
            lead_key=lead.key,
            lead_iban=lead.name,
            bank=lead.details["bank"],
            holder=self.cast["a1"].name,
            nationality=self.recruit,
            start=transactions[0].at.date(),
            end=transactions[-1].at.date(),
            report_date=(first_out.at + timedelta(days=self.rng.randint(20, 40))).date(),
            counts=counts,
            transactions=len(transactions),
            threshold=THRESHOLD,
        )
