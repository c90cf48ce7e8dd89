"""Knowledge gain of one seminar or several: pre and post scores paired per person, overall, by
profession and by curriculum element, with the statistics of evaluation/statistics.py.

A person is paired when both their pre- and post-test of the same seminar are submitted. A
post-test without a pre-test (or the reverse) is counted apart and never paired. A score is the
percentage of the form's points; an element score the percentage of the points of the form's
items drawn for that element.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag
from crossborder.enrolment.models import Application

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


def _element_pairs(seminar_ids, pairs: dict) -> dict[int, tuple[list[float], list[float]]]:
    """{element id: (pre percentages, post percentages)} of the paired people, on the items of
    each element of their forms (an unanswered item scores 0). The points per person, element
    and phase are summed in SQL, the items per form and element counted in SQL; `pairs` maps
    (seminar, user) to the forms of their pre- and post-test."""
    # each sitting's answers joined to its form's items on the question: one row per item
    points = (
        Sitting.objects.filter(
            test__seminar_id__in=seminar_ids,
            attempt__submitted_at__isnull=False,
            attempt__answers__question_id=F("form__items__question_id"),
        )
        .values_list("test__seminar_id", "user_id", "form__items__element_id")
        .annotate(
            pre=Sum("attempt__answers__score", filter=Q(phase=Phase.PRE)),
            post=Sum("attempt__answers__score", filter=Q(phase=Phase.POST)),
        )
        .order_by()
    )
    got = {(seminar, user, element): (pre, post) for seminar, user, element, pre, post in points}
    sizes = defaultdict(dict)  # form -> element -> number of items
    for form_id, element_id, n in (
        FormItem.objects.filter(form__test__seminar_id__in=seminar_ids)
        .values_list("form_id", "element_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        sizes[form_id][element_id] = n
    shared = {}  # (pre form, post form) -> [(element, its items before, after)]
    out = defaultdict(lambda: ([], []))
    nothing = (None, None)
    for (seminar, user), forms in pairs.items():
        if forms not in shared:
            before, after = sizes[forms[0]], sizes[forms[1]]
            shared[forms] = [(e, before[e], after[e]) for e in before.keys() & after.keys()]
        for element_id, items_before, items_after in shared[forms]:
            pre, post = got.get((seminar, user, element_id), nothing)
            scores = out[element_id]
            scores[0].append(100 * (pre or 0) / items_before)
            scores[1].append(100 * (post or 0) / items_after)
    return out


def knowledge_analysis(seminar_ids) -> KnowledgeAnalysis:
    """The analysis of the seminars' knowledge tests, pooled (each seminar's pairs counted once
    per seminar); five queries however many people and seminars."""
    seminar_ids = sorted(set(seminar_ids))
    sittings = (
        Sitting.objects.filter(
            test__seminar_id__in=seminar_ids, attempt__submitted_at__isnull=False
        )
        .values_list(
            "test__seminar_id",
            "user_id",
            "phase",
            "form_id",
            "form__letter",
            "attempt__score",
            "attempt__max_score",
        )
        .order_by()
    )
    scores = defaultdict(dict)  # (seminar, user) -> phase -> (form, letter, percent)
    for seminar, user, phase, form, letter, score, max_score in sittings:
        percent = 100 * (score or 0) / max_score if max_score else 0.0
        scores[(seminar, user)][phase] = (form, letter, percent)
    pairs = {key: value for key, value in scores.items() if len(value) == 2}
    pre_only = sum(1 for value in scores.values() if list(value) == [Phase.PRE])
    post_only = sum(1 for value in scores.values() if list(value) == [Phase.POST])
    professions = (
        {
            (seminar, user): profession or profile_profession or ""
            for seminar, user, profession, profile_profession in Application.objects.filter(
                call__seminar_id__in=seminar_ids
            ).values_list("call__seminar_id", "user_id", "profession", "user__profile__profession")
        }
        if pairs
        else {}
    )
    people = [
        Person(
            user_id=user,
            seminar_id=seminar,
            profession=professions.get((seminar, user), ""),
            pre_form=phases[Phase.PRE][1],
            pre=phases[Phase.PRE][2],
            post=phases[Phase.POST][2],
        )
        for (seminar, user), phases in sorted(pairs.items())
    ]
    overall = _row(
        "all", _("All paired participants"), [p.pre for p in people], [p.post for p in people]
    )
    groups = defaultdict(lambda: ([], []))  # profession -> (pre, post)
    for person in people:
        group = groups[person.profession]
        group[0].append(person.pre)
        group[1].append(person.post)
    by_profession = [
        _row(value, str(label), *groups[value])
        for value, label in Profession.choices
        if value in groups
    ]
    by_element = []
    forms = {key: (ph[Phase.PRE][0], ph[Phase.POST][0]) for key, ph in pairs.items()}
    elements = _element_pairs(seminar_ids, forms) if forms else {}
    for element in Tag.objects.elements():
        pre, post = elements.get(element.pk, ([], []))
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
