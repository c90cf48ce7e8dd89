"""Grow the library to N entries with synthetic ones for `make bench` (the real ones stay).

Synthetic entries reuse the vocabulary of the real library (word for word, in proportion to how
often each word occurs), so common words match thousands of entries and rare ones a few, as in a
large real collection. Run inside Django: `python manage.py shell -c "..."` via bench/run.py.
"""

import random
import re

from django.db import connection, transaction

from crossborder.curriculum.models import Tag
from crossborder.library import search
from crossborder.library.models import Citation, Entry

KINDS = ["instrument", "tool", "case", "indicators", "practice", "guidance"]
PROFESSIONS = [
    "judge",
    "prosecutor",
    "law_enforcement",
    "financial_compliance",
    "labour_inspector",
    "civil_society",
    "other_authority",
]
COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]


@transaction.atomic
def grow_library(total: int = 10_000, seed: int = 7) -> int:
    rng = random.Random(seed)
    real = list(Entry.objects.all())
    words = [w for e in real for w in re.findall(r"[A-Za-z][a-z]{2,}", e.body)]
    titles = [w for e in real for w in re.findall(r"[A-Za-z][a-z]{3,}", e.title)]
    tags = {t.code: t for t in Tag.objects.all()}
    missing = total - Entry.objects.count()
    entries = []
    for i in range(missing):
        kind = rng.choice(KINDS)
        title = " ".join(rng.choices(titles, k=rng.randint(4, 9))).capitalize()
        body = " ".join(rng.choices(words, k=rng.randint(120, 320)))
        entries.append(
            Entry(
                slug=f"synthetic-{i:05d}",
                kind=kind,
                title=f"{title} ({i})",
                summary=" ".join(rng.choices(words, k=30)).capitalize() + ".",
                body=body,
                access=rng.choices(["public", "registered", "restricted"], [6, 3, 1])[0],
                professions=rng.sample(PROFESSIONS, rng.randint(1, 3)),
                countries=[rng.choice(COUNTRIES)] if kind == "practice" else [],
                citations=[f"{2000 + i % 25}/{1000 + i}"] if kind == "instrument" else [],
                sources=[{"title": "Synthetic entry for the benchmark"}],
                details={},
            )
        )
    Entry.objects.bulk_create(entries, batch_size=1000)
    created = list(Entry.objects.filter(slug__in=[e.slug for e in entries]))
    links, citations = [], []
    through = Entry.tags.through
    for entry in created:
        codes = [rng.choice("ABC"), *rng.sample(["S", "L", "O"], rng.randint(1, 2))]
        if rng.random() < 0.3:
            codes.append(rng.choice(["cyber", "children", "gender", "victim"]))
        links += [through(entry_id=entry.pk, tag_id=tags[c].pk) for c in codes]
        citations += [Citation(entry=entry, key=search.citation_key(c)) for c in entry.citations]
    through.objects.bulk_create(links, batch_size=5000)
    Citation.objects.bulk_create(citations, batch_size=5000)
    search.index_entries(created)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    return len(created)


def cold_words(n: int, seed: int = 11) -> list[str]:
    """n distinct words of the library's own vocabulary, in random order, for searches that
    meet each word for the first time."""
    rng = random.Random(seed)
    vocabulary = sorted(
        {
            w.lower()
            for e in Entry.objects.filter(slug__startswith="synthetic-")[:500]
            for w in re.findall(r"[A-Za-z]{5,}", e.body)
        }
    )
    rng.shuffle(vocabulary)
    return vocabulary[:n]
