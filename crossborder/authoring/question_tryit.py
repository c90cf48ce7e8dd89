"""The editor's preview: a question laid out as the quiz lays it out (learning/_question.html),
the answer read from the form as the quiz reads it, and the feedback a learner would get."""

from crossborder.learning import numeric
from crossborder.learning.grading import short_answers, wildcard_match


def preview_item(question) -> dict:
    """What the quiz's question partial needs (`item`): the choices in their stored order, except
    an ordering question's, turned by one so that none starts in its right place."""
    size = _size(question.kind, question.data)
    order = list(range(size))
    if question.kind == "ordering" and size > 1:
        order = order[1:] + order[:1]
    return {"n": 1, "q": question, "order": order, "answer": None, "response": None}


def _size(kind: str, data: dict) -> int:
    """How many choices the learner picks from (their positions are what answers refer to)."""
    if kind in ("single", "multiple"):
        return len(data.get("options", []))
    if kind == "matching":
        return len(data.get("pairs", [])) + len(data.get("distractors", []))
    if kind == "ordering":
        return len(data.get("items", []))
    if kind == "gapselect":
        return len(data.get("choices", []))
    return 0


def response_from(question, post):
    """The raw answer in a posted form, read as the quiz reads it."""
    kind, data = question.kind, question.data
    if kind == "multiple":
        return post.getlist("response") if hasattr(post, "getlist") else []
    if kind == "matching":
        return [post.get(f"m{i}", "") for i in range(len(data["pairs"]))]
    if kind == "ordering":
        return [post.get(f"o{i}", "") for i in range(len(data["items"]))]
    if kind == "gapselect":
        return [post.get(f"g{i}", "") for i in range(len(data["gaps"]))]
    return post.get("response", "")


def feedback_for(question, response, score) -> list[str]:
    """The feedback texts (sanitised HTML) a learner gets for this response: each chosen
    option's, the matching answer's, then the combined feedback for the score."""
    kind, data, out = question.kind, question.data, []
    if kind == "single":
        out.append(data["options"][response].get("feedback", ""))
    elif kind == "multiple":
        out.extend(data["options"][i].get("feedback", "") for i in response)
    elif kind == "true_false":
        out.append((data.get("feedback") or {}).get("true" if response else "false", ""))
    elif kind == "short":
        usecase = bool(data.get("usecase"))
        for answer in short_answers(data):
            if response and wildcard_match(response, str(answer["text"]), usecase=usecase):
                out.append(answer.get("feedback", ""))
                break
    elif kind == "numeric":
        value, unit = (
            (response["value"], response["unit"]) if isinstance(response, dict) else (response, "")
        )
        answer, _unit_right = numeric.matching_answer(data, float(value), unit)
        if answer is not None:
            out.append(answer.get("feedback", ""))
    if score is not None and question.feedback:
        key = "correct" if score >= 1 else "partial" if score > 0 else "incorrect"
        out.append(question.feedback.get(key, ""))
    return [text for text in out if text]
