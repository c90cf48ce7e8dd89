"""The network's money, month by month: wages passed on and taken out in cash (funnel), rent for
the crowded flat (housing), cash takings just below the threshold (structuring), the shells and
crypto-assets, prepaid cards paying for the ads, and remittances split among senders."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import places
from .values import CENT, money

if TYPE_CHECKING:
    from .builder import Builder
    from .network import Cast


def move_money(b: Builder, c: Cast):
    """Every month of the case: the transactions of the network, each with its red flags."""
    rng, d = b.rng, b.d
    a1, a2, o2, recipient = c.a1, c.a2, c.o2, c.recipient
    a1_acc, o1_acc, o2_acc, front_acc = c.a1_acc, c.o1_acc, c.o2_acc, c.front_acc
    recipient_acc, o1_wallet, recipient_wallet = c.recipient_acc, c.o1_wallet, c.recipient_wallet
    victims, shells, prepaid = c.victims, c.shells, c.prepaid
    w = b.words
    sub = d >= 3  # subtler references at the advanced level
    for m in range(b.months):
        payday = b.month_day(m, rng.randint(26, 28))
        total = Decimal(0)
        for _v, acc, client_acc in victims:
            wage = money(rng.uniform(880, 1350))
            t = b.when(payday, 9, rng.randint(0, 30))
            b.tx(t, client_acc, acc, wage, "transfer", f"{w['salary']} {m + 1:02d}", ["funnel"])
            passed = (wage * Decimal(rng.uniform(0.7, 0.85))).quantize(CENT)
            total += passed
            later = t + timedelta(hours=rng.randint(1, 5), minutes=rng.randint(0, 59))
            ref = (
                rng.choice(["Transfer", "Loan repayment", "Family", ""])
                if sub
                else rng.choice(["Transfer", "For Andrei", "Debt"])
            )
            b.tx(later, acc, a1_acc, passed, "transfer", ref, ["funnel", "third_party"], True)
            rent = money(
                rng.choice([150, 180, 200, 220, 250]) + (rng.uniform(-10, 10) if sub else 0)
            )
            b.tx(
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
                b.tx(
                    later + timedelta(hours=20),
                    acc,
                    b.main_atm,
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
            b.tx(
                b.when(payday + 1, 10 + k, rng.randint(0, 59)),
                a1_acc,
                b.main_atm,
                (out / parts).quantize(Decimal(10)),
                "cash_out",
                "ATM",
                ["funnel"],
                True,
            )
        # Cash takings paid in just below the threshold.
        for k in range(3 if d < 3 else 2):
            lo, hi = {1: (9500, 9950), 2: (9000, 9900), 3: (8300, 9700)}[d]
            b.tx(
                b.when(b.month_day(m, 3 + 9 * k + rng.randint(0, 5))),
                rng.choice(b.atms),
                front_acc,
                money(rng.uniform(lo, hi)),
                "cash_in",
                "Deposito" if not sub else "",
                ["structuring", "front_business"],
                True,
            )
        # Through the shells to crypto-assets and the organiser.
        for _shell, shell_acc in shells:
            amount = money(rng.uniform(4000, 12000))
            b.tx(
                b.when(b.month_day(m, rng.randint(5, 12))),
                front_acc,
                shell_acc,
                amount,
                "transfer",
                f"{w['invoice']} {rng.randint(100, 999)}/{b.start.year}"
                + ("" if sub else " consulting"),
                ["front_business"],
                True,
            )
            b.tx(
                b.when(b.month_day(m, rng.randint(13, 18))),
                shell_acc,
                b.exchange_acc,
                (amount * Decimal("0.4")).quantize(CENT),
                "transfer",
                "Services" if sub else "BTC purchase",
                ["crypto_prepaid"],
                True,
            )
            b.tx(
                b.when(b.month_day(m, rng.randint(19, 24))),
                shell_acc,
                o1_acc,
                (amount * Decimal("0.5")).quantize(CENT),
                "transfer",
                "Loan" if sub else "Dividend",
                ["front_business"],
                True,
            )
        b.tx(
            b.when(b.month_day(m, rng.randint(10, 20))),
            o1_acc,
            b.exchange_acc,
            money(rng.uniform(1500, 4000)),
            "transfer",
            "Top-up",
            ["crypto_prepaid"],
            True,
        )
        b.tx(
            b.when(b.month_day(m, rng.randint(21, 24))),
            b.exchange_wallet,
            o1_wallet,
            money(rng.uniform(1400, 3900)),
            "crypto",
            "",
            ["crypto_prepaid"],
            True,
        )
        b.tx(
            b.when(b.month_day(m, rng.randint(25, 29))),
            o1_wallet,
            recipient_wallet,
            money(rng.uniform(1000, 3000)),
            "crypto",
            "",
            ["crypto_prepaid", "remittances"],
            True,
        )
        # Prepaid cards topped up with cash, and paying for the ads.
        for card in prepaid:
            b.tx(
                b.when(b.month_day(m, rng.randint(0, 10))),
                rng.choice(b.atms),
                card,
                money(rng.choice([200, 250, 300, 400, 500])),
                "prepaid",
                "Top-up",
                ["crypto_prepaid"],
                True,
            )
            b.tx(
                b.when(b.month_day(m, rng.randint(11, 29))),
                card,
                b.ad_site_acc,
                money(rng.uniform(15, 60)),
                "card",
                "" if sub else "Premium listing",
                ["ad_payments"],
                True,
            )
        for _ in range(2):
            b.tx(
                b.when(b.month_day(m, rng.randint(0, 29))),
                o2_acc,
                b.ad_site_acc,
                money(rng.uniform(15, 60)),
                "card",
                "" if sub else "Boost ad 7 days",
                ["ad_payments"],
                True,
            )
        b.tx(
            b.when(b.month_day(m, rng.randint(0, 29))),
            front_acc,
            b.ad_site_acc,
            money(rng.uniform(40, 120)),
            "card",
            "Advertising",
            ["ad_payments"],
            True,
        )
        # Remittances to the country of recruitment, split among senders under the
        # money-transfer service's identification limit.
        for sender in (a1, a2, o2):
            for _ in range(1 if sub else 2):
                b.tx(
                    b.when(b.month_day(m, rng.randint(0, 29))),
                    sender,
                    recipient,
                    money(rng.uniform(300, 950)),
                    "mto",
                    rng.choice(places.MTO),
                    ["remittances"],
                    True,
                )
        b.tx(
            b.when(b.month_day(m, rng.randint(0, 29))),
            recipient,
            recipient_acc,
            money(rng.uniform(800, 2500)),
            "cash_in",
            "",
            ["remittances"],
            True,
        )
