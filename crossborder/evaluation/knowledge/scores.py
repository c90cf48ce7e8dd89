"""The scores the knowledge analysis works on, read with SQL aggregates so that the work and the
data that leave the database grow with the number of distinct scores, not of people (except the
per-element scores, which need one row per paired person and element: see `element_scores`).

A person is paired when both their pre- and post-test of the same seminar are submitted. Scores
are percentages of the form's points, computed in Python from the summed points exactly as
before (100 · points / max points), so the statistics do not change.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    Max,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from ..models import FormItem, Phase, Sitting

PRE, POST = Q(phase=Phase.PRE), Q(phase=Phase.POST)


def percent(score, max_score) -> float:
    return 100 * (score or 0) / max_score if max_score else 0.0


def _sittings(seminar_ids):
    """The submitted sittings of these seminars, each joined to the same person's sitting of the
    other phase (`other`: one row at most, by the unique constraint), with `paired` (the other
    sitting is submitted too) and the other sitting's form and scores when it is."""
    other_phase = FilteredRelation(
        "test__sittings",
        condition=Q(
            test__sittings__user=F("user"),
            test__sittings__phase=Case(When(PRE, then=Value(Phase.POST)), default=Value(Phase.PRE)),
        ),
    )
    submitted = Q(other__attempt__submitted_at__isnull=False)
    return (
        Sitting.objects.filter(
            test__seminar_id__in=seminar_ids, attempt__submitted_at__isnull=False
        )
        .annotate(other=other_phase)
        .annotate(
            paired=Case(When(submitted, then=Value(True)), default=Value(False)),
            other_form=Case(When(submitted, then="other__form_id")),
            other_score=Case(When(submitted, then="other__attempt__score")),
            other_max=Case(When(submitted, then="other__attempt__max_score")),
        )
        .order_by()
    )


def _with_profession(sittings):
    """The person's profession at the seminar: their application's, else their profile's; none
    without an application (joined on the seminar's call and the person)."""
    seat = FilteredRelation(
        "test__seminar__call__applications",
        condition=Q(test__seminar__call__applications__user=F("user")),
    )
    return sittings.annotate(seat=seat).annotate(
        profession=Case(
            When(seat__pk__isnull=True, then=Value("")),
            default=Coalesce(
                NullIf("seat__profession", Value("")), "user__profile__profession", Value("")
            ),
        )
    )


@dataclass
class Pairs:
    """The paired scores by profession, and the people who took one test only."""

    by_profession: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    forms: Counter = field(default_factory=Counter)  # (pre form, post form) -> paired people
    pre_only: int = 0
    post_only: int = 0

    @property
    def paired(self) -> int:
        return sum(self.forms.values())


def paired_scores(seminar_ids) -> Pairs:
    """One query: the sittings grouped by phase, pairing, profession, forms and scores, counted
    (a few hundred rows at most, however many people); the per-person arrays are rebuilt from
    the counts with np.repeat. Each pair is read from its pre-test's row."""
    rows = (
        _with_profession(_sittings(seminar_ids))
        .filter(PRE | Q(paired=False))
        .values_list(
            "phase",
            "paired",
            "profession",
            "form_id",
            "other_form",
            "attempt__score",
            "attempt__max_score",
            "other_score",
            "other_max",
        )
        .annotate(n=Count("pk"))
    )
    result = Pairs()
    groups = defaultdict(list)  # profession -> [(pre, post, n)]
    for phase, paired, profession, form, other_form, score, top, other, other_top, n in rows:
        if not paired:
            if phase == Phase.PRE:
                result.pre_only += n
            else:
                result.post_only += n
            continue
        groups[profession].append((percent(score, top), percent(other, other_top), n))
        result.forms[(form, other_form)] += n
    for profession, values in groups.items():
        values.sort()
        pre, post, counts = (np.array(column) for column in zip(*values, strict=True))
        result.by_profession[profession] = (np.repeat(pre, counts), np.repeat(post, counts))
    return result


def element_scores(seminar_ids, forms: Counter) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """{element id: (pre percentages, post percentages)} of the paired people, on the items of
    each element their two forms share (an unanswered item scores 0). `forms` counts the paired
    people per (pre form, post form), from `paired_scores`.

    The points per person, element and phase are summed in SQL (each submitted answer joined to
    its form's item of that question, a column per element and phase), one row per paired
    person, and turned into percentages with numpy: the nested grouping by score that would
    shrink this to a few rows is not something the ORM can say. A paired person with no answer
    at all has no row and scores 0 on every element both times: those are added from `forms`."""
    if not forms:
        return {}
    items = FormItem.objects.filter(form__test__seminar_id__in=seminar_ids)
    sizes = Counter(
        {
            (form, element): n
            for form, element, n in items.values_list("form_id", "element_id")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    elements = sorted({element for _form, element in sizes})
    answers = "attempt__answers__score"
    points = {}
    for k, element in enumerate(elements):
        on = Q(form__items__element_id=element)
        points[f"pre_{k}"] = Sum(answers, filter=PRE & on)
        points[f"post_{k}"] = Sum(answers, filter=POST & on)
    rows = (
        _sittings(seminar_ids)
        .filter(paired=True, attempt__answers__question_id=F("form__items__question_id"))
        .values("test_id", "user_id")
        .annotate(
            pre_form=Max(Case(When(PRE, then="form_id"), default="other_form")),
            post_form=Max(Case(When(POST, then="form_id"), default="other_form")),
            **points,
        )
        .values_list("pre_form", "post_form", *points)
    )
    table = np.array(list(rows), dtype=float).reshape(-1, 2 + len(points))
    parts = {element: ([], []) for element in elements}
    for (pre_form, post_form), people in sorted(forms.items()):
        these = table[(table[:, 0] == pre_form) & (table[:, 1] == post_form)]
        missing = np.zeros(people - len(these))  # no answer at all: 0 points on every element
        for k, element in enumerate(elements):
            before, after = sizes[(pre_form, element)], sizes[(post_form, element)]
            if not (before and after):
                continue  # the element is not on both forms
            pre, post = np.nan_to_num(these[:, 2 + 2 * k]), np.nan_to_num(these[:, 3 + 2 * k])
            parts[element][0].extend([100 * pre / before, missing])
            parts[element][1].extend([100 * post / after, missing])
    return {
        element: (np.concatenate(pre), np.concatenate(post))
        for element, (pre, post) in parts.items()
        if pre
    }


@dataclass
class Person:
    """A paired participant, for the staff page's list (names are shown to staff only)."""

    user_id: int
    seminar_id: int
    profession: str
    pre_form: str
    pre: float
    post: float

    @property
    def difference(self) -> float:
        return self.post - self.pre

    @property
    def profession_label(self) -> str:
        from crossborder.accounts.models import Profession

        return Profession(self.profession).label if self.profession in Profession.values else "—"


def paired_people(seminar_ids) -> list[Person]:
    """The paired participants one by one (the staff page of one seminar), by seminar and
    person."""
    rows = (
        _with_profession(_sittings(seminar_ids))
        .filter(PRE, paired=True)
        .values_list(
            "test__seminar_id",
            "user_id",
            "profession",
            "form__letter",
            "attempt__score",
            "attempt__max_score",
            "other_score",
            "other_max",
        )
        .order_by("test__seminar_id", "user_id")
    )
    return [
        Person(
            user_id=user,
            seminar_id=seminar,
            profession=profession,
            pre_form=letter,
            pre=percent(score, top),
            post=percent(other, other_top),
        )
        for seminar, user, profession, letter, score, top, other, other_top in rows
    ]


__all__ = ["Pairs", "Person", "element_scores", "paired_people", "paired_scores", "percent"]
