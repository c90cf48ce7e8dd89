"""The statistics of paired pre/post scores: plain functions over lists of numbers (no Django),
computed with numpy and scipy so that a programme of 100,000 pairs takes milliseconds.

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

import numpy as np

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


def _numbers(values) -> np.ndarray:
    return np.asarray(values, dtype=float)


def mean(values) -> float:
    return math.fsum(_numbers(values).tolist()) / len(values)


def sample_sd(values) -> float:
    """Standard deviation with n − 1 in the denominator."""
    return float(np.std(_numbers(values), ddof=1))


def confidence_interval(differences, level: float = 0.95) -> tuple[float, float]:
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


def personal_gains(pre, post) -> np.ndarray:
    """Each person's normalised gain, leaving out those who scored 100 before."""
    before, after = _numbers(pre), _numbers(post)
    can_gain = before < 100
    return (after[can_gain] - before[can_gain]) / (100 - before[can_gain])


def ranks(values) -> list[float]:
    """Ranks 1..n of `values`, ties sharing their mean rank."""
    from scipy import stats

    return stats.rankdata(_numbers(values), method="average").tolist()


def differences_of(pre, post) -> np.ndarray:
    """post − pre per person, rounded to 9 decimals: a difference that is equal in exact
    arithmetic (scores are fractions of a form's points) must rank as a tie (scipy's advice)."""
    if len(pre) != len(post):
        raise ValueError("pre and post must hold the same people")
    return np.round(_numbers(post) - _numbers(pre), 9)


def rank_biserial(differences) -> float | None:
    """The matched-pairs rank-biserial correlation (T+ − T−) / (T+ + T−); None if all zero."""
    from scipy import stats

    d = _numbers(differences)
    nonzero = d[d != 0]
    if not nonzero.size:
        return None
    r = stats.rankdata(np.abs(nonzero), method="average")
    plus, minus = float(r[nonzero > 0].sum()), float(r[nonzero < 0].sum())
    return (plus - minus) / (plus + minus)


def wilcoxon_p(pre, post) -> float | None:
    """Two-sided p-value of the Wilcoxon signed-rank test; None if every difference is zero."""
    from scipy import stats

    differences = differences_of(pre, post)
    if not differences.any():
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
    pre, post = _numbers(pre), _numbers(post)  # once: the functions below take arrays as they are
    differences = differences_of(pre, post)
    low, high = confidence_interval(differences)
    gains = personal_gains(pre, post)
    return PairedComparison(
        n=n,
        pre_mean=mean(pre),
        post_mean=mean(post),
        difference=mean(differences),
        ci_low=low,
        ci_high=high,
        gain_of_means=normalised_gain(mean(pre), mean(post)),
        gain_per_person=mean(gains) if gains.size else None,
        p_value=wilcoxon_p(pre, post),
        effect_size=rank_biserial(differences),
    )
