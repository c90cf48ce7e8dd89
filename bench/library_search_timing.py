"""In-process timings of library search (no HTTP): grows the library to 10,000 entries if it is
smaller, then times search() for common and rare queries. Run inside Django, e.g.

    python manage.py shell -c "from bench.library_search_timing import main; main()"
"""

import statistics
import time

COMMON = ["trafficking", "victim", "investig", "", "eurojust", "financial investigation"]
RARE = ["sexual exploitation children", "2011/36", "zebrafishology servitude"]
QUERIES = COMMON + RARE


def main(runs: int = 15, levels=frozenset({"public", "registered"})) -> None:
    from crossborder.library import search
    from crossborder.library.models import Entry

    if Entry.objects.count() < 10_000:
        from bench.library_bulk import grow_library
        from crossborder.learning.content import load_modules
        from crossborder.library.content import load_library

        load_modules()
        load_library()
        grow_library(10_000)
    for q in QUERIES:
        total = search.search(q=q, levels=levels).total  # warm
        wall = []
        for _ in range(runs):
            start = time.perf_counter()
            search.search(q=q, levels=levels)
            wall.append((time.perf_counter() - start) * 1000)
        wall.sort()
        p95 = wall[min(len(wall) - 1, round(0.95 * (len(wall) - 1)))]
        print(
            f"{q!r:32} matches={total:5} p50={statistics.median(wall):6.1f} ms"
            f" p95={p95:6.1f} ms max={wall[-1]:6.1f} ms"
        )
