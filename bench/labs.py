"""Investigation lab benchmark: generate and store a case of 5,000 transactions (about 1,500
entities), regenerate it with another seed, and export it as CSV (ZIP) and GraphML.
Target (issue 15): generation of that dataset under 10 s.

Runs against DATABASE_URL (PostgreSQL under scripts/with-postgres.sh) or, without it, a fresh
SQLite file:
    .venv/bin/python bench/labs.py
    scripts/with-postgres.sh .venv/bin/python bench/labs.py
Prints one JSON document (its last line): seconds, the median of a few runs after the first.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossborder.settings")
os.environ.setdefault("SECRET_KEY", "bench-labs-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-labs-')}/labs.db"

TRANSACTIONS = 5000
RUNS = 3


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    value = function()
    return round(time.perf_counter() - start, 3), value


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--noinput", verbosity=0)
    from crossborder.labs.generating import exporting
    from crossborder.labs.generating.generator import generate_case
    from crossborder.labs.generating.storing import generate_lab
    from crossborder.labs.models import Lab
    from crossborder.learning.models import Module

    module = Module.objects.create(slug="bench-labs", title="Bench", level="registered")
    lab = Lab.objects.create(
        title="Bench", module=module, seed=1, difficulty=2, transactions_wanted=TRANSACTIONS
    )
    case_seconds = [timed(lambda s=s: generate_case(s, 2, TRANSACTIONS))[0] for s in range(RUNS)]
    first, _ = timed(lambda: generate_lab(lab))
    assert lab.generation == Lab.Generation.DONE, lab.generation_error
    regenerate = []
    for seed in range(2, 2 + RUNS):
        lab.seed = seed
        lab.save(update_fields=["seed"])
        regenerate.append(timed(lambda: generate_lab(lab))[0])
    csv_seconds = [timed(lambda: exporting.csv_zip(lab, truth=True))[0] for _ in range(RUNS)]
    graphml_seconds = [timed(lambda: exporting.graphml(lab, truth=True))[0] for _ in range(RUNS)]
    result = {
        "database": connection.vendor,
        "transactions": lab.transactions.count(),
        "entities": lab.entities.count(),
        "links": lab.links.count(),
        "generate_in_memory_s": statistics.median(case_seconds),
        "generate_and_store_first_s": first,
        "regenerate_s": statistics.median(regenerate),
        "csv_zip_s": statistics.median(csv_seconds),
        "csv_zip_bytes": len(exporting.csv_zip(lab, truth=False)),
        "graphml_s": statistics.median(graphml_seconds),
        "graphml_bytes": len(exporting.graphml(lab, truth=False)),
        "target": "generation of 5,000 transactions / ~1,500 entities under 10 s",
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
