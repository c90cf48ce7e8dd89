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

The package: `values.py` (parameters, the plain records of a case, money and IBANs),
`builder.py` (the `Builder` that makes entities, links and transactions, and finishes the
case), and one module per part of the story: `network.py` (the hidden network and its ads),
`flows.py` (its money, month by month), `lookalikes.py` (the innocent look-alikes) and
`background.py` (everyone else).
"""

from .builder import Builder
from .values import (
    CURRENCY,
    DIFFICULTIES,
    MAX_TRANSACTIONS,
    MIN_TRANSACTIONS,
    SEED_MAX,
    THRESHOLD,
    Case,
    GenerationError,
    check_parameters,
    iban_is_valid,
)

__all__ = [
    "CURRENCY",
    "DIFFICULTIES",
    "MAX_TRANSACTIONS",
    "MIN_TRANSACTIONS",
    "SEED_MAX",
    "THRESHOLD",
    "Case",
    "GenerationError",
    "check_parameters",
    "generate_case",
    "iban_is_valid",
]


def generate_case(seed: int, difficulty: int, transactions: int) -> Case:
    """The case for these parameters; the same parameters always give the same case."""
    check_parameters(seed, difficulty, transactions)
    return Builder(seed, difficulty, transactions).build()
