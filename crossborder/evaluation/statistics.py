"""The statistics of paired pre/post scores: plain functions over lists of numbers (no Django).

Scores are percentages (0–100). For n paired participants with differences d = post − pre:

- mean difference d̄ with a 95 % confidence interval d̄ ± t(0.975, n − 1) · s / √n (Student's t);
- normalised gain (Hake): on the means, g = (mean post − mean pre) / (100 − mean pre) — the
  figure we report; the average of each person's (post − pre) / (100 − pre) is given beside it
  (people who scored 100 before cannot gain and are left out of that average);
- Wilcoxon signed-rank test (scipy.stats.wilcoxon, two-sided, zero differences dropped — the
  "wilcox" method — exact for small samples without ties, the normal approximation otherwise);
- effect size: the matched-pairs rank-biserial correlation r = (T+ − T−) / (T+ + T−), where T+
  and T− are the sums of the ranks of |d| of the positive and negative differences (zeros
  dropped, ties given mid-ranks). It runs from −1 (everyone fell) to +1 (everyone rose).
"""

import math
from dataclasses import dataclass

MIN_PAIRS = 5  # fewer paired participants: no statistics (too few to say anything, and people
# could be recognised in a breakdown row)


@dataclass(frozen=True)
class PairedComparison:
    n: int
    pre_mean: float
    post_mean: float
    difference: float  # mean of post − pre
    ci_low: float
    ci_high: float
    gain_of_means: float | None  # None when the mean pre-test score is 100
    gain_per_person: float | None  # None when everyone scored 100 before
    p_value: float | None  # None when every difference is zero
    effect_size: float | None  # None when every difference is zero


def mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def sample_sd(values: list[float]) -> float:
    """Standard deviation with n − 1 in the denominator."""
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / (len(values) - 1))


def confidence_interval(differences: list[float], level: float = 0.95) -> tuple[float, float]:
    """The t-interval of the mean of `differences` (at least two values)."""
    from scipy import stats

    n = len(differences)
    centre = mean(differences)
    half = stats.t.ppf((1 + level) / 2, n - 1) * sample_sd(differences) / math.sqrt(n)
    return centre - half, centre + half


def normalised_gain(pre: float, post: float) -> float | None:
    """(post − pre) / (100 − pre); None when pre is 100 (nothing left to gain)."""
    if pre >= 100:
        return None
    return (post - pre) / (100 - pre)


def ranks(values: list[float]) -> list[float]:
    """Ranks 1..n of `values`, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def differences_of(pre: list[float], post: list[float]) -> list[float]:
    """post − pre per person, rounded to 9 decimals: a difference that is equal in exact
    arithmetic (scores are fractions of a form's points) must rank as a tie (scipy's advice)."""
    return [round(b - a, 9) for a, b in zip(pre, post, strict=True)]


def rank_biserial(differences: list[float]) -> float | None:
    """The matched-pairs rank-biserial correlation (T+ − T−) / (T+ + T−); None if all zero."""
    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return None
    r = ranks([abs(d) for d in nonzero])
    plus = math.fsum(rank for rank, d in zip(r, nonzero, strict=True) if d > 0)
    minus = math.fsum(rank for rank, d in zip(r, nonzero, strict=True) if d < 0)
    return (plus - minus) / (plus + minus)


def wilcoxon_p(pre: list[float], post: list[float]) -> float | None:
    """Two-sided p-value of the Wilcoxon signed-rank test; None if every difference is zero."""
    from scipy import stats

    differences = differences_of(pre, post)
    if all(d == 0 for d in differences):
        return None
    return float(stats.wilcoxon(differences, zero_method="wilcox").pvalue)


def compare(pre: list[float], post: list[float]) -> PairedComparison | None:
    """The paired comparison of two lists of scores of the same people, in the same order;
    None when there are fewer than MIN_PAIRS pairs."""
    if len(pre) != len(post):
        raise ValueError("pre and post must hold the same people")
    n = len(pre)
    if n < MIN_PAIRS:
        return None
    differences = differences_of(pre, post)
    low, high = confidence_interval(differences)
    gains = [g for g in map(normalised_gain, pre, post) if g is not None]
    return PairedComparison(
        n=n,
        pre_mean=mean(pre),
        post_mean=mean(post),
        difference=mean(differences),
        ci_low=low,
        ci_high=high,
        gain_of_means=normalised_gain(mean(pre), mean(post)),
        gain_per_person=mean(gains) if gains else None,
        p_value=wilcoxon_p(pre, post),
        effect_size=rank_biserial(differences),
    )
