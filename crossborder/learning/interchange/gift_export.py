"""GIFT out: every type GIFT can express, texts as [html]. Ordering and select-missing-words
questions, which GIFT cannot express, are listed as comments; images, tags, idnumbers, hints,
units and case sensitivity have no GIFT syntax and are left out (use Moodle XML for those)."""

import html
import re

from ..grading import short_answers
from ..numeric import answers_of, written
from ..richtext import looks_like_html
from .common import SOURCE_PREFIX

GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def _gift(value) -> str:
    return GIFT_SPECIAL.sub(r"\\\1", str(value).replace("\r", "").replace("\n", " "))


def _html(value: str) -> str:
    """Stored HTML as it is; plain text escaped (it is written under [html])."""
    return value if looks_like_html(value) else html.escape(html.unescape(value or ""), quote=False)


def _weight(fraction: float) -> str:
    return f"%{round(float(fraction) * 100, 5):g}%"


def _number(a: dict) -> str:
    return f"{written(a['answer'])}:{written(a.get('tolerance') or 0)}"


def _body(q) -> str | None:
    data = q.data
    if q.kind in ("single", "multiple"):
        right = sum(1 for o in data["options"] if o.get("correct")) or 1
        wrong = sum(1 for o in data["options"] if not o.get("correct")) or 1
        parts = []
        for o in data["options"]:
            if "fraction" in o:
                fraction = float(o["fraction"])
            elif q.kind == "single":
                fraction = 1.0 if o["correct"] else 0.0
            else:
                fraction = 1 / right if o["correct"] else -1 / wrong
            if q.kind == "single" and fraction == 1:
                mark = "="
            elif q.kind == "single" and fraction == 0:
                mark = "~"
            else:
                mark = "~" + _weight(fraction)
            feedback = f"#{_gift(o['feedback'])}" if o.get("feedback") else ""
            parts.append(f"{mark}{_gift(o['text'])}{feedback}")
        return " ".join(parts)
    if q.kind == "true_false":
        # {TRUE#shown to a wrong answer#shown to a right answer}, as Moodle reads it.
        feedback = data.get("feedback") or {}
        right = str(bool(data["answer"])).lower()
        wrong = str(not data["answer"]).lower()
        body = "TRUE" if data["answer"] else "FALSE"
        if feedback.get(right) or feedback.get(wrong):
            body += f"#{_gift(feedback.get(wrong, ''))}#{_gift(feedback.get(right, ''))}"
        return body
    if q.kind == "matching":
        pairs = [f"={_gift(p['left'])} -> {_gift(p['right'])}" for p in data["pairs"]]
        return " ".join(pairs + [f"= -> {_gift(d)}" for d in data.get("distractors", [])])
    if q.kind == "short":
        return " ".join(
            ("=" if float(a["fraction"]) == 1 else "=" + _weight(a["fraction"]))
            + _gift(a["text"])
            + (f"#{_gift(a['feedback'])}" if a.get("feedback") else "")
            for a in short_answers(data)
        )
    if q.kind == "numeric":
        answers = [a for a in answers_of(data) if a["answer"] != "*"]
        if len(answers) == 1 and float(answers[0]["fraction"]) == 1:
            feedback = f"#{_gift(answers[0]['feedback'])}" if answers[0].get("feedback") else ""
            return f"#{_number(answers[0])}{feedback}"
        return "#" + " ".join(
            ("=" if float(a["fraction"]) == 1 else "=" + _weight(a["fraction"]))
            + _number(a)
            + (f"#{_gift(a['feedback'])}" if a.get("feedback") else "")
            for a in answers
        )
    if q.kind == "essay":
        return ""
    return None


def export_gift(questions) -> str:
    out = []
    current = None
    for q in questions:
        if q.category != current:
            current = q.category
            out.append(f"$CATEGORY: $course$/top/{current or 'Crossborder'}\n")
        name = q.name or q.key
        if q.kind in ("ordering", "gapselect"):
            out.append(f"// {name}: {q.get_kind_display()} questions cannot be written in GIFT.\n")
            continue
        text = _html(q.text)
        if q.kind == "description":
            out.append(f"::{_gift(name)}::[html]{_gift(text)}\n")
            continue
        general = _html(q.explanation)
        if q.source:
            general += f"<p>{SOURCE_PREFIX}{q.source}</p>"
        general = f" ####{_gift(general)}" if general else ""
        out.append(f"::{_gift(name)}::[html]{_gift(text)} {{{_body(q)}{general}}}\n")
    return "\n".join(out)
