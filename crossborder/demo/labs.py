"""Demo: the investigation lab.

- Lisbon ("Follow the money"), first afternoon's workshop slot: a lab of 2,500 transactions
  that every group worked on, submitted and was scored on; the trainer closed it and revealed
  the hidden network, so the trainer's comparison and the reveal on the graph have real data.
- Self-study in the module "Money I: financial intelligence": an open, smaller lab that any
  learner can try (nobody has submitted yet).
"""

import datetime as dt
import random
from datetime import timedelta

from crossborder.accounts.models import User
from crossborder.labs.exploring.layout import lay_out
from crossborder.labs.generating.storing import generate_lab
from crossborder.labs.models import Lab, Submission
from crossborder.labs.running.services import (
    close_lab,
    open_lab,
    rehearse_submissions,
    reveal_lab,
)
from crossborder.learning.models import Module
from crossborder.seminars.models import Seminar
from crossborder.workshops.models import Workshop

MANAGER = "manager@example.org"
LISBON = "lisbon-2026-follow-the-money"
LISBON_SLOT = (1, dt.time(14, 0))  # day 1, 14:00: "Follow the money 1A/1B/1C"
SELF_STUDY_MODULE = "financial-intelligence"
# Share of the truly suspicious items each group found, group by group (then repeated):
# one strong group, one good, one that flagged too little and too loosely.
SHARES = (0.85, 0.65, 0.35)
# A group flags the accounts, people and companies it suspects and a few telling payments.
MAX_TRANSACTIONS = 20

LISBON_TITLE = {
    "title": "Follow the money: the cleaning agency",
    "title_fr": "Suivre l'argent : l'agence de nettoyage",
    "title_de": "Dem Geld folgen: die Reinigungsfirma",
}
SELF_STUDY_TITLE = {
    "title": "Self-study: trace a funnel account",
    "title_fr": "Autoformation : remonter un compte collecteur",
    "title_de": "Selbststudium: ein Sammelkonto zurückverfolgen",
}


def _generated(lab: Lab) -> Lab:
    generate_lab(lab)
    lay_out(lab)
    return lab


def _lisbon(manager) -> int:
    seminar = Seminar.objects.filter(slug=LISBON).first()
    if seminar is None:
        return 0
    day, clock = LISBON_SLOT
    start = seminar.local_datetime(seminar.days[day - 1], clock)
    workshop = Workshop.objects.filter(seminar=seminar, start=start).first()
    if workshop is None or not workshop.groups.exists():
        return 0
    if Lab.objects.filter(workshop=workshop).exists():
        return 0
    lab = Lab.objects.create(
        workshop=workshop,
        seed=20260318,
        difficulty=Lab.Difficulty.STANDARD,
        transactions_wanted=2500,
        created_by=manager,
        created_at=start - timedelta(days=5),
        **LISBON_TITLE,
    )
    _generated(lab)
    open_lab(lab=lab, by=manager)
    groups = list(workshop.groups.order_by("number"))
    shares = {g: SHARES[i % len(SHARES)] for i, g in enumerate(groups)}
    rehearse_submissions(
        lab=lab,
        shares=shares,
        rng=random.Random(lab.seed),
        by=manager,
        max_transactions=MAX_TRANSACTIONS,
    )
    close_lab(lab=lab, by=manager)
    reveal_lab(lab=lab, by=manager)
    # The workshop took place in the afternoon of the seminar's first day.
    Lab.objects.filter(pk=lab.pk).update(
        opened_at=start + timedelta(minutes=10),
        closed_at=start + timedelta(minutes=95),
        revealed_at=start + timedelta(minutes=100),
    )
    for i, submission in enumerate(Submission.objects.filter(lab=lab).order_by("pk")):
        Submission.objects.filter(pk=submission.pk).update(
            submitted_at=start + timedelta(minutes=80 + 3 * i)
        )
    return len(groups)


def _self_study(manager) -> int:
    module = Module.objects.filter(slug=SELF_STUDY_MODULE).first()
    if module is None or Lab.objects.filter(module=module).exists():
        return 0
    lab = Lab.objects.create(
        module=module,
        seed=20261104,
        difficulty=Lab.Difficulty.EASY,
        transactions_wanted=1200,
        created_by=manager,
        **SELF_STUDY_TITLE,
    )
    _generated(lab)
    open_lab(lab=lab, by=manager)
    return 1


def seed_labs() -> dict:
    manager = User.objects.filter(email=MANAGER).first()
    if manager is None:
        return {"groups": 0, "self_study": 0}
    return {"groups": _lisbon(manager), "self_study": _self_study(manager)}
