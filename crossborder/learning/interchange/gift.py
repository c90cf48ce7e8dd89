"""GIFT in and out (all types but ordering, which GIFT cannot express)."""

import html
import re

from django.utils.html import strip_tags

from .common import MAX_BYTES, SOURCE_PREFIX, InterchangeError

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _gift(value: str) -> str:
    return GIFT_SPECIAL.sub(r"\\\1", value.replace("\n", " "))


def export_gift(questions) -> str:
    """GIFT text. GIFT has no ordering type: those questions are listed as comments."""
    out = []
    current = None
    for q in questions:
        if q.category != current:
            current = q.category
            out.append(f"$CATEGORY: $course$/top/Crossborder/{current or 'General'}\n")
        general = q.explanation + (f" {SOURCE_PREFIX}{q.source}" if q.source else "")
        data = q.data
        if q.kind == "ordering":
            out.append(f"// {q.key}: ordering questions cannot be written in GIFT.\n")
            continue
        if q.kind in ("single", "multiple"):
            right = sum(1 for o in data["options"] if o["correct"]) or 1
            wrong = sum(1 for o in data["options"] if not o["correct"]) or 1
            parts = []
            for o in data["options"]:
                feedback = f"#{_gift(o['feedback'])}" if o.get("feedback") else ""
                if q.kind == "single":
                    mark = "=" if o["correct"] else "~"
                else:
                    share = round(100 / right, 5) if o["correct"] else round(-100 / wrong, 5)
                    mark = f"~%{share:g}%"
                parts.append(f"{mark}{_gift(o['text'])}{feedback}")
            body = " ".join(parts)
        elif q.kind == "true_false":
            # {TRUE#shown to a wrong answer#shown to a right answer}, as Moodle reads it.
            feedback = data.get("feedback") or {}
            right = str(bool(data["answer"])).lower()
            wrong = str(not data["answer"]).lower()
            body = "TRUE" if data["answer"] else "FALSE"
            if feedback.get(right) or feedback.get(wrong):
                body += (
                    f"#{_gift(str(feedback.get(wrong, '')))}#{_gift(str(feedback.get(right, '')))}"
                )
        elif q.kind == "matching":
            body = " ".join(f"={_gift(p['left'])} -> {_gift(p['right'])}" for p in data["pairs"])
        elif q.kind == "short":
            body = " ".join(f"={_gift(a)}" for a in data["accepted"])
        else:
            body = f"#{data['answer']:g}:{data['tolerance']:g}"
        out.append(f"::{_gift(q.key)}::{_gift(q.text)} {{{body} ####{_gift(general)}}}\n")
    return "\n".join(out)


# GIFT in: the format Moodle documents (comments, $CATEGORY, ::name::, [format] markers, escapes,
# answer blocks for every type but ordering, per-answer and general feedback).

_GIFT_ESCAPED = re.compile(r"\\([~=#{}:\\])")
_GIFT_FORMAT = re.compile(r"^\[(html|moodle|markdown|plain)\]\s*")
_PLACEHOLDER = "\x00{}\x00"


def _gift_hide(text: str) -> tuple[str, list[str]]:
    """Replace escaped characters by placeholders so the syntax can be split safely."""
    kept: list[str] = []

    def keep(m):
        kept.append(m.group(1))
        return _PLACEHOLDER.format(len(kept) - 1)

    return _GIFT_ESCAPED.sub(keep, text), kept


def _gift_show(text: str, kept: list[str]) -> str:
    text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
    text = _GIFT_FORMAT.sub("", text.strip())
    return html.unescape(strip_tags(text)).strip() if "<" in text else text.strip()


def _gift_answers(block: str) -> list[tuple[str, str, str]]:
    """(mark, text, feedback) for each answer of a block: mark is '=', '~' or '~%50%'."""
    parts = re.split(r"(?=[=~])", block)
    answers = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        mark = part[0]
        rest = part[1:]
        weight = re.match(r"%(-?\d+(?:\.\d+)?)%", rest)
        if weight:
            mark += f"%{weight.group(1)}%"
            rest = rest[weight.end() :]
        text, _, feedback = rest.partition("#")
        answers.append((mark, text.strip(), feedback.strip()))
    return answers


def _gift_question(raw: str, category: str) -> dict:
    hidden, kept = _gift_hide(raw)
    item = {"key": "", "category": category, "text": "", "explanation": "", "source": "",
            "errors": []}  # fmt: skip
    name = re.match(r"\s*::(.*?)::", hidden, re.S)
    if name:
        item["key"] = _gift_show(name.group(1), kept)
        hidden = hidden[name.end() :]
    start, end = hidden.find("{"), hidden.rfind("}")
    if start < 0 or end < start:
        item.update(kind="", data={}, text=_gift_show(hidden, kept))
        item["errors"].append("No answer block { … } was found.")
        return _gift_finish(item)
    item["text"] = _gift_show(hidden[:start] + " " + hidden[end + 1 :], kept)
    block = hidden[start + 1 : end]
    block, _, general = block.partition("####")
    general = _gift_show(general, kept)
    explanation, marker, source = general.rpartition(SOURCE_PREFIX)
    if not marker:
        explanation, source = general, ""
    item.update(explanation=explanation.strip(), source=source.strip())
    block = block.strip()
    upper = block.split("#", 1)[0].strip().upper()
    if upper in ("T", "TRUE", "F", "FALSE"):
        answer = upper.startswith("T")
        feedback = [_gift_show(f, kept) for f in block.split("#")[1:]]
        wrong, right = [*feedback, "", ""][:2]
        item.update(kind="true_false", data={"answer": answer, "feedback": {
            str(answer).lower(): right, str(not answer).lower(): wrong}})  # fmt: skip
    elif block.startswith("#"):
        numbers = block[1:].split("#", 1)[0].strip()
        try:
            if ".." in numbers:
                low, high = (float(x) for x in numbers.split(".."))
                data = {"answer": (low + high) / 2, "tolerance": (high - low) / 2}
            else:
                value, _, tolerance = numbers.partition(":")
                data = {"answer": float(value), "tolerance": float(tolerance or 0)}
        except ValueError:
            data = {}
            item["errors"].append("The right answer is not a number.")
        item.update(kind="numeric", data=data)
    else:
        answers = _gift_answers(block)
        equals = [a for a in answers if a[0] == "="]
        others = [a for a in answers if a[0] != "="]
        if equals and not others and all("->" in text for _m, text, _f in equals):
            pairs = []
            for _m, text, _f in equals:
                left, right = text.split("->", 1)
                pairs.append({"left": _gift_show(left, kept), "right": _gift_show(right, kept)})
            item.update(kind="matching", data={"pairs": pairs})
            if len(pairs) < 2:
                item["errors"].append("A matching question needs at least two pairs.")
        elif equals and not others:
            item.update(
                kind="short", data={"accepted": [_gift_show(t, kept) for _m, t, _f in equals]}
            )
        elif answers:
            # Weights (~%50%) mean several answers may count: a multiple-response question.
            weighted = any("%" in mark for mark, _t, _f in answers)
            options = [
                {
                    "text": _gift_show(text, kept),
                    "correct": float(mark.split("%")[1]) > 0 if "%" in mark else mark == "=",
                    "feedback": _gift_show(feedback, kept),
                }
                for mark, text, feedback in answers
            ]
            right = sum(1 for o in options if o["correct"])
            kind = "multiple" if weighted or right > 1 else "single"
            item.update(kind=kind, data={"options": options})
            if right < 1:
                item["errors"].append("No answer is marked right.")
        else:
            item.update(kind="", data={})
            item["errors"].append(
                "The answer block is empty (essay and description questions are not supported)."
            )
    return _gift_finish(item)


def _gift_finish(item: dict) -> dict:
    if not item["key"] and item["text"]:
        item["key"] = re.sub(r"[^a-z0-9]+", "-", item["text"].lower()).strip("-")[:40]
    item["key"] = re.sub(r"[^a-z0-9-]+", "-", item["key"].lower()).strip("-")[:40]
    if not item["text"]:
        item["errors"].append("The question has no text.")
    return item


def parse_gift(content: bytes) -> list[dict]:
    """Questions from a GIFT file, each with an `errors` list (empty when usable)."""
    if len(content) > MAX_BYTES:
        raise InterchangeError("The file is larger than 5 MB.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError("A GIFT file must be UTF-8 text.") from error
    if "\x00" in text:
        raise InterchangeError("This is not a text file.")
    category = ""
    items = []
    chunk: list[str] = []

    def flush():
        raw = "\n".join(chunk).strip()
        chunk.clear()
        if raw:
            items.append(_gift_question(raw, category))

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            flush()
            category = stripped.split(":", 1)[1].strip().split("/")[-1]
            continue
        if not stripped:
            flush()
            continue
        chunk.append(line)
    flush()
    if not items:
        raise InterchangeError("The file contains no questions.")
    return items
