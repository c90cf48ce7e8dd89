"""Where the indicator set spends its time (PostgreSQL): each section's wall time, the time its
queries took in the database (timed around each execute with `connection.execute_wrapper`) and
the rest (Python), the slowest queries, and optionally their plans and a cProfile of the Python.

Run against a database that holds the synthetic programme of bench/indicators.py (built there
with --reuse on a server you keep):
    DATABASE_URL=postgres://…/bench100k .venv/bin/python bench/indicators_profile.py \\
        [--explain] [--cprofile 25]
Prints a plain-text report.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossborder.settings")
os.environ.setdefault("SECRET_KEY", "bench-indicators-only")


class QueryTimer:
    """An execute wrapper that records (seconds, sql, params) of every query."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - start, sql, params))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest")
    parser.add_argument("--slowest", type=int, default=6, help="queries listed")
    parser.add_argument("--cprofile", type=int, default=0, help="lines of cProfile per section")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from crossborder.evaluation.reports import indicators
    from crossborder.evaluation.reports.scope import Scope
    from crossborder.evaluation.reports.suppression import suppress
    from crossborder.seminars.models import Programme

    programme = Programme.objects.get(slug="bench-indicators")
    scope = Scope(programme=programme)
    indicators.indicator_set(scope)  # warm-up: caches, imports, the database's buffers
    everything = []
    total_wall = total_sql = 0.0
    print(f"{'section':<14}{'wall s':>9}{'sql s':>9}{'python s':>10}{'queries':>9}")
    for _order, key, function in indicators._REGISTRY:
        timer = QueryTimer()
        profiler = cProfile.Profile() if args.cprofile else None
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            function(scope)
            if profiler:
                profiler.disable()
            wall = time.perf_counter() - start
        sql = sum(q[0] for q in timer.queries)
        total_wall, total_sql = total_wall + wall, total_sql + sql
        print(f"{key:<14}{wall:>9.3f}{sql:>9.3f}{wall - sql:>10.3f}{len(timer.queries):>9}")
        everything += [(s, key, q, p) for s, q, p in timer.queries]
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.cprofile)
            print(out.getvalue())
    print(f"{'all':<14}{total_wall:>9.3f}{total_sql:>9.3f}{total_wall - total_sql:>10.3f}")
    full = indicators.indicator_set(scope)
    start = time.perf_counter()
    suppress(full)
    print(f"suppression of the finished set: {time.perf_counter() - start:.3f} s")
    print("\nslowest queries:")
    for seconds, key, sql, params in sorted(everything, key=lambda e: -e[0])[: args.slowest]:
        print(f"\n{seconds:.3f} s [{key}] {sql[:1500]}")
        if args.explain:
            with connection.cursor() as cursor:
                # not an ORM statement: the plan of a query the ORM wrote, as the database ran it
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                print("\n".join("    " + row[0] for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
