"""Ratings of sessions and speakers: `group_ratings` counts the points with one `GROUP BY`
(session or speaker, point), and `Rating` turns those few rows into a mean, n and distribution,
weakest first."""

from dataclasses import dataclass, field

from django.db.models import Count

from crossborder.seminars.models import Session, Speaker

WEAK_BELOW = 3.5  # a mean rating under this (of 5) is shown as weak
POINTS = (1, 2, 3, 4, 5)


@dataclass
class Rating:
    """The ratings of one session or speaker (or one question): how many gave each point."""

    label: str
    counts: dict = field(default_factory=dict)  # point -> number of people
    seminar: str = ""
    key: int | None = None

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> float | None:
        return sum(p * c for p, c in self.counts.items()) / self.n if self.n else None

    @property
    def weak(self) -> bool:
        return self.mean is not None and self.mean < WEAK_BELOW

    def distribution(self) -> list[tuple[int, int, float]]:
        """(point, count, share of n) for the five points, in order."""
        n = self.n or 1
        return [(p, self.counts.get(p, 0), self.counts.get(p, 0) / n) for p in POINTS]

    def as_dict(self) -> dict:
        return {
            "id": self.key,
            "label": self.label,
            "seminar": self.seminar,
            "mean": None if self.mean is None else round(self.mean, 2),
            "n": self.n,
            "distribution": {str(p): self.counts.get(p, 0) for p in POINTS},
        }


def group_ratings(answers, by: str, labels: dict, seminars: dict | None = None) -> list[Rating]:
    """Ratings grouped by session or speaker id, weakest first (ties: most answers first)."""
    ratings: dict[int, Rating] = {}
    rows = answers.filter(**{f"{by}__isnull": False}).values_list(by, "choice")
    for key, point, n in rows.annotate(n=Count("id")).order_by():
        if key not in labels:
            continue
        r = ratings.setdefault(key, Rating(labels[key], seminar=(seminars or {}).get(key, "")))
        r.key = key
        r.counts[point] = r.counts.get(point, 0) + n
    return sorted(ratings.values(), key=lambda r: (r.mean, -r.n, r.label))


def session_labels(ids) -> tuple[dict, dict]:
    """{session id: title} and {session id: its seminar's title}, in the reader's language."""
    rows = (
        Session.objects.filter(pk__in=ids)
        .select_related("seminar")
        .only(
            "pk",
            "title",
            "title_fr",
            "title_de",
            "seminar__title",
            "seminar__title_fr",
            "seminar__title_de",
        )
    )
    rows = list(rows)
    return {s.pk: s.title_local for s in rows}, {s.pk: s.seminar.title_local for s in rows}


def speaker_labels(ids) -> dict:
    return dict(Speaker.objects.filter(pk__in=ids).values_list("pk", "name"))
