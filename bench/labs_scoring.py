"""Lab scoring benchmark (issue 15): scoring a submission of 200 flags in a lab of 1,500
entities and 5,000 transactions, against the budget of 200 ms.

Run alone (SQLite in a temporary file by default, or the database of DATABASE_URL, e.g.
`scripts/with-postgres.sh .venv/bin/python bench/labs_scoring.py`):
    .venv/bin/python bench/labs_scoring.py
Prints one JSON document (its last line): the median of 7 runs after one warm-up, the
slowest run, and the number of queries of one scoring.
"""

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-labs-')}/db.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossborder.settings")
os.environ.setdefault("SECRET_KEY", "bench-labs-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

ENTITIES = 1500
TRANSACTIONS = 5000
FLAGS = 200
RUNS = 7


def build(rng: random.Random):
    """A lab with a network of 120 entities and 600 network transactions among background."""
    from django.contrib.auth import get_user_model

    from crossborder.labs.models import Entity, Flag, Lab, Submission, Transaction
    from crossborder.labs.redflags import Category
    from crossborder.learning.models import Module

    module = Module.objects.create(slug="bench-labs", title="Bench", level="public")
    lab = Lab.objects.create(title="Bench", module=module, seed=1, status="open")
    kinds = [k for k, _ in Entity.Kind.choices]
    categories = Category.values
    entities = []
    for n in range(ENTITIES):
        network = n < 120
        lookalike = 120 <= n < 240
        entities.append(
            Entity(
                lab=lab,
                key=f"ENT-{n:04d}",
                kind=kinds[n % len(kinds)],
                name=f"Entity {n}",
                truth_role="network" if network else "lookalike" if lookalike else "background",
                truth_flags=rng.sample(categories, rng.randint(1, 2)) if network else [],
            )
        )
    entities = Entity.objects.bulk_create(entities, batch_size=500)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    transactions = []
    for n in range(TRANSACTIONS):
        network = n < 600
        pool = entities[:120] if network else entities
        source, target = rng.sample(pool, 2)
        transactions.append(
            Transaction(
                lab=lab,
                key=f"TRX-{n:05d}",
                at=start + timedelta(hours=n),
                source=source,
                target=target,
                amount=Decimal(rng.randint(1000, 990000)) / 100,
                channel="transfer",
                truth_flags=[rng.choice(categories)] if network and n % 2 else [],
                truth_network=network,
            )
        )
    transactions = Transaction.objects.bulk_create(transactions, batch_size=500)
    user = get_user_model().objects.create(email="bench-labs@example.org")
    submission = Submission.objects.create(lab=lab, user=user)
    items = rng.sample(entities, FLAGS // 2) + rng.sample(transactions, FLAGS // 2)
    Flag.objects.bulk_create(
        [
            Flag(
                submission=submission,
                entity=item if isinstance(item, Entity) else None,
                transaction=item if isinstance(item, Transaction) else None,
                category=rng.choice(categories),
                confidence=rng.randint(1, 3),
            )
            for item in items
        ]
    )
    return submission


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from crossborder.labs.running.scoring import score

    call_command("migrate", "--noinput", verbosity=0)
    submission = build(random.Random(15))
    score(submission)  # warm-up
    times = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        result = score(submission)
        times.append(time.perf_counter() - begin)
    with CaptureQueriesContext(connection) as queries:
        score(submission)
    print(
        json.dumps(
            {
                "what": "scoring.score of one submission",
                "database": connection.vendor,
                "entities": ENTITIES,
                "transactions": TRANSACTIONS,
                "flags": FLAGS,
                "median_ms": round(statistics.median(times) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1),
                "queries": len(queries),
                "budget_ms": 200,
                "precision": result["overall"]["precision"],
                "recall": result["overall"]["recall"],
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
