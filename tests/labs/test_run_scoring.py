"""Scoring against the hand-made ground truth of tests/labs/world.py, every figure worked out
by hand below from the tables in world.py."""

from decimal import Decimal

import pytest

from crossborder.labs.flagging import FlagRequest, add_flags, submission_of
from crossborder.labs.models import Entity, Transaction
from crossborder.labs.running.scoring import score
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db

# The truth of world.py, counted by hand:
# - truly suspicious entities: the 10 with role "network" (PER-001, PER-002, PER-006,
#   COM-001, ACC-001, ACC-002, PHO-001, AD-001, AD-002, PHT-001); no other entity has flags.
# - truly suspicious transactions: TRX-0001..0006 and TRX-0009 (truth_network) = 7.
#   => 17 suspicious items.
# - items carrying each category:
#   third_party 1 (PER-001); funnel 6 (PER-002, ACC-002, TRX-0001, 0002, 0003, 0004);
#   front_business 2 (COM-001, ACC-001); shared_details 4 (PHO-001, AD-001, AD-002, PHT-001);
#   remittances 2 (PER-006, TRX-0006); structuring 1 (TRX-0005); ad_payments 1 (TRX-0009);
#   crypto_prepaid 0; housing 0.
# - network by kind: person 3, company 1, account 2, phone 1, ad 2, photo 1 = 10.
# - proceeds: 3 × 850 + 2500 + 9800 + 1900 + 60 = 16,810.00.
FLAGS = [
    ("PER-001", "third_party", 3),  # network, carries third_party: right, right category
    ("ACC-002", "funnel", 3),  # network, carries funnel: right, right category
    ("AD-001", "ad_payments", 2),  # network, carries shared_details: right, wrong category
    ("PER-004", "front_business", 1),  # look-alike: wrong
    ("TRX-0005", "structuring", 2),  # carries structuring: right, right category
    ("TRX-0010", "structuring", 2),  # innocent deposit: wrong
    ("TRX-0001", "funnel", 1),  # carries funnel: right, right category
]


@pytest.fixture
def world(participant):
    lab, groups = make_lab_world(participant=participant)
    return lab, groups[0], participant


def flag(world, flags):
    lab, group, person = world
    add_flags(
        lab=lab,
        group=group,
        by=person,
        requests=[FlagRequest(k, c, n) for k, c, n in flags],
    )
    return submission_of(lab, user=person, group=group)


def test_overall_precision_and_recall_by_hand(world):
    s = score(flag(world, FLAGS))
    # 7 flags, 5 on suspicious items (PER-001, ACC-002, AD-001, TRX-0005, TRX-0001).
    assert s["overall"]["flags"] == 7
    assert s["overall"]["correct"] == 5
    assert s["overall"]["items"] == 17
    assert s["overall"]["precision"] == 0.7143  # 5 / 7
    assert s["overall"]["recall"] == 0.2941  # 5 / 17
    # confidences 3+3+2+1+2+2+1 = 14; on right items 3+3+2+2+1 = 11; 11 / 14 = 0.7857
    assert s["overall"]["weighted_precision"] == 0.7857


def test_precision_and_recall_per_category_by_hand(world):
    c = score(flag(world, FLAGS))["categories"]
    # third_party: 1 flag (PER-001), right; 1 item carries it.
    assert c["third_party"] == {
        "flags": 1, "correct": 1, "items": 1, "precision": 1.0, "recall": 1.0
    }  # fmt: skip
    # funnel: 2 flags (ACC-002, TRX-0001), both right; 6 items carry it: recall 2/6.
    assert c["funnel"] == {
        "flags": 2, "correct": 2, "items": 6, "precision": 1.0, "recall": 0.3333
    }  # fmt: skip
    # ad_payments: AD-001 is suspicious but carries shared_details, not ad_payments: 0/1;
    # the one item carrying it (TRX-0009) was not flagged: recall 0/1.
    assert c["ad_payments"] == {
        "flags": 1, "correct": 0, "items": 1, "precision": 0.0, "recall": 0.0
    }  # fmt: skip
    # front_business: PER-004 (look-alike) wrong; 2 items carry it: 0/1 and 0/2.
    assert c["front_business"] == {
        "flags": 1, "correct": 0, "items": 2, "precision": 0.0, "recall": 0.0
    }  # fmt: skip
    # structuring: TRX-0005 right, TRX-0010 wrong: precision 1/2; the 1 item found: 1/1.
    assert c["structuring"] == {
        "flags": 2, "correct": 1, "items": 1, "precision": 0.5, "recall": 1.0
    }  # fmt: skip
    # shared_details: no flag of that category (precision undefined), 4 items: 0/4.
    assert c["shared_details"] == {
        "flags": 0, "correct": 0, "items": 4, "precision": None, "recall": 0.0
    }  # fmt: skip
    assert c["remittances"]["items"] == 2 and c["remittances"]["recall"] == 0.0
    # nothing carries crypto_prepaid or housing: both ratios undefined.
    assert c["crypto_prepaid"] == {
        "flags": 0, "correct": 0, "items": 0, "precision": None, "recall": None
    }  # fmt: skip
    assert c["housing"]["recall"] is None


def test_network_found_by_kind_by_hand(world):
    n = score(flag(world, FLAGS))["network"]
    # PER-001, ACC-002, AD-001 of the 10 network entities.
    assert (n["found"], n["total"], n["share"]) == (3, 10, 0.3)
    assert n["keys"] == ["ACC-002", "AD-001", "PER-001"]
    assert n["by_kind"] == {
        "account": {"found": 1, "total": 2},
        "ad": {"found": 1, "total": 2},
        "company": {"found": 0, "total": 1},
        "person": {"found": 1, "total": 3},
        "phone": {"found": 0, "total": 1},
        "photo": {"found": 0, "total": 1},
    }


def test_money_traced_by_hand(world):
    m = score(flag(world, FLAGS))["money"]
    # Flagged network transactions: TRX-0005 (9,800) and TRX-0001 (850).
    # Paid from or to the flagged network account ACC-002: TRX-0001, 0002, 0003 (3 × 850) in,
    # TRX-0004 (2,500) out. PER-001 and AD-001 move no money. Each counted once:
    # 2,550 + 2,500 + 9,800 = 14,850; 14,850 / 16,810 = 0.88340...
    assert m == {"traced": "14850.00", "proceeds": "16810.00", "share": 0.8834}


def test_finding_the_front_business_account_traces_what_went_through_it(world):
    m = score(flag(world, [("ACC-001", "front_business", 2), ("ACC-003", "funnel", 1)]))["money"]
    # ACC-001 pays TRX-0001..0003 (2,550) and TRX-0009 (60), receives TRX-0005 (9,800):
    # 12,410 / 16,810 = 0.73825... The look-alike ACC-003 traces nothing (TRX-0007, 0010 are
    # not network money).
    assert m == {"traced": "12410.00", "proceeds": "16810.00", "share": 0.7383}


def test_a_perfect_submission_scores_one_everywhere(world):
    lab = world[0]
    perfect = [(e.key, e.truth_flags[0], 3) for e in Entity.objects.filter(lab=lab)
               if e.truth_flags]  # fmt: skip
    perfect += [(t.key, t.truth_flags[0], 3) for t in Transaction.objects.filter(lab=lab)
                if t.truth_flags]  # fmt: skip
    s = score(flag(world, perfect))
    assert (s["overall"]["precision"], s["overall"]["recall"]) == (1.0, 1.0)
    assert s["network"]["share"] == 1.0
    assert s["money"]["share"] == 1.0
    for category in ("third_party", "funnel", "front_business", "shared_details", "structuring"):
        assert s["categories"][category]["recall"] == 1.0


def test_scoring_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    submission = flag(world, FLAGS[:2])
    with django_assert_max_num_queries(4):
        score(submission)
    lab, group, person = world
    add_flags(lab=lab, group=group, by=person, requests=[FlagRequest(k, c, n) for k, c, n in
                                                          FLAGS[2:]])  # fmt: skip
    with django_assert_max_num_queries(4):
        assert score(submission)["overall"]["flags"] == 7


def test_amounts_are_exact_decimals(world):
    m = score(flag(world, [("TRX-0009", "ad_payments", 1)]))["money"]
    assert Decimal(m["traced"]) == Decimal("60.00")
