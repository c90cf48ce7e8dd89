"""Knowledge gain of one seminar or several: pre and post scores paired per person, overall, by
profession and by curriculum element, with the statistics of evaluation/statistics.py.

A person is paired when both their pre- and post-test of the same seminar are submitted. A
post-test without a pre-test (or the reverse) is counted apart and never paired. A score is the
percentage of the form's points; an element score the percentage of the points of the form's
items drawn for that element.
"""

from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crossborder.accounts.models import Profession
from crossborder.curriculum.models import Tag

from .. import statistics
from .scores import Person, element_scores, paired_people, paired_scores


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
class KnowledgeAnalysis:
    seminar_ids: list[int]
    paired: int
    pre_only: int
    post_only: int
    overall: Row
    by_profession: list[Row] = field(default_factory=list)
    by_element: list[Row] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)  # with knowledge_analysis(people=True)

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
    each element of their forms (an unanswered item scores 0); `pairs` maps (seminar, user) to
    the forms of the pre- and post-test of every paired person of the seminars (see
    scores.element_scores, which reads the points of all of them)."""
    scores = element_scores(seminar_ids, Counter(pairs.values()))
    return {element: (pre.tolist(), post.tolist()) for element, (pre, post) in scores.items()}


def knowledge_analysis(seminar_ids, *, people: bool = False) -> KnowledgeAnalysis:
    """The analysis of the seminars' knowledge tests, pooled (each seminar's pairs counted once
    per seminar), in four queries however many people and seminars (see scores.py); with
    `people`, the paired participants one by one as well (one query more, for the staff page)."""
    seminar_ids = sorted(set(seminar_ids))
    pairs = paired_scores(seminar_ids)
    groups = pairs.by_profession
    everyone = [groups[key] for key in sorted(groups)]
    overall = _row(
        "all",
        _("All paired participants"),
        np.concatenate([pre for pre, _post in everyone]) if everyone else [],
        np.concatenate([post for _pre, post in everyone]) if everyone else [],
    )
    by_profession = [
        _row(value, str(label), *groups[value])
        for value, label in Profession.choices
        if value in groups
    ]
    by_element = []
    elements = element_scores(seminar_ids, pairs.forms)
    for element in Tag.objects.elements():
        pre, post = elements.get(element.pk, ([], []))
        if len(pre):
            label = f"{element.code} – {element.short_local}"
            by_element.append(_row(element.code, label, pre, post))
    return KnowledgeAnalysis(
        seminar_ids=seminar_ids,
        paired=pairs.paired,
        pre_only=pairs.pre_only,
        post_only=pairs.post_only,
        overall=overall,
        by_profession=by_profession,
        by_element=by_element,
        people=paired_people(seminar_ids) if people else [],
    )
