"""Server-side grading. Each question is worth 1 point; partial credit follows stated rules.

- single, true/false, short answer, numeric: all or nothing.
- multiple response: (right choices ticked − wrong choices ticked) / right choices, not below 0.
- matching: the share of pairs matched correctly.
- ordering: the share of items in their correct position.
- essay: not graded here; a trainer grades it with its rubric (see essays.py).
"""

from django.utils.translation import gettext as _


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
        pairs = data["pairs"]
        if not isinstance(raw, list) or len(raw) != len(pairs):
            raise BadResponse("one choice per item is expected")
        return [None if v in (None, "") else _index(v, len(pairs)) for v in raw]
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
        return raw.strip()
    if kind == "numeric":
        try:
            return float(str(raw).replace(",", ".").strip())
        except ValueError as error:
            raise BadResponse("a number is expected") from error
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


def grade(question, response) -> float:
    """Points (0..1) for a cleaned response."""
    kind, data = question.kind, question.data
    if response is None:
        return 0.0
    if kind == "single":
        return 1.0 if data["options"][response]["correct"] else 0.0
    if kind == "multiple":
        right = {i for i, o in enumerate(data["options"]) if o["correct"]}
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
        accepted = {str(a).strip().casefold() for a in data["accepted"]}
        return 1.0 if response.casefold() in accepted else 0.0
    if kind == "numeric":
        return 1.0 if abs(response - float(data["answer"])) <= float(data["tolerance"]) else 0.0
    return 0.0
