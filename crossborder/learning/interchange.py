# ruff: noqa: E501  (lines of XML markup read better unbroken)
"""Question banks in and out: Moodle XML (all seven types) and GIFT (all but ordering, which
GIFT cannot express).

A question is exchanged as a plain dict: {key, kind, category, text, data, explanation, source}.
Moodle has no "source" field: it travels as the last paragraph of the general feedback,
"Source: …", which is how trainers see it in Moodle too.
"""

import html
import re
import xml.etree.ElementTree as ET  # parsing only our users' uploads: see parse_moodle_xml

from django.utils.html import strip_tags

SOURCE_PREFIX = "Source: "
MAX_BYTES = 5 * 1024 * 1024


class InterchangeError(ValueError):
    """The file as a whole cannot be read."""


def _text(node, path: str) -> str:
    found = node.find(path)
    if found is None or found.text is None:
        return ""
    value = found.text
    return (
        html.unescape(strip_tags(value)).strip() if "<" in value else html.unescape(value).strip()
    )


def _split_feedback(general: str) -> tuple[str, str]:
    lines = [line.strip() for line in general.split("\n") if line.strip()]
    if lines and lines[-1].startswith(SOURCE_PREFIX):
        return "\n".join(lines[:-1]), lines[-1][len(SOURCE_PREFIX) :]
    return general, ""


def _general(node) -> str:
    raw = node.find("generalfeedback/text")
    value = raw.text if raw is not None and raw.text else ""
    value = re.sub(r"</p>\s*<p[^>]*>", "\n", value)
    return html.unescape(strip_tags(value)).strip()


def parse_moodle_xml(content: bytes) -> list[dict]:
    """Questions from a Moodle XML export, each with an `errors` list (empty when usable)."""
    if len(content) > MAX_BYTES:
        raise InterchangeError("The file is larger than 5 MB.")
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise InterchangeError("Files with a DOCTYPE or entities are not accepted.")
    try:
        root = ET.fromstring(content)  # noqa: S314 (no DTD/entities allowed above)
    except ET.ParseError as error:
        raise InterchangeError(f"This is not well-formed XML ({error}).") from error
    if root.tag != "quiz":
        raise InterchangeError("This is not a Moodle XML question file (no <quiz> element).")
    category = ""
    items = []
    for node in root.findall("question"):
        kind = node.get("type", "")
        if kind == "category":
            category = _text(node, "category/text").split("/")[-1]
            continue
        explanation, source = _split_feedback(_general(node))
        item = {
            "key": re.sub(r"[^a-z0-9-]+", "-", _text(node, "name/text").lower()).strip("-")[:40],
            "category": category,
            "text": _text(node, "questiontext/text"),
            "explanation": explanation,
            "source": source,
            "errors": [],
        }
        answers = node.findall("answer")
        if kind == "multichoice":
            single = _text(node, "single").lower() in ("true", "1")
            options = [
                {
                    "text": _text(a, "text"),
                    "correct": float(a.get("fraction", "0")) > 0,
                    "feedback": _text(a, "feedback/text"),
                }
                for a in answers
            ]
            item.update(kind="single" if single else "multiple", data={"options": options})
            right = sum(1 for o in options if o["correct"])
            if single and right != 1:
                item["errors"].append("A single-choice question needs exactly one right answer.")
            if not single and right < 1:
                item["errors"].append("A multiple-response question needs a right answer.")
        elif kind == "truefalse":
            right = next((a for a in answers if float(a.get("fraction", "0")) > 0), None)
            feedback = {_text(a, "text").lower(): _text(a, "feedback/text") for a in answers}
            item.update(
                kind="true_false",
                data={"answer": right is not None and _text(right, "text").lower() == "true",
                      "feedback": feedback},
            )  # fmt: skip
            if right is None:
                item["errors"].append("No answer is marked right.")
        elif kind == "matching":
            pairs = [
                {"left": _text(s, "text"), "right": _text(s, "answer/text")}
                for s in node.findall("subquestion")
                if _text(s, "text")
            ]
            item.update(kind="matching", data={"pairs": pairs})
            if len(pairs) < 2:
                item["errors"].append("A matching question needs at least two pairs.")
        elif kind == "ordering":
            item.update(kind="ordering", data={"items": [_text(a, "text") for a in answers]})
            if len(answers) < 2:
                item["errors"].append("An ordering question needs at least two items.")
        elif kind == "shortanswer":
            accepted = [_text(a, "text") for a in answers if float(a.get("fraction", "0")) >= 100]
            item.update(kind="short", data={"accepted": accepted})
            if not accepted:
                item["errors"].append("No answer gives full marks.")
        elif kind == "numerical":
            right = next((a for a in answers if float(a.get("fraction", "0")) >= 100), None)
            try:
                data = {
                    "answer": float(_text(right, "text")),
                    "tolerance": float(_text(right, "tolerance") or 0),
                }
            except (TypeError, ValueError, AttributeError):
                data = {}
                item["errors"].append("The right answer is not a number.")
            item.update(kind="numeric", data=data)
        else:
            item.update(kind=kind, data={})
            item["errors"].append(f"Question type “{kind}” is not supported.")
        if not item["text"]:
            item["errors"].append("The question has no text.")
        if not item["key"]:
            item["errors"].append("The question has no name.")
        items.append(item)
    if not items:
        raise InterchangeError("The file contains no questions.")
    return items


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html(value: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in value.split("\n") if line.strip())


def export_moodle_xml(questions) -> str:
    """A Moodle XML file Moodle imports (one category per question category)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current = None
    for q in questions:
        if q.category != current:
            current = q.category
            out.append(
                '  <question type="category"><category><text>$course$/top/Crossborder/'
                f"{html.escape(current or 'General')}</text></category></question>"
            )
        kind = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
                "matching": "matching", "ordering": "ordering", "short": "shortanswer",
                "numeric": "numerical"}[q.kind]  # fmt: skip
        general = q.explanation + (f"\n{SOURCE_PREFIX}{q.source}" if q.source else "")
        out += [
            f'  <question type="{kind}">',
            f"    <name><text>{html.escape(q.key)}</text></name>",
            f'    <questiontext format="html"><text>{_cdata(_html(q.text))}</text></questiontext>',
            f'    <generalfeedback format="html"><text>{_cdata(_html(general))}</text></generalfeedback>',
            "    <defaultgrade>1.0000000</defaultgrade>",
            "    <penalty>0.3333333</penalty>",
            "    <hidden>0</hidden>",
        ]
        data = q.data
        if q.kind in ("single", "multiple"):
            right = sum(1 for o in data["options"] if o["correct"]) or 1
            wrong = sum(1 for o in data["options"] if not o["correct"]) or 1
            out.append(f"    <single>{'true' if q.kind == 'single' else 'false'}</single>")
            out.append("    <shuffleanswers>true</shuffleanswers>")
            for o in data["options"]:
                if q.kind == "single":
                    fraction = "100" if o["correct"] else "0"
                else:
                    fraction = f"{100 / right:.5f}" if o["correct"] else f"{-100 / wrong:.5f}"
                out.append(
                    f'    <answer fraction="{fraction}" format="html"><text>{_cdata(html.escape(o["text"]))}</text>'
                    f'<feedback format="html"><text>{_cdata(html.escape(o.get("feedback", "")))}</text></feedback></answer>'
                )
        elif q.kind == "true_false":
            feedback = data.get("feedback") or {}
            for value in ("true", "false"):
                fraction = "100" if (value == "true") == bool(data["answer"]) else "0"
                text = feedback.get(value) or feedback.get(value == "true") or ""
                out.append(
                    f'    <answer fraction="{fraction}" format="moodle_auto_format"><text>{value}</text>'
                    f"<feedback><text>{_cdata(html.escape(str(text)))}</text></feedback></answer>"
                )
        elif q.kind == "matching":
            out.append("    <shuffleanswers>true</shuffleanswers>")
            for p in data["pairs"]:
                out.append(
                    f'    <subquestion format="html"><text>{_cdata(html.escape(p["left"]))}</text>'
                    f"<answer><text>{html.escape(p['right'])}</text></answer></subquestion>"
                )
        elif q.kind == "ordering":
            for i, item in enumerate(data["items"], 1):
                out.append(
                    f'    <answer fraction="{i}.0000000" format="html"><text>{_cdata(html.escape(item))}</text></answer>'
                )
        elif q.kind == "short":
            out.append("    <usecase>0</usecase>")
            for a in data["accepted"]:
                out.append(
                    f'    <answer fraction="100" format="moodle_auto_format"><text>{html.escape(a)}</text></answer>'
                )
        elif q.kind == "numeric":
            out.append(
                f'    <answer fraction="100" format="moodle_auto_format"><text>{data["answer"]}</text>'
                f"<tolerance>{data['tolerance']}</tolerance></answer>"
            )
        out.append("  </question>")
    out.append("</quiz>")
    return "\n".join(out) + "\n"


# --- GIFT ---------------------------------------------------------------------------------

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
