# ruff: noqa: E501  (lines of XML markup read better unbroken)
"""Moodle XML in and out (all seven question types)."""

import html
import re
import xml.etree.ElementTree as ET  # parsing only our users' uploads: see parse_moodle_xml

from django.utils.html import strip_tags

from .common import MAX_BYTES, SOURCE_PREFIX, InterchangeError


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
