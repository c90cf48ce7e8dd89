"""The parameters of a generated case, its plain records (entities, links, transactions, the
case itself), and the money and IBAN helpers every part of the story uses. Pure Python."""

import random
import string
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .. import places

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


def money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def iban(country: str, bank_code: str, rng: random.Random) -> str:
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
