"""Numerical answers as Moodle reads and grades them (qtype_numerical): a number, then a unit
(or the unit first when `unitsleft`); tolerance inclusive at both ends; the first answer in
order that matches gives its fraction; `*` matches anything; a missing or wrong unit costs the
unit penalty when units are graded.

Data: {"answers": [{"answer": float | "*", "tolerance": float, "fraction": float,
"feedback": html}], "units": [{"unit": "km", "multiplier": 1.0}], "unitgradingtype": 0|1|2,
"unitpenalty": float, "showunits": 0..3, "unitsleft": bool}. The curriculum's older shape
{"answer", "tolerance"} is one answer worth 100 %.
"""

import re

UNIT_OPTIONAL, UNIT_OUT_OF_MARK, UNIT_OUT_OF_MAX = 0, 1, 2
_NUMBER = r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?"
_NUMBER_FIRST = re.compile(rf"^\s*({_NUMBER})\s*(.*?)\s*$")
_UNIT_FIRST = re.compile(rf"^\s*(.*?)\s*({_NUMBER})\s*$")


def written(value) -> str:
    """A number as people write it and as `split` reads it back unchanged: 15000, 0.5,
    1234567.89; no trailing .0 and no rounding (format "g" would show 1234567 as 1.23457e+06)."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def answers_of(data: dict) -> list[dict]:
    if "answers" in data:
        return data["answers"]
    return [
        {
            "answer": float(data["answer"]),
            "tolerance": float(data.get("tolerance") or 0),
            "fraction": 1.0,
            "feedback": "",
        }
    ]


def split(text: str, *, unitsleft: bool = False) -> tuple[float, str] | None:
    """(value, unit) of a typed answer such as "90 km", "90km", "1,5", "-3e2"; None if no number."""
    match = (_UNIT_FIRST if unitsleft else _NUMBER_FIRST).match(str(text))
    if not match:
        return None
    number, unit = (match.group(2), match.group(1)) if unitsleft else match.groups()
    try:
        return float(number.replace(",", ".")), unit.strip()
    except ValueError:
        return None


def within(answer: dict, value: float) -> bool:
    if answer["answer"] == "*":
        return True
    target, tolerance = float(answer["answer"]), abs(float(answer.get("tolerance") or 0))
    # Inclusive at both ends, with the float slack Moodle adds (a range such as 0.1..0.3 is
    # stored as 0.2 ± 0.1 and its ends must still match).
    slack = 1e-12 * max(1.0, abs(target), tolerance)
    return target - tolerance - slack <= value <= target + tolerance + slack


def matching_answer(data: dict, value: float, unit: str) -> tuple[dict | None, bool]:
    """The first answer that matches, and whether the unit was right."""
    units = {u["unit"]: float(u["multiplier"]) for u in data.get("units", [])}
    multiplier = units.get(unit) if unit else None
    for answer in answers_of(data):
        if multiplier and within(answer, value / multiplier):
            return answer, True
        if within(answer, value):
            return answer, False
    return None, False


def grade(data: dict, value: float, unit: str) -> float:
    answer, unit_right = matching_answer(data, value, unit)
    if answer is None:
        return 0.0
    fraction = float(answer["fraction"])
    if data.get("units") and not unit_right:
        kind, penalty = data.get("unitgradingtype", 0), float(data.get("unitpenalty") or 0)
        if kind == UNIT_OUT_OF_MARK:
            fraction -= penalty * fraction
        elif kind == UNIT_OUT_OF_MAX:
            fraction -= penalty
    return max(0.0, min(1.0, fraction))
