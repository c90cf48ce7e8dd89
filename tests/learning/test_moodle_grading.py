"""Our grade against Moodle's documented rule, type by type (docs.moodle.org: Multiple Choice,
Short-Answer and Numerical question types; question/type/*/question.php)."""

from pathlib import Path

import pytest

from crossborder.learning.grading import BadResponse, clean_response, grade, wildcard_match
from crossborder.learning.interchange import parse_moodle_xml
from crossborder.learning.models import Question

BANK = {
    i["idnumber"]: Question(kind=i["kind"], data=i["data"])
    for i in parse_moodle_xml(
        (Path(__file__).parent / "fixtures" / "moodle4_thb_bank.xml").read_bytes()
    )
    if not i["errors"]
}


def _grade(idnumber, raw):
    question = BANK[idnumber]
    return grade(question, clean_response(question, raw))


# Multiple choice, one answer: the chosen answer's fraction; negative fractions give 0.
@pytest.mark.parametrize(("raw", "moodle"), [(0, 1.0), (1, 0.0), (2, 0.0)])
def test_single_choice_gives_the_chosen_fraction(raw, moodle):
    assert _grade("THB-A-001", raw) == moodle


def test_single_choice_with_partial_and_negative_answers():
    q = Question(
        kind="single",
        data={
            "options": [
                {"text": "a", "fraction": 1.0, "correct": True},
                {"text": "b", "fraction": 0.5, "correct": True},
                {"text": "c", "fraction": -0.5, "correct": False},
            ]
        },
    )
    assert [grade(q, i) for i in range(3)] == [1.0, 0.5, 0.0]


# Multiple choice, several answers: the sum of the chosen fractions, clamped to 0..1.
@pytest.mark.parametrize(
    ("raw", "moodle"),
    [
        ([0, 1, 2], 1.0),  # 3 × 33.33333 %
        ([0, 1, 2, 3], 0.0),  # three right and the −100 % one: Moodle gives 0, not 0.67
        ([0, 1], 0.666667),
        ([0], 0.333333),
        ([3], 0.0),  # negative total clamped at 0
        ([], 0.0),
    ],
)
def test_multiple_response_sums_fractions_including_negative_ones(raw, moodle):
    assert _grade("THB-A-002", raw) == pytest.approx(moodle)


@pytest.mark.parametrize(("raw", "moodle"), [("true", 1.0), ("false", 0.0)])
def test_true_false(raw, moodle):
    assert _grade("THB-A-003", raw) == moodle


# Short answer: first matching answer in order; usecase 1 = case-sensitive; * wildcard.
@pytest.mark.parametrize(
    ("raw", "moodle"),
    [
        ("SIENA", 1.0),
        ("  SIENA ", 1.0),  # the response is trimmed
        ("siena", 0.0),  # usecase 1: case matters
        ("Siena", 0.0),
        ("Secure Information Exchange Network Application", 0.5),  # *…* wildcard, 50 %
        ("The Information Exchange Network", 0.5),
        ("Information Exchange", 0.0),
        ("", 0.0),
    ],
)
def test_short_answer_case_and_wildcard(raw, moodle):
    assert _grade("THB-A-004", raw) == moodle


@pytest.mark.parametrize(
    ("response", "pattern", "usecase", "moodle"),
    [
        ("Europol", "europol", False, True),
        ("Europol", "europol", True, False),
        ("Eurojust", "Euro*", False, True),
        ("Euro", "Euro*", False, True),  # * matches nothing too
        ("Euro*", "Euro\\*", False, True),  # \* is a literal asterisk
        ("Europol", "Euro\\*", False, False),
        ("x.y", "x.y", False, True),  # regular-expression characters are literal
        ("xzy", "x.y", False, False),
        ("Ärztin", "ärztin", False, True),  # Unicode case folding
        ("Cafe\u0301", "Café", True, True),  # NFC normalisation
    ],
)
def test_wildcard_rule(response, pattern, usecase, moodle):
    assert wildcard_match(response, pattern, usecase=usecase) is moodle


# Numerical: tolerance inclusive at both ends, first matching answer in order, `*` catch-all,
# units with multipliers, unit penalty (unitgradingtype 1 = fraction of the response's mark).
@pytest.mark.parametrize(
    ("raw", "moodle"),
    [
        ("90 km", 1.0),
        ("90km", 1.0),
        ("90000 m", 1.0),  # 90000 / 1000 = 90 in the first unit
        ("90", 0.9),  # no unit: 1 − 0.1 × 1
        ("80 km", 0.5),  # second answer, 85 ± 5, lower bound inclusive
        ("90,0 km", 1.0),  # decimal comma
        ("89.5 km", 0.5),
        ("12 km", 0.0),  # the catch-all * answer, 0 %
        ("80", 0.45),  # 50 % less 10 % of it for the missing unit
    ],
)
def test_numerical_with_units(raw, moodle):
    assert _grade("THB-A-005", raw) == pytest.approx(moodle)


def test_numerical_unit_penalty_out_of_the_maximum():
    data = {**BANK["THB-A-005"].data, "unitgradingtype": 2, "unitpenalty": 0.25}
    q = Question(kind="numeric", data=data)
    assert grade(q, clean_response(q, "90")) == 0.75
    assert grade(q, clean_response(q, "80")) == 0.25  # 0.5 − 0.25


def test_numerical_refuses_an_unknown_unit_when_units_are_graded():
    with pytest.raises(BadResponse, match="unknown unit"):
        clean_response(BANK["THB-A-005"], "90 miles")


@pytest.mark.parametrize(
    ("raw", "moodle"),
    [
        ("1", 1.0),
        ("0.5", 1.0),
        ("1.5", 1.0),
        ("1.6", 0.5),
        ("3", 0.5),
        ("3.01", 0.0),
        ("0.49", 0.0),
    ],
)
def test_numerical_several_answers_with_partial_credit(raw, moodle):
    assert _grade("THB-B-003", raw) == moodle


@pytest.mark.parametrize(("value", "moodle"), [(0.1, 1.0), (0.3, 1.0), (0.2, 1.0), (0.0999, 0.0)])
def test_a_range_is_inclusive_at_both_ends_despite_floats(value, moodle):
    # GIFT {#0.1..0.3} is stored as 0.2 ± 0.1 (in floats 0.09999999999999999).
    q = Question(kind="numeric", data={"answer": (0.1 + 0.3) / 2, "tolerance": (0.3 - 0.1) / 2})
    assert grade(q, value) == moodle


# Select missing words: the share of gaps right; each select offers its gap's group only.
@pytest.mark.parametrize(
    ("raw", "moodle"),
    [([0, 1, 2], 1.0), ([0, 2, 1], 1 / 3), ([3, 1, ""], 1 / 3), (["", "", ""], 0.0)],
)
def test_gapselect_share_of_gaps_right(raw, moodle):
    assert _grade("THB-A-008", raw) == pytest.approx(moodle)


def test_gapselect_refuses_a_word_from_another_group():
    with pytest.raises(BadResponse):
        clean_response(BANK["THB-B-001"], [1, 0, 2])  # "FIU" (group 2) in the group-1 gap
    assert _grade("THB-B-001", [0, 3, 2]) == pytest.approx(2 / 3)  # Europol: group 2, wrong


def test_matching_distractors_are_offered_but_never_right():
    q = BANK["THB-B-002"]
    assert grade(q, clean_response(q, [0, 1])) == 1.0
    assert grade(q, clean_response(q, [2, 1])) == 0.5  # the distractor (index 2) chosen


def test_essay_and_description_are_not_graded_here():
    assert grade(BANK["THB-A-006"], clean_response(BANK["THB-A-006"], "My answer")) is None
    with pytest.raises(BadResponse):
        clean_response(BANK["THB-A-007"], "anything")
