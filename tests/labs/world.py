"""A small hand-made lab for tests: a seminar's workshop slot with groups, and a dataset of
17 entities and 10 transactions whose ground truth is written out below, so that scores can
be worked out by hand.

The hidden network: Petrov (organiser) directs "Sparkle Facility Services" (a cleaning
agency without payroll) and holds its account; his phone is the contact of two ads that use
the same photo; the agency's account pays three workers' wages into one account held by
Petrov's associate Ilieva (a funnel), from which cash is withdrawn just below the threshold
and sent to the country of recruitment. Look-alike: Novak, who runs a real cleaning company
with payroll, and a diaspora worker sending money home once a month.
"""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from crossborder.labs.models import Entity, Lab, Link, Transaction
from crossborder.workshops.models import Group, Workshop
from tests.factories import make_call, make_seminar, make_speaker
from tests.workshops.test_jit_pages import make_member

# key: (kind, name, country, details, truth_role, truth_flags)
ENTITIES = {
    "PER-001": ("person", "Dimitar Petrov", "BG", {"born": 1979}, "network", ["third_party"]),
    "PER-002": ("person", "Elena Ilieva", "BG", {"born": 1988}, "network", ["funnel"]),
    "PER-003": ("person", "Maria Popa", "RO", {"born": 2001}, "victim", []),
    "PER-004": ("person", "Jan Novak", "CZ", {"born": 1970}, "lookalike", []),
    "PER-005": ("person", "Ana Sousa", "PT", {"born": 1995}, "background", []),
    "COM-001": (
        "company",
        "Sparkle Facility Services",
        "PT",
        {"sector": "cleaning", "employees_declared": 2},
        "network",
        ["front_business"],
    ),
    "COM-002": (
        "company",
        "Novak Cleaning Lda",
        "PT",
        {"sector": "cleaning", "employees_declared": 14},
        "lookalike",
        [],
    ),
    "ACC-001": (
        "account",
        "PT50 0002 0123 1234 5678 9015 4",
        "PT",
        {"bank": "Banco Atlântico"},
        "network",
        ["front_business"],
    ),
    "ACC-002": (
        "account",
        "PT50 0002 0123 9876 5432 1015 4",
        "PT",
        {"bank": "Banco Atlântico"},
        "network",
        ["funnel"],
    ),
    "ACC-003": (
        "account",
        "PT50 0035 0001 0000 1111 2222 3",
        "PT",
        {"bank": "Caixa Norte"},
        "lookalike",
        [],
    ),
    "ACC-004": (
        "account",
        "PT50 0035 0001 0000 3333 4444 5",
        "PT",
        {"bank": "Caixa Norte"},
        "background",
        [],
    ),
    "PHO-001": (
        "phone",
        "+351 912 000 111",
        "PT",
        {"operator": "Lumo"},
        "network",
        ["shared_details"],
    ),
    "AD-001": (
        "ad",
        "Relaxing massage, new girls",
        "PT",
        {"site": "classificados.example", "photo": "a1b2"},
        "network",
        ["shared_details"],
    ),
    "AD-002": (
        "ad",
        "Massagem 24h",
        "PT",
        {"site": "classificados.example", "photo": "a1b2"},
        "network",
        ["shared_details"],
    ),
    "PHT-001": ("photo", "a1b2c3d4", "", {}, "network", ["shared_details"]),
    "CSH-001": (
        "cash_point",
        "ATM Rua Augusta",
        "PT",
        {"bank": "Banco Atlântico"},
        "background",
        [],
    ),
    "PER-006": ("person", "Ion Rusu", "MD", {"born": 1975}, "network", ["remittances"]),
}

LINKS = [
    ("PER-001", "COM-001", "directs"),
    ("COM-001", "ACC-001", "holds"),
    ("PER-002", "ACC-002", "holds"),
    ("PER-001", "PHO-001", "uses"),
    ("PHO-001", "AD-001", "contact"),
    ("PHO-001", "AD-002", "contact"),
    ("PHT-001", "AD-001", "shows"),
    ("PHT-001", "AD-002", "shows"),
    ("PER-003", "COM-001", "employed"),
    ("PER-004", "COM-002", "directs"),
    ("COM-002", "ACC-003", "holds"),
    ("PER-005", "ACC-004", "holds"),
]

# key: (day, source, target, amount, channel, reference, truth_flags, truth_network)
TRANSACTIONS = {
    "TRX-0001": (3, "ACC-001", "ACC-002", "850.00", "transfer", "Salario Popa", ["funnel"], True),
    "TRX-0002": (3, "ACC-001", "ACC-002", "850.00", "transfer", "Salario Lima", ["funnel"], True),
    "TRX-0003": (3, "ACC-001", "ACC-002", "850.00", "transfer", "Salario Dinu", ["funnel"], True),
    "TRX-0004": (4, "ACC-002", "CSH-001", "2500.00", "cash_out", "ATM", ["funnel"], True),
    "TRX-0005": (5, "CSH-001", "ACC-001", "9800.00", "cash_in", "Deposito", ["structuring"], True),
    "TRX-0006": (6, "PER-002", "PER-006", "1900.00", "mto", "Family", ["remittances"], True),
    "TRX-0007": (6, "ACC-003", "ACC-004", "1200.00", "transfer", "Salario", [], False),
    "TRX-0008": (7, "ACC-004", "ACC-003", "45.00", "card", "Limpeza", [], False),
    "TRX-0009": (8, "ACC-001", "ACC-004", "60.00", "card", "Anuncio", ["ad_payments"], True),
    "TRX-0010": (9, "ACC-003", "CSH-001", "12500.00", "cash_in", "Deposito", [], False),
}


def make_lab_dataset(lab):
    """Store the hand-made dataset above in `lab`; returns {key: Entity}."""
    entities = {
        key: Entity.objects.create(
            lab=lab,
            key=key,
            kind=kind,
            name=name,
            country=country,
            details=details,
            truth_role=role,
            truth_flags=flags,
        )
        for key, (kind, name, country, details, role, flags) in ENTITIES.items()
    }
    for source, target, kind in LINKS:
        Link.objects.create(lab=lab, source=entities[source], target=entities[target], kind=kind)
    for key, (day, source, target, amount, channel, ref, flags, network) in TRANSACTIONS.items():
        Transaction.objects.create(
            lab=lab,
            key=key,
            source=entities[source],
            target=entities[target],
            at=timezone.make_aware(datetime(2026, 3, day, 10, 30)),
            amount=Decimal(amount),
            channel=channel,
            reference=ref,
            truth_flags=flags,
            truth_network=network,
        )
    lab.lead = entities["ACC-002"]
    lab.generated_at = timezone.now()
    lab.save(update_fields=["lead", "generated_at"])
    return entities


def make_lab_world(*, groups=3, status="open", participant=None, trainer=None, slug="lab-lisbon"):
    """A seminar whose first workshop slot works on a lab with `groups` groups of one member
    each (the `participant` in group 1 when given); `trainer` trains every group. Returns
    (lab, groups)."""
    seminar = make_seminar(slug)
    call = make_call(seminar)
    session = seminar.sessions.filter(kind="workshop").order_by("track").first()
    workshop = Workshop.objects.create(seminar=seminar, start=session.start)
    speaker = None
    if trainer is not None:
        speaker = make_speaker(f"{slug}-trainer", trainer.get_full_name(), user=trainer)
    made = []
    for number in range(1, groups + 1):
        group = Group.objects.create(
            workshop=workshop, number=number, trainer=speaker, session=session, language="en"
        )
        make_member(call, group, participant if number == 1 and participant else None)
        made.append(group)
    lab = Lab.objects.create(
        title="Follow the money: Sparkle Facility Services",
        workshop=workshop,
        seed=7,
        difficulty=1,
        transactions_wanted=10,
        status=status,
        opened_at=timezone.now() if status != "prepared" else None,
    )
    make_lab_dataset(lab)
    return lab, made
