"""The pure statistics against values worked out by hand, and against scipy called directly."""

import math
import random

import pytest
from scipy import stats

from crossborder.evaluation import statistics

PRE = [40, 50, 60, 70, 80]
POST = [55, 60, 58, 90, 85]  # differences 15, 10, −2, 20, 5


def test_it_computes_the_small_fixture_as_worked_out_by_hand():
    result = statistics.compare(PRE, POST)
    assert result.n == 5
    assert result.pre_mean == 60 and result.post_mean == pytest.approx(69.6)
    assert result.difference == pytest.approx(9.6)  # 48 / 5
    # s² = (5.4² + 0.4² + 11.6² + 10.4² + 4.6²) / 4 = 293.2 / 4 = 73.3; t(0.975, 4) = 2.776445
    half = 2.7764451051977987 * math.sqrt(73.3) / math.sqrt(5)
    assert result.ci_low == pytest.approx(9.6 - half) and result.ci_low == pytest.approx(
        -1.0306, abs=1e-4
    )
    assert result.ci_high == pytest.approx(9.6 + half) and result.ci_high == pytest.approx(
        20.2306, abs=1e-4
    )
    assert result.gain_of_means == pytest.approx(9.6 / 40)  # (69.6 − 60) / (100 − 60)
    # per person: 15/60, 10/50, −2/40, 20/30, 5/20
    assert result.gain_per_person == pytest.approx((0.25 + 0.2 - 0.05 + 2 / 3 + 0.25) / 5)
    # |d| ranks: 2→1, 5→2, 10→3, 15→4, 20→5; T+ = 14, T− = 1
    assert result.effect_size == pytest.approx(13 / 15)
    # exact: 4 of the 32 sign patterns have T− ≤ 1 or T+ ≤ 1
    assert result.p_value == pytest.approx(4 / 32, abs=1e-12)


def test_it_agrees_with_scipy_on_the_p_value_and_the_interval():
    rng = random.Random(7)
    for n in (5, 12, 30, 60):
        pre = [rng.randrange(0, 101) for _ in range(n)]
        post = [min(100, p + rng.randrange(-15, 35)) for p in pre]
        result = statistics.compare(pre, post)
        differences = [b - a for a, b in zip(pre, post)]
        expected = stats.wilcoxon(post, pre).pvalue
        assert result.p_value == pytest.approx(expected, abs=1e-9)
        low, high = stats.t.interval(
            0.95, n - 1, loc=sum(differences) / n, scale=stats.sem(differences)
        )
        assert result.ci_low == pytest.approx(low, abs=1e-9)
        assert result.ci_high == pytest.approx(high, abs=1e-9)


def test_it_ranks_ties_by_their_mean_rank_for_the_effect_size():
    assert statistics.ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2]
    # |d| = 5, 5, 10 (one negative 5): ranks 1.5, 1.5, 3 → (4.5 − 1.5) / 6
    assert statistics.rank_biserial([5, -5, 10]) == pytest.approx(0.5)
    assert statistics.rank_biserial([0, 4, 0]) == 1.0  # zeros dropped


def test_it_withholds_below_five_pairs_and_refuses_unequal_lists():
    assert statistics.compare(PRE[:4], POST[:4]) is None
    with pytest.raises(ValueError):
        statistics.compare(PRE, POST[:4])


def test_it_says_nothing_it_cannot_when_nobody_changed():
    result = statistics.compare([50] * 6, [50] * 6)
    assert result.difference == 0 and result.ci_low == result.ci_high == 0
    assert result.p_value is None and result.effect_size is None


def test_it_leaves_people_at_100_out_of_the_personal_gain():
    assert statistics.normalised_gain(100, 100) is None
    result = statistics.compare([100, 50, 50, 50, 50], [100, 75, 75, 75, 75])
    assert result.gain_per_person == pytest.approx(0.5)
    assert result.gain_of_means == pytest.approx((80 - 60) / 40)
