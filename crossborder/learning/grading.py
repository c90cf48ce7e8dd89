"""Server-side grading as Moodle grades. Each scored question is worth 1 point.

- single: the fraction of the chosen option (negative fractions give 0).
- multiple: the sum of the chosen options' fractions, clamped to 0..1. Options without a
  fraction (the shipped curriculum) count (right ticked − wrong ticked) / right.
- true/false: all or nothing.
- short answer: the fraction of the first answer (in order) that matches; `*` is a wildcard,
  `\\*` a literal asterisk; case ignored unless `usecase`.
- numeric: see numeric.py (tolerance, several answers, units and their penalty).
- matching: the share of items matched correctly; ordering: the share in place.
- gapselect: the share of gaps filled right.
- description is not scored; essay is graded by a trainer (None here).
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from . import numeric


class BadResponse(ValueError):
    """The response does not fit the question (wrong shape, unknown option, too long)."""


MAX_TEXT = 500
MAX_ESSAY = 10_000


def _index(value, size: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise BadResponse("not an option number") from error
    if not 0 <= number < size:
        raise BadResponse("no such option")
    return number


def short_answers(data: dict) -> list[dict]:
    if "answers" in data:
        return data["answers"]
    return [{"text": str(a), "fraction": 1.0, "feedback": ""} for a in data.get("accepted", [])]


def wildcard_match(response: str, pattern: str, *, usecase: bool) -> bool:
    """Moodle's rule: runs of unescaped `*` match anything, `\\*` is a literal asterisk, the
    whole (trimmed, NFC-normalised) response must match."""
    pattern = unicodedata.normalize("NFC", pattern)
    response = unicodedata.normalize("NFC", response).strip()
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regexp, response, 0 if usecase else re.IGNORECASE) is not None


def _option_fraction(option: dict) -> float:
    if "fraction" in option:
        return float(option["fraction"])
    return 1.0 if option.get("correct") else 0.0


def clean_response(question, raw):
    """Validate and normalise a response; raises BadResponse. Options are referred to by their
    index in the question's data (never by their shuffled position)."""
    kind, data = question.kind, question.data
    if kind == "single":
        return _index(raw, len(data["options"]))
    if kind == "multiple":
        if not isinstance(raw, list) or len(raw) > len(data["options"]):
            raise BadResponse("a list of option numbers is expected")
        return sorted({_index(v, len(data["options"])) for v in raw})
    if kind == "true_false":
        if raw in (True, "true", "True", "1", 1):
            return True
        if raw in (False, "false", "False", "0", 0):
            return False
        raise BadResponse("true or false is expected")
    if kind == "matching":
        pairs, size = data["pairs"], len(data["pairs"]) + len(data.get("distractors", []))
        if not isinstance(raw, list) or len(raw) != len(pairs):
            raise BadResponse("one choice per item is expected")
        return [None if v in (None, "") else _index(v, size) for v in raw]
    if kind == "ordering":
        items = data["items"]
        if not isinstance(raw, list) or sorted(_index(v, len(items)) for v in raw) != list(
            range(len(items))
        ):
            raise BadResponse("every item exactly once is expected")
        return [int(v) for v in raw]
    if kind == "short":
        if not isinstance(raw, str) or len(raw) > MAX_TEXT:
            raise BadResponse(f"a text of at most {MAX_TEXT} characters is expected")
        return raw.replace("\x00", "").strip()  # as an essay: PostgreSQL cannot store a NUL
    if kind == "numeric":
        return _clean_numeric(data, raw)
    if kind == "gapselect":
        gaps, choices = data["gaps"], data["choices"]
        if not isinstance(raw, list) or len(raw) != len(gaps):
            raise BadResponse("one choice per gap is expected")
        cleaned = []
        for gap, value in zip(gaps, raw, strict=True):
            if value in (None, ""):
                cleaned.append(None)
                continue
            chosen = _index(value, len(choices))
            if choices[chosen]["group"] != choices[gap]["group"]:
                raise BadResponse(_("this word does not belong in that gap"))
            cleaned.append(chosen)
        return cleaned
    if kind == "description":
        raise BadResponse(_("a description takes no answer"))
    if kind == "essay":
        return _clean_essay(data, raw)
    raise BadResponse("unknown question type")


def _clean_essay(data: dict, raw) -> str:
    """Plain text (never rendered as HTML), at most MAX_ESSAY characters and max_words words.
    Fewer words than min_words are saved (a draft is never lost); the page says what is asked."""
    if not isinstance(raw, str):
        raise BadResponse(_("a text is expected"))
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()
    if len(text) > MAX_ESSAY:
        raise BadResponse(
            _("your text has %(n)s characters; at most %(max)s are allowed")
            % {"n": len(text), "max": MAX_ESSAY}
        )
    most = data.get("max_words")
    if most and count_words(text) > most:
        raise BadResponse(
            _("your text has %(n)s words; at most %(max)s are allowed")
            % {"n": count_words(text), "max": most}
        )
    return text


def count_words(text) -> int:
    return len(str(text or "").split())


def _clean_numeric(data: dict, raw):
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    parsed = numeric.split(str(raw), unitsleft=bool(data.get("unitsleft")))
    if parsed is None:
        raise BadResponse("a number is expected")
    value, unit = parsed
    if not unit:
        return value
    known = [u["unit"] for u in data.get("units", [])]
    if not known:
        raise BadResponse("a number is expected")
    if unit not in known and data.get("unitgradingtype", 0):
        raise BadResponse(_("unknown unit (known: %(units)s)") % {"units": ", ".join(known)})
    return {"value": value, "unit": unit}


def grade(question, response) -> float | None:
    """Points (0..1) for a cleaned response; None for what is not graded automatically.
    Rounded to 6 places: Moodle's 7-digit fractions (3 × 0.3333333) add up to full marks."""
    points = _points(question, response)
    return None if points is None else round(points, 6)


def answer_score(question, response) -> float | None:
    """The score an answer is stored with: its grade; an essay awaits its trainer (None) unless
    it is blank (0)."""
    if question.kind == "essay":
        return None if response else 0.0
    return grade(question, response)


def _points(question, response) -> float | None:
    kind, data = question.kind, question.data
    if kind in ("description", "essay"):
        return None
    if response is None:
        return 0.0
    if kind == "single":
        return max(0.0, min(1.0, _option_fraction(data["options"][response])))
    if kind == "multiple":
        options = data["options"]
        if any("fraction" in o for o in options):
            total = sum(_option_fraction(options[i]) for i in response)
            return max(0.0, min(1.0, total))
        right = {i for i, o in enumerate(options) if o["correct"]}
        chosen = set(response)
        return max(0.0, (len(chosen & right) - len(chosen - right)) / len(right))
    if kind == "true_false":
        return 1.0 if response == data["answer"] else 0.0
    if kind == "matching":
        # response[i] is the index of the right-hand text chosen for left item i.
        return sum(1 for i, v in enumerate(response) if v == i) / len(data["pairs"])
    if kind == "ordering":
        return sum(1 for position, v in enumerate(response) if v == position) / len(data["items"])
    if kind == "short":
        usecase = bool(data.get("usecase"))
        for answer in short_answers(data):
            if response and wildcard_match(response, str(answer["text"]), usecase=usecase):
                return max(0.0, min(1.0, float(answer["fraction"])))
        return 0.0
    if kind == "numeric":
        value, unit = (
            (response["value"], response["unit"]) if isinstance(response, dict) else (response, "")
        )
        return numeric.grade(data, float(value), unit)
    if kind == "gapselect":
        gaps = data["gaps"]
        return sum(1 for gap, chosen in zip(gaps, response, strict=True) if chosen == gap) / len(
            gaps
        )
    return 0.0
