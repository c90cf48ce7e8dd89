"""Knowledge gain of one seminar or several: pre and post scores paired per person, overall, by
profession and by curriculum element, with the statistics of evaluation/statistics.py.

A person is paired when both their pre- and post-test of the same seminar are submitted. A
post-test without a pre-test (or the reverse) is counted apart and never paired. A score is the
percentage of the form's points; an element score the percentage of the points of the form's
items drawn for that element.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag
from crossborder.enrolment.models import Application
from crossborder.learning.models import Answer

from .. import statistics
from ..models import FormItem, Phase, Sitting


@dataclass
class Row:
    """One line of results: the whole group, a profession or an element."""

    key: str
    label: str
    n: int  # paired participants
    withheld: bool
    reason: str = ""
    pre_mean: float | None = None
    post_mean: float | None = None
    difference: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    gain_of_means: float | None = None
    gain_per_person: float | None = None
    p_value: float | None = None
    effect_size: float | None = None
    summary: str = ""


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
        return Profession(self.profession).label if self.profession in Profession.values else "—"


@dataclass
class KnowledgeAnalysis:
    seminar_ids: list[int]
    paired: int
    pre_only: int
    post_only: int
    overall: Row
    by_profession: list[Row] = field(default_factory=list)
    by_element: list[Row] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    @property
    def headline(self) -> str:
        return self.overall.summary

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("people")
        data["headline"] = self.headline
        return data


def _p_text(p: float | None) -> str:
    if p is None:
        return _("no change in anyone's score")
    if p < 0.001:
        return "p < 0.001"
    return f"p = {p:.3f}"


def _points(value: float) -> str:
    """Whole points from 10 up (as a reader says them), one decimal below."""
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"


def summary(comparison: statistics.PairedComparison) -> str:
    """The result in words: "Knowledge rose by 18 points (95 % CI 14–22) for 52 paired
    participants; p < 0.001." and whether the change could be chance."""
    values = {
        "points": _points(abs(comparison.difference)),
        "low": _points(comparison.ci_low),
        "high": _points(comparison.ci_high),
        "p": _p_text(comparison.p_value),
    }
    n = comparison.n
    if comparison.difference > 0:
        text = ngettext(
            "Knowledge rose by %(points)s points (95 %% CI %(low)s to %(high)s) for %(n)s paired "
            "participant; %(p)s.",
            "Knowledge rose by %(points)s points (95 %% CI %(low)s to %(high)s) for %(n)s paired "
            "participants; %(p)s.",
            n,
        )
    elif comparison.difference < 0:
        text = ngettext(
            "Knowledge fell by %(points)s points (95 %% CI %(low)s to %(high)s) for %(n)s paired "
            "participant; %(p)s.",
            "Knowledge fell by %(points)s points (95 %% CI %(low)s to %(high)s) for %(n)s paired "
            "participants; %(p)s.",
            n,
        )
    else:
        text = ngettext(
            "Knowledge did not change on average for %(n)s paired participant; %(p)s.",
            "Knowledge did not change on average for %(n)s paired participants; %(p)s.",
            n,
        )
    text = text % {**values, "n": n}
    if comparison.p_value is None or comparison.p_value >= 0.05:
        text += " " + _("The change could be chance: it is not statistically significant.")
    return text


def _row(key: str, label: str, pre: list[float], post: list[float]) -> Row:
    comparison = statistics.compare(pre, post)
    if comparison is None:
        n = len(pre)
        reason = ngettext(
            "Withheld: %(n)s paired participant; statistics need at least %(min)s.",
            "Withheld: %(n)s paired participants; statistics need at least %(min)s.",
            n,
        ) % {"n": n, "min": statistics.MIN_PAIRS}
        return Row(key=key, label=label, n=n, withheld=True, reason=reason, summary=reason)
    return Row(
        key=key,
        label=label,
        n=comparison.n,
        withheld=False,
        pre_mean=comparison.pre_mean,
        post_mean=comparison.post_mean,
        difference=comparison.difference,
        ci_low=comparison.ci_low,
        ci_high=comparison.ci_high,
        gain_of_means=comparison.gain_of_means,
        gain_per_person=comparison.gain_per_person,
        p_value=comparison.p_value,
        effect_size=comparison.effect_size,
        summary=summary(comparison),
    )


def _element_scores(seminar_ids, form_of: dict[int, int]) -> dict[int, dict[int, float]]:
    """{attempt id: {element id: percent}} for the attempts of the seminars' knowledge tests
    (`form_of`: attempt id -> form id): the points per attempt and element and the items per
    form and element are summed in SQL (an unanswered item scores 0)."""
    element_of = FormItem.objects.filter(
        form__quiz_id=OuterRef("attempt__quiz_id"), question_id=OuterRef("question_id")
    ).values("element_id")[:1]
    points = (
        Answer.objects.filter(
            attempt__knowledge_sitting__test__seminar_id__in=seminar_ids, score__isnull=False
        )
        .annotate(element=Subquery(element_of))
        .values_list("attempt_id", "element")
        .annotate(points=Sum("score"))
        .order_by()
    )
    got = {(attempt_id, element_id): total for attempt_id, element_id, total in points}
    sizes = defaultdict(dict)  # form -> element -> number of items
    for form_id, element_id, n in (
        FormItem.objects.filter(form__test__seminar_id__in=seminar_ids)
        .values_list("form_id", "element_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        sizes[form_id][element_id] = n
    return {
        attempt_id: {
            element_id: 100 * (got.get((attempt_id, element_id)) or 0) / n
            for element_id, n in sizes[form_id].items()
        }
        for attempt_id, form_id in form_of.items()
    }


def knowledge_analysis(seminar_ids) -> KnowledgeAnalysis:
    """The analysis of the seminars' knowledge tests, pooled (each seminar's pairs counted once
    per seminar); five queries however many people and seminars."""
    seminar_ids = sorted(set(seminar_ids))
    sittings = (
        Sitting.objects.filter(
            test__seminar_id__in=seminar_ids, attempt__submitted_at__isnull=False
        )
        .annotate(
            seminar_id=F("test__seminar_id"),
            score=F("attempt__score"),
            max_score=F("attempt__max_score"),
            letter=F("form__letter"),
        )
        .values(
            "user_id",
            "seminar_id",
            "phase",
            "attempt_id",
            "form_id",
            "score",
            "max_score",
            "letter",
        )
    )
    scores = defaultdict(dict)  # (seminar, user) -> phase -> row
    for row in sittings:
        row["percent"] = 100 * (row["score"] or 0) / row["max_score"] if row["max_score"] else 0.0
        scores[(row["seminar_id"], row["user_id"])][row["phase"]] = row
    pairs = {key: value for key, value in scores.items() if len(value) == 2}
    pre_only = sum(1 for value in scores.values() if list(value) == [Phase.PRE])
    post_only = sum(1 for value in scores.values() if list(value) == [Phase.POST])
    professions = {
        (seminar, user): profession or profile_profession or ""
        for seminar, user, profession, profile_profession in Application.objects.filter(
            call__seminar_id__in=seminar_ids, user_id__in={user for _s, user in pairs}
        ).values_list("call__seminar_id", "user_id", "profession", "user__profile__profession")
    }
    people = [
        Person(
            user_id=user,
            seminar_id=seminar,
            profession=professions.get((seminar, user), ""),
            pre_form=phases[Phase.PRE]["letter"],
            pre=phases[Phase.PRE]["percent"],
            post=phases[Phase.POST]["percent"],
        )
        for (seminar, user), phases in sorted(pairs.items())
    ]
    overall = _row(
        "all", _("All paired participants"), [p.pre for p in people], [p.post for p in people]
    )
    by_profession = []
    for value, label in Profession.choices:
        group = [p for p in people if p.profession == value]
        if group:
            by_profession.append(
                _row(value, str(label), [p.pre for p in group], [p.post for p in group])
            )
    by_element = []
    form_of = {row["attempt_id"]: row["form_id"] for ph in pairs.values() for row in ph.values()}
    elements = _element_scores(seminar_ids, form_of) if form_of else {}
    for element in Tag.objects.elements():
        pre, post = [], []
        for phases in pairs.values():
            before = elements.get(phases[Phase.PRE]["attempt_id"], {}).get(element.pk)
            after = elements.get(phases[Phase.POST]["attempt_id"], {}).get(element.pk)
            if before is not None and after is not None:
                pre.append(before)
                post.append(after)
        if pre:
            label = f"{element.code} – {element.short_local}"
            by_element.append(_row(element.code, label, pre, post))
    return KnowledgeAnalysis(
        seminar_ids=seminar_ids,
        paired=len(people),
        pre_only=pre_only,
        post_only=post_only,
        overall=overall,
        by_profession=by_profession,
        by_element=by_element,
        people=people,
    )
