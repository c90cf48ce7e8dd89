"""The synthetic case generator: a deterministic, pure-Python function of a seed, a difficulty
and a number of transactions that returns a whole case (entities, links, transactions, the
lead the brief starts from, the ground truth and the brief in English, French and German).

The story (varied by the seed): two organisers from a country of recruitment run a front
business (a cleaning agency, massage parlour, nail bar or car wash) in an EU Member State,
with one or two shell companies at a business-centre address abroad. Two associates hold the
workers' bank cards: the workers' wages, paid by real client companies, are passed on the same
day to one associate's account and taken out in cash (funnel); the workers pay rent for one
crowded flat to an organiser (housing); the front's takings are paid in as cash just below the
reporting threshold (structuring) and moved through the shells to crypto-assets; ads with shared
phone numbers and re-used photos are paid from prepaid cards (ad payments, shared details); and
the associates send money-transfer payments, split among senders, to one person in the country
of recruitment (remittances).

Every network member shows at least two independent indicators in the data; each innocent
look-alike shows exactly one (a real cleaning company with payroll, a restaurant that pays in
large takings, a diaspora worker sending money home, a student paying for an ad, a hobby crypto
buyer, a landlord with many tenants, a seller with several ads, a parent holding the cards of
grown-up children, a club treasurer collecting subscriptions, small firms at the same business
centre). Keys are handed out in a shuffled order at the end, so that no key betrays a role.
"""

import random
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from . import places

SEED_MAX = 2**31 - 1  # = crossborder.labs.models.SEED_MAX (kept pure: no Django import here)
DIFFICULTIES = (1, 2, 3)
MIN_TRANSACTIONS = 200
MAX_TRANSACTIONS = 20_000
THRESHOLD = Decimal("10000.00")  # the cash reporting threshold the network keeps below
CURRENCY = "EUR"
KEY_PREFIX = {
    "person": "PER",
    "company": "COM",
    "account": "ACC",
    "phone": "PHO",
    "ad": "AD",
    "photo": "PHT",
    "wallet": "WAL",
    "address": "ADR",
    "cash_point": "CSH",
}
CENT = Decimal("0.01")


class GenerationError(ValueError):
    """Out-of-range parameters."""


@dataclass(eq=False)
class GenEntity:
    kind: str
    name: str
    country: str
    details: dict
    truth_role: str = "background"
    truth_flags: list = field(default_factory=list)
    key: str = ""


@dataclass
class GenLink:
    source: str
    target: str
    kind: str


@dataclass
class GenTransaction:
    key: str
    at: datetime
    source: str
    target: str
    amount: Decimal
    currency: str
    channel: str
    reference: str
    truth_flags: list
    truth_network: bool


@dataclass
class Case:
    seed: int
    difficulty: int
    entities: list[GenEntity]
    links: list[GenLink]
    transactions: list[GenTransaction]
    lead: str
    truth: dict
    brief: dict[str, str]
    country: str
    recruitment_country: str


def check_parameters(seed: int, difficulty: int, transactions: int) -> None:
    if not isinstance(seed, int) or not 0 <= seed <= SEED_MAX:
        raise GenerationError(f"The seed must be a whole number from 0 to {SEED_MAX}.")
    if difficulty not in DIFFICULTIES:
        raise GenerationError("The difficulty must be 1, 2 or 3.")
    if not isinstance(transactions, int) or not (
        MIN_TRANSACTIONS <= transactions <= MAX_TRANSACTIONS
    ):
        raise GenerationError(
            f"The number of transactions must be from {MIN_TRANSACTIONS} to {MAX_TRANSACTIONS}."
        )


def generate_case(seed: int, difficulty: int, transactions: int) -> Case:
    """The case for these parameters; the same parameters always give the same case."""
    check_parameters(seed, difficulty, transactions)
    return _Builder(seed, difficulty, transactions).build()


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def _iban(country: str, bank_code: str, rng: random.Random) -> str:
    length = places.IBAN_LENGTH[country]
    bban = bank_code + "".join(
        rng.choice(string.digits) for _ in range(length - 4 - len(bank_code))
    )
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(digits) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def iban_is_valid(iban: str) -> bool:
    """The ISO 13616 check (used by the tests)."""
    raw = iban.replace(" ", "")
    digits = "".join(str(int(c, 36)) for c in raw[4:] + raw[:4])
    return int(digits) % 97 == 1


class _Builder:
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
                "amount": amount if isinstance(amount, Decimal) else _money(amount),
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
            number = _iban(country, code, rng)
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
        self.network()
        self.lookalikes()
        self.background()
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

    def network(self):
        rng, d, C, R = self.rng, self.d, self.country, self.recruit
        net, vic = "network", "victim"
        o1 = self.person(R, net, ["front_business", "housing", "crypto_prepaid"], born=(1970, 1985))
        o2 = self.person(
            R, net, ["ad_payments", "shared_details", "remittances"], born=(1975, 1990)
        )
        a1 = self.person(
            R, net, ["third_party", "funnel", "remittances", "shared_details"], born=(1980, 1995)
        )
        a2 = self.person(
            R,
            net,
            ["third_party", "crypto_prepaid", "remittances", "shared_details"],
            born=(1982, 1998),
        )
        recipient = self.person(R, net, ["remittances", "crypto_prepaid"], born=(1955, 1975))
        self.link(recipient, self.address(R, role="background"), "registered")
        for p in (o1, o2, a1, a2):
            self.link(p, self.address(C), "registered")
        a1_phone = self.phone(a1, C, net, ["shared_details", "third_party"], prepaid=True)
        ad_phones = [
            self.phone(o2, C, net, ["shared_details"], prepaid=True),
            self.phone(a2, C, net, ["shared_details"], prepaid=True),
        ]
        self.phone(o1, R)
        # The front business, its nominee director and its beneficial owner.
        sector = rng.choice(list(places.FRONT_SECTORS))
        self.front_sector = sector
        front_address = self.address(C, self.city, kind="shop")
        front = self.company(
            self.company_name(places.FRONT_SECTORS[sector], places.FRONT_WORDS),
            sector,
            C,
            net,
            ["front_business", "structuring", "ad_payments"],
            employees=rng.randint(1, 2),
            address=front_address,
        )
        self.link(a2, front, "directs")
        self.link(o1, front, "owns")
        front_acc = self.account(
            front, role=net, flags=["front_business", "structuring", "ad_payments"], kind="business"
        )
        self.link(a2, front_acc, "authorised")
        shells = []
        for _ in range(1 if d == 1 else 2):
            shell = self.company(
                self.company_name(
                    ["{x} Trading", "{x} Consulting", "{x} Holdings"],
                    ["Adria", "Kestrel", "Meridian", "Norland", "Olympus", "Stratos"],
                    "CY",
                ),
                "consulting",
                "CY",
                net,
                ["front_business", "crypto_prepaid"],
                employees=0,
                address=self.business_centre,
            )
            self.link(o1, shell, "directs")
            self.link(o1, shell, "owns")
            shells.append(
                (shell, self.account(shell, "CY", net, ["front_business"], kind="business"))
            )
        o1_acc = self.account(o1, C, net, ["housing", "crypto_prepaid"])
        o2_acc = self.account(o2, C, net, ["ad_payments", "remittances"])
        a1_acc = self.account(a1, C, net, ["funnel", "remittances"], phone=a1_phone)
        self.account(a2, C)
        prepaid = [self.prepaid_card(a2, net, ["crypto_prepaid", "ad_payments"]) for _ in range(2)]
        o1_wallet = self.entity(
            "wallet", self.wallet_address(), "", {"asset": "BTC"}, net, ["crypto_prepaid"]
        )
        self.link(o1, o1_wallet, "holds")
        recipient_wallet = self.entity(
            "wallet", self.wallet_address(), "", {"asset": "USDT"}, net, ["crypto_prepaid"]
        )
        self.link(recipient, recipient_wallet, "holds")
        recipient_acc = self.account(recipient, R, net, ["remittances"])
        # The workers: registered at one crowded flat, employed by real client companies,
        # their accounts opened with the associate's phone and run by the associates.
        flat = self.address(C, self.city, role=net, flags=["housing"], rooms=2)
        self.flat = flat
        clients = []
        for _ in range(2):
            sector_c, patterns = rng.choice(
                [
                    o
                    for o in places.ORDINARY
                    if o[0] in ("hotel", "logistics", "construction", "farm")
                ]
            )
            client = self.company(
                self.company_name(patterns, places.ORDINARY_WORDS),
                sector_c,
                C,
                employees=rng.randint(15, 120),
                address=self.address(C, kind="office"),
            )
            clients.append((client, self.account(client, C, kind="business")))
        self.employers = list(clients)
        victims = []
        n_victims = 4 + d + min(3, self.wanted // 2500)
        for i in range(n_victims):
            v = self.person(R, vic, ["third_party", "housing", "funnel"], born=(1996, 2006))
            self.link(v, flat, "registered")
            client, client_acc = clients[i % 2]
            self.link(v, client, "employed")
            acc = self.account(v, C, net, ["third_party", "funnel"], phone=a1_phone)
            controller = a1 if i % 2 == 0 else a2
            self.link(controller, acc, "authorised")
            victims.append((v, acc, client_acc))
        self.victims = victims

        w = self.words
        sub = d >= 3  # subtler references at the advanced level
        for m in range(self.months):
            payday = self.month_day(m, rng.randint(26, 28))
            total = Decimal(0)
            for _v, acc, client_acc in victims:
                wage = _money(rng.uniform(880, 1350))
                t = self.when(payday, 9, rng.randint(0, 30))
                self.tx(
                    t, client_acc, acc, wage, "transfer", f"{w['salary']} {m + 1:02d}", ["funnel"]
                )
                passed = (wage * Decimal(rng.uniform(0.7, 0.85))).quantize(CENT)
                total += passed
                later = t + timedelta(hours=rng.randint(1, 5), minutes=rng.randint(0, 59))
                ref = (
                    rng.choice(["Transfer", "Loan repayment", "Family", ""])
                    if sub
                    else rng.choice(["Transfer", "For Andrei", "Debt"])
                )
                self.tx(
                    later, acc, a1_acc, passed, "transfer", ref, ["funnel", "third_party"], True
                )
                rent = _money(
                    rng.choice([150, 180, 200, 220, 250]) + (rng.uniform(-10, 10) if sub else 0)
                )
                self.tx(
                    later + timedelta(minutes=rng.randint(2, 40)),
                    acc,
                    o1_acc,
                    rent,
                    "transfer",
                    "" if sub else f"{w['rent']} quarto",
                    ["housing"],
                    True,
                )
                if rng.random() < 0.5:
                    rest = (wage - passed - rent) * Decimal("0.8")
                    self.tx(
                        later + timedelta(hours=20),
                        acc,
                        self.main_atm,
                        max(Decimal(20), rest.quantize(Decimal(10))),
                        "cash_out",
                        "ATM",
                        ["third_party", "funnel"],
                        True,
                    )
            # The associate takes most of it out in cash the next day, in a few withdrawals.
            out = total * Decimal(rng.uniform(0.6, 0.85))
            parts = rng.randint(2, 3)
            for k in range(parts):
                self.tx(
                    self.when(payday + 1, 10 + k, rng.randint(0, 59)),
                    a1_acc,
                    self.main_atm,
                    (out / parts).quantize(Decimal(10)),
                    "cash_out",
                    "ATM",
                    ["funnel"],
                    True,
                )
            # Cash takings paid in just below the threshold.
            for k in range(3 if d < 3 else 2):
                lo, hi = {1: (9500, 9950), 2: (9000, 9900), 3: (8300, 9700)}[d]
                self.tx(
                    self.when(self.month_day(m, 3 + 9 * k + rng.randint(0, 5))),
                    rng.choice(self.atms),
                    front_acc,
                    _money(rng.uniform(lo, hi)),
                    "cash_in",
                    "Deposito" if not sub else "",
                    ["structuring", "front_business"],
                    True,
                )
            # Through the shells to crypto-assets and the organiser.
            for _shell, shell_acc in shells:
                amount = _money(rng.uniform(4000, 12000))
                self.tx(
                    self.when(self.month_day(m, rng.randint(5, 12))),
                    front_acc,
                    shell_acc,
                    amount,
                    "transfer",
                    f"{w['invoice']} {rng.randint(100, 999)}/{self.start.year}"
                    + ("" if sub else " consulting"),
                    ["front_business"],
                    True,
                )
                self.tx(
                    self.when(self.month_day(m, rng.randint(13, 18))),
                    shell_acc,
                    self.exchange_acc,
                    (amount * Decimal("0.4")).quantize(CENT),
                    "transfer",
                    "Services" if sub else "BTC purchase",
                    ["crypto_prepaid"],
                    True,
                )
                self.tx(
                    self.when(self.month_day(m, rng.randint(19, 24))),
                    shell_acc,
                    o1_acc,
                    (amount * Decimal("0.5")).quantize(CENT),
                    "transfer",
                    "Loan" if sub else "Dividend",
                    ["front_business"],
                    True,
                )
            self.tx(
                self.when(self.month_day(m, rng.randint(10, 20))),
                o1_acc,
                self.exchange_acc,
                _money(rng.uniform(1500, 4000)),
                "transfer",
                "Top-up",
                ["crypto_prepaid"],
                True,
            )
            self.tx(
                self.when(self.month_day(m, rng.randint(21, 24))),
                self.exchange_wallet,
                o1_wallet,
                _money(rng.uniform(1400, 3900)),
                "crypto",
                "",
                ["crypto_prepaid"],
                True,
            )
            self.tx(
                self.when(self.month_day(m, rng.randint(25, 29))),
                o1_wallet,
                recipient_wallet,
                _money(rng.uniform(1000, 3000)),
                "crypto",
                "",
                ["crypto_prepaid", "remittances"],
                True,
            )
            # Prepaid cards topped up with cash, and paying for the ads.
            for card in prepaid:
                self.tx(
                    self.when(self.month_day(m, rng.randint(0, 10))),
                    rng.choice(self.atms),
                    card,
                    _money(rng.choice([200, 250, 300, 400, 500])),
                    "prepaid",
                    "Top-up",
                    ["crypto_prepaid"],
                    True,
                )
                self.tx(
                    self.when(self.month_day(m, rng.randint(11, 29))),
                    card,
                    self.ad_site_acc,
                    _money(rng.uniform(15, 60)),
                    "card",
                    "" if sub else "Premium listing",
                    ["ad_payments"],
                    True,
                )
            for _ in range(2):
                self.tx(
                    self.when(self.month_day(m, rng.randint(0, 29))),
                    o2_acc,
                    self.ad_site_acc,
                    _money(rng.uniform(15, 60)),
                    "card",
                    "" if sub else "Boost ad 7 days",
                    ["ad_payments"],
                    True,
                )
            self.tx(
                self.when(self.month_day(m, rng.randint(0, 29))),
                front_acc,
                self.ad_site_acc,
                _money(rng.uniform(40, 120)),
                "card",
                "Advertising",
                ["ad_payments"],
                True,
            )
            # Remittances to the country of recruitment, split among senders under the
            # money-transfer service's identification limit.
            for sender in (a1, a2, o2):
                for _ in range(1 if sub else 2):
                    self.tx(
                        self.when(self.month_day(m, rng.randint(0, 29))),
                        sender,
                        recipient,
                        _money(rng.uniform(300, 950)),
                        "mto",
                        rng.choice(places.MTO),
                        ["remittances"],
                        True,
                    )
            self.tx(
                self.when(self.month_day(m, rng.randint(0, 29))),
                recipient,
                recipient_acc,
                _money(rng.uniform(800, 2500)),
                "cash_in",
                "",
                ["remittances"],
                True,
            )
        # Online ads: two phones, photos re-used across ads, several cities.
        photos = [
            self.entity(
                "photo",
                self.photo_hash(),
                "",
                {"perceptual_hash": self.photo_hash(16)},
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
            city = self.cities[i % len(self.cities)]
            text = rng.choice(texts)
            ad = self.entity(
                "ad",
                text,
                C,
                {
                    "site": self.ad_site_name,
                    "city": city,
                    "text": f"{text}. {city}. Call or WhatsApp {phone.name}.",
                    "contact": phone.name,
                    "posted": self.when(rng.randint(0, self.days - 1)).date().isoformat(),
                },
                net,
                ["shared_details", "ad_payments"],
            )
            self.link(phone, ad, "contact")
            for photo in rng.sample(photos, 2 if len(photos) > 2 and rng.random() < 0.5 else 1):
                self.link(photo, ad, "shows")
                ad.details.setdefault("photos", []).append(photo.name)
        self.front, self.front_acc = front, front_acc
        self.lead_entity = a1_acc
        self.cast = {"o1": o1, "a1": a1, "a1_acc": a1_acc, "front": front, "victims": len(victims)}

    def photo_hash(self, n=40) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    # -- look-alikes: one indicator each ---------------------------------------------------
    def lookalikes(self):
        for _ in range(self.copies):
            self.real_cleaner()
            self.restaurant()
            self.diaspora_worker()
            self.student_ad()
            self.crypto_hobbyist()
            self.landlord()
            self.seller()
            self.parent()
            self.treasurer()
            self.centre_firm()
        self.centre_firm()  # the business centre always hosts at least two innocent firms

    def real_cleaner(self):
        rng, la = self.rng, "lookalike"
        sector = rng.choice(list(places.FRONT_SECTORS))
        director = self.person()
        self.link(director, self.address(), "registered")
        self.account(director)
        staff = rng.randint(3, 5)
        c = self.company(
            self.company_name(
                places.FRONT_SECTORS[sector], ["Bright", "Fresh", "Shine", "Star", "Blue", "Azul"]
            ),
            sector,
            role=la,
            employees=staff + rng.randint(2, 8),
            address=self.address(kind="shop"),
        )
        self.link(director, c, "directs")
        acc = self.account(c, role=la, kind="business")
        workers = []
        for _ in range(staff):
            p = self.person()
            self.link(p, c, "employed")
            self.link(p, self.address(), "registered")
            workers.append(self.account(p))
        for m in range(self.months):
            day = self.month_day(m, 27)
            for w in workers:
                self.tx(
                    self.when(day, 9),
                    acc,
                    w,
                    _money(rng.uniform(950, 1400)),
                    "transfer",
                    f"{self.words['salary']} {m + 1:02d}",
                )
            self.tx(
                self.when(self.month_day(m, 15)),
                acc,
                self.main_atm,
                _money(rng.uniform(100, 400)),
                "cash_out",
                "Petty cash",
            )
            self.tx(
                self.when(self.month_day(m, rng.randint(1, 28))),
                rng.choice(self.atms),
                acc,
                _money(rng.uniform(500, 3000)),
                "cash_in",
                "Takings",
            )
        self.shops.append(acc)

    def restaurant(self):
        rng, la = self.rng, "lookalike"
        sector, patterns = places.ORDINARY[1]
        owner = self.person()
        self.link(owner, self.address(), "registered")
        self.account(owner)
        c = self.company(
            self.company_name(patterns, places.ORDINARY_WORDS),
            sector,
            role=la,
            employees=rng.randint(6, 15),
            address=self.address(kind="shop"),
        )
        self.link(owner, c, "directs")
        acc = self.account(c, role=la, kind="business")
        deposits = [rng.uniform(8200, 9950) for _ in range(3)] + [
            rng.uniform(3000, 14000) for _ in range(self.months)
        ]
        for amount in deposits:
            self.tx(
                self.when(rng.randint(0, self.days - 1)),
                rng.choice(self.atms),
                acc,
                _money(amount),
                "cash_in",
                "Receitas" if self.country == "PT" else "Takings",
            )
        self.shops.append(acc)

    def diaspora_worker(self):
        rng = self.rng
        home = rng.choice(places.RECRUITMENT_COUNTRIES)
        worker = self.person(home, "lookalike", born=(1975, 1995))
        self.link(worker, self.address(), "registered")
        acc = self.account(worker)
        mother = self.person(home, born=(1945, 1965))
        self.link(mother, self.address(home), "registered")
        for m in range(self.months):
            self.tx(
                self.when(self.month_day(m, rng.randint(1, 4))),
                worker,
                mother,
                _money(rng.uniform(150, 400)),
                "mto",
                rng.choice(places.MTO),
            )
        self.pending_wages.append(acc)

    def student_ad(self):
        rng = self.rng
        student = self.person(role="lookalike", born=(2000, 2006), occupation="student")
        self.link(student, self.address(), "registered")
        acc = self.account(student)
        self.tx(
            self.when(rng.randint(0, self.days - 1)),
            acc,
            self.ad_site_acc,
            _money(rng.choice([4.99, 9.99, 14.99])),
            "card",
            rng.choice(["Room wanted", "Bike for sale", "Maths lessons"]),
        )

    def crypto_hobbyist(self):
        rng = self.rng
        p = self.person(role="lookalike", born=(1985, 2000), occupation="software developer")
        self.link(p, self.address(), "registered")
        acc = self.account(p)
        wallet = self.entity("wallet", self.wallet_address(), "", {"asset": "BTC"}, "lookalike")
        self.link(p, wallet, "holds")
        for m in range(self.months):
            self.tx(
                self.when(self.month_day(m, 2)),
                acc,
                self.exchange_acc,
                _money(rng.choice([100, 150, 200])),
                "transfer",
                "Savings plan",
            )
        self.tx(
            self.when(self.days - 5),
            self.exchange_wallet,
            wallet,
            _money(rng.uniform(300, 600)),
            "crypto",
            "",
        )
        self.pending_wages.append(acc)

    def landlord(self):
        rng = self.rng
        p = self.person(role="lookalike", born=(1950, 1970))
        self.link(p, self.address(), "registered")
        acc = self.account(p)
        building = self.address()
        street = building.name.split(",")[0]
        for i in range(rng.randint(4, 6)):
            tenant = self.person()
            flat = self.address(city=building.details["city"])
            flat.name = f"{street}, {i + 1}A, {building.details['city']}"
            self.link(tenant, flat, "registered")
            t_acc = self.account(tenant)
            rent = _money(rng.choice([550, 600, 650, 700, 750]))
            for m in range(self.months):
                self.tx(
                    self.when(self.month_day(m, rng.randint(0, 6))),
                    t_acc,
                    acc,
                    rent,
                    "transfer",
                    f"{self.words['rent']} {i + 1}A",
                )
            self.pending_wages.append(t_acc)
        self.entities.remove(building)

    def seller(self):
        rng = self.rng
        p = self.person(role="lookalike")
        self.link(p, self.address(), "registered")
        self.account(p)
        phone = self.phone(p)
        for text in rng.sample(
            [
                "Sofa, good condition",
                "Car for sale, 2012, 140,000 km",
                "Children's bike",
                "Washing machine",
            ],
            2 + (rng.random() < 0.5),
        ):
            ad = self.entity(
                "ad",
                text,
                self.country,
                {
                    "site": self.ad_site_name,
                    "city": self.city,
                    "text": f"{text}. Call {phone.name}.",
                    "contact": phone.name,
                },
                "lookalike",
            )
            self.link(phone, ad, "contact")
            photo = self.entity(
                "photo",
                self.photo_hash(),
                "",
                {"perceptual_hash": self.photo_hash(16)},
                "lookalike",
            )
            self.link(photo, ad, "shows")
            ad.details["photos"] = [photo.name]

    def parent(self):
        rng = self.rng
        home = self.address()
        parent = self.person(role="lookalike", born=(1955, 1970))
        self.link(parent, home, "registered")
        self.account(parent)
        for _ in range(2):
            child = self.person(role="lookalike", born=(1998, 2004), occupation="student")
            self.link(child, self.address(), "registered")
            acc = self.account(child)
            self.link(parent, acc, "authorised")
            self.tx(
                self.when(rng.randint(0, self.days - 1)),
                acc,
                self.main_atm,
                _money(rng.choice([40, 60, 100])),
                "cash_out",
                "ATM",
            )

    def treasurer(self):
        rng = self.rng
        p = self.person(role="lookalike", occupation="club treasurer")
        self.link(p, self.address(), "registered")
        acc = self.account(p)
        members = []
        for _ in range(3):  # three members: not a landlord's four tenants
            member = self.person()
            self.link(member, self.address(), "registered")
            members.append(self.account(member))
        for m in range(self.months):
            day = self.month_day(m, 5)
            total = Decimal(0)
            for member in members:
                fee = _money(rng.choice([30, 40, 50]))
                total += fee
                self.tx(self.when(day), member, acc, fee, "transfer", "Football club subscription")
            self.tx(
                self.when(day + 1),
                acc,
                rng.choice(self.atms),
                (total * Decimal("0.8")).quantize(Decimal(10)),
                "cash_out",
                "Referee and pitch",
            )
        self.pending_wages.extend(members)

    def centre_firm(self):
        rng = self.rng
        c = self.company(
            self.company_name(
                ["{x} Software", "{x} Shipping Agency", "{x} Yachting", "{x} Tax Advisers"],
                ["Aphrodite", "Kyrenia", "Troodos", "Limni", "Akamas", "Salamis"],
                "CY",
            ),
            rng.choice(["software", "shipping", "accounting"]),
            "CY",
            "lookalike",
            employees=rng.randint(2, 12),
            address=self.business_centre,
        )
        director = self.person("GR")
        self.link(director, c, "directs")
        acc = self.account(c, "CY", kind="business")
        client_acc = rng.choice(self.employers)[1]
        self.tx(
            self.when(rng.randint(0, self.days - 1)),
            client_acc,
            acc,
            _money(rng.uniform(200, 900)),
            "transfer",
            f"Invoice {rng.randint(100, 999)}",
        )

    # -- background ------------------------------------------------------------------------
    def background(self):
        rng = self.rng
        target_entities = max(150, round(self.wanted * 0.3))
        people_wanted = max(30, int((target_entities - len(self.entities)) / 3.7))
        # Businesses: employers, shops (card takings), utilities.
        employers = list(self.employers)
        for _ in range(max(3, people_wanted // 25)):
            sector, patterns = rng.choice([o for o in places.ORDINARY if o[0] != "restaurant"])
            c = self.company(
                self.company_name(patterns, places.ORDINARY_WORDS),
                sector,
                employees=rng.randint(5, 200),
                address=self.address(kind="office"),
            )
            employers.append((c, self.account(c, kind="business")))
        shops = list(self.shops)
        for _ in range(max(4, people_wanted // 15)):
            sector, patterns = rng.choice(
                [
                    o
                    for o in places.ORDINARY
                    if o[0] in ("supermarket", "pharmacy", "fuel", "bakery", "hotel", "restaurant")
                ]
            )
            c = self.company(
                self.company_name(patterns, places.ORDINARY_WORDS),
                sector,
                employees=rng.randint(3, 40),
                address=self.address(kind="shop"),
            )
            shops.append(self.account(c, kind="business"))
        utilities = []
        for pattern in places.UTILITIES:
            c = self.company(
                self.company_name([pattern], places.ORDINARY_WORDS),
                "utility",
                employees=rng.randint(200, 2000),
            )
            utilities.append(self.account(c, kind="business"))
        people = []  # (person, account)
        household = None
        for _ in range(people_wanted):
            country = (
                self.country
                if rng.random() < 0.8
                else rng.choice([*places.OTHER_COUNTRIES, self.recruit])
            )
            p = self.person(country)
            if household is None or rng.random() < 0.55 or household[1] >= 3:
                household = [self.address(), 0]
            self.link(p, household[0], "registered")
            household[1] += 1
            phone = self.phone(p) if rng.random() < 0.7 else None
            acc = self.account(p, phone=phone)
            employer = rng.choice(employers)
            if rng.random() < 0.8:
                self.link(p, employer[0], "employed")
            people.append((p, acc, employer[1]))
        # Landlords with one to three tenants each.
        tenancy = []
        for k in range(0, len(people) - 1, 12):
            landlord = people[k]
            for tenant in people[k + 1 : k + 1 + rng.randint(1, 3)]:
                tenancy.append(
                    (tenant[1], landlord[1], _money(rng.choice([450, 500, 600, 700, 850])))
                )
        accounts = [a for _p, a, _e in people]
        extra = self.pending_wages
        # Each of them works for one employer (several payers would look like rent).
        employer_of = {id(acc): rng.choice(employers)[1] for acc in extra}
        # Customers of the front business pay by card (its takings are the proceeds).
        takings = max(3, self.wanted // 150) * self.months
        for _ in range(takings):
            self.tx(
                self.when(rng.randint(0, self.days - 1), rng.randint(11, 23)),
                rng.choice(accounts),
                self.front_acc,
                _money(rng.choice([40, 50, 60, 80, 100, 120])),
                "card",
                "",
                ["front_business"],
                True,
            )
        remaining = self.wanted - len(self.txs)
        if remaining < 0:
            raise GenerationError("Too few transactions for this case; ask for more.")
        # Noise grows with the difficulty: private cash deposits of any size (now and then
        # just under the threshold) and larger transfers between private people.
        events = ["card", "wage", "cash_out", "bill", "rent", "p2p", "cash_in", "deposit"]
        weights = [40, 15, 15, 10, 8 if tenancy else 0, 7 * self.d, 5, 2 * (self.d - 1)]
        for _ in range(remaining):
            event = rng.choices(events, weights)[0]
            at = self.when(rng.randint(0, self.days - 1))
            if event == "card":
                self.tx(
                    at,
                    rng.choice(accounts + extra),
                    rng.choice(shops),
                    _money(rng.uniform(3, 180)),
                    "card",
                    "",
                )
            elif event == "wage":
                _p, acc, employer_acc = rng.choice(people)
                if extra and rng.random() < 0.15:
                    acc = rng.choice(extra)
                    employer_acc = employer_of[id(acc)]
                self.tx(
                    at.replace(hour=9),
                    employer_acc,
                    acc,
                    _money(rng.uniform(900, 3200)),
                    "transfer",
                    f"{self.words['salary']} {at.month:02d}/{at.year}",
                )
            elif event == "cash_out":
                self.tx(
                    at,
                    rng.choice(accounts),
                    rng.choice(self.atms),
                    _money(rng.choice([20, 40, 50, 60, 100, 150, 200, 300])),
                    "cash_out",
                    "ATM",
                )
            elif event == "bill":
                self.tx(
                    at,
                    rng.choice(accounts),
                    rng.choice(utilities),
                    _money(rng.uniform(25, 140)),
                    "transfer",
                    f"Invoice {rng.randint(10_000, 99_999)}",
                )
            elif event == "rent":
                payer, landlord_acc, rent = rng.choice(tenancy)
                self.tx(at, payer, landlord_acc, rent, "transfer", self.words["rent"])
            elif event == "deposit":
                self.tx(
                    at,
                    rng.choice(self.atms),
                    rng.choice(accounts),
                    _money(rng.choice([rng.uniform(100, 3000), rng.uniform(5000, 9990)])),
                    "cash_in",
                    "",
                )
            elif event == "p2p":
                a, b = rng.sample(accounts, 2)
                self.tx(
                    at,
                    a,
                    b,
                    _money(rng.uniform(5, 250 * self.d**2)),
                    "transfer",
                    rng.choice(["Dinner", "Gift", "Thanks", "Concert tickets", ""]),
                )
            else:
                self.tx(
                    at,
                    rng.choice(self.atms),
                    rng.choice(shops),
                    _money(rng.uniform(200, 4500)),
                    "cash_in",
                    "",
                )

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
        from .truth import summarise

        return summarise(entities, transactions)

    def brief(self, entities, transactions) -> dict[str, str]:
        from .briefs import write_briefs

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
