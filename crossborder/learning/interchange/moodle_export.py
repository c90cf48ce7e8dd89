# ruff: noqa: E501  (lines of XML markup read better unbroken)
"""Moodle XML out: what Moodle's own exporter writes, with images embedded as base64 files."""

import base64
import html
import re

from django.core.files.storage import default_storage

from ..numeric import answers_of
from ..richtext import looks_like_html
from .common import SOURCE_PREFIX, references, to_references

KINDS = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "matching": "matching",
    "ordering": "ordering",
    "short": "shortanswer",
    "numeric": "numerical",
    "essay": "essay",
    "description": "description",
    "gapselect": "gapselect",
}


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _as_html(value: str) -> str:
    """Stored HTML as it is; plain text (the shipped curriculum) escaped, so it reads back the
    same once sanitised."""
    return value if looks_like_html(value) else html.escape(html.unescape(value or ""), quote=False)


def _fraction(value: float) -> str:
    return f"{float(value) * 100:.7f}".rstrip("0").rstrip(".") or "0"


class _Writer:
    def __init__(self, question):
        self.files = {}  # name → stored path, for the files this question's texts refer to
        self.urls = {}
        for f in question.files or []:
            self.urls[default_storage.url(f["storage"])] = f["name"]
            self.files[f["name"]] = f["storage"]

    def rich(self, tag: str, value: str, indent: str = "    ", plain: bool = False) -> str:
        value = to_references(value if plain else _as_html(value or ""), self.urls)
        out = f'{indent}<{tag} format="html">\n{indent}  <text>{_cdata(value)}</text>\n'
        for name in sorted(references(value)):
            if name in self.files and default_storage.exists(self.files[name]):
                with default_storage.open(self.files[name], "rb") as stored:
                    data = base64.b64encode(stored.read()).decode()
                out += f'{indent}  <file name="{html.escape(name)}" path="/" encoding="base64">{data}</file>\n'
        return out + f"{indent}</{tag}>"


def _text(tag: str, value, indent: str = "    ") -> str:
    return f"{indent}<{tag}>{html.escape(str(value))}</{tag}>"


def _body(q, w: _Writer) -> list[str]:
    data, out = q.data, []
    if q.kind in ("single", "multiple"):
        right = sum(1 for o in data["options"] if o.get("correct")) or 1
        wrong = sum(1 for o in data["options"] if not o.get("correct")) or 1
        out += [
            _text("single", "true" if q.kind == "single" else "false"),
            _text("shuffleanswers", "true" if data.get("shuffle", True) else "false"),
            _text("answernumbering", data.get("numbering", "abc")),
        ]
        for o in data["options"]:
            if "fraction" in o:
                fraction = o["fraction"]
            elif q.kind == "single":
                fraction = 1.0 if o["correct"] else 0.0
            else:
                fraction = 1 / right if o["correct"] else -1 / wrong
            out.append(f'    <answer fraction="{_fraction(fraction)}" format="html">')
            out.append(f"      <text>{_cdata(to_references(_as_html(o['text']), w.urls))}</text>")
            out += [w.rich("feedback", o.get("feedback", ""), "      "), "    </answer>"]
    elif q.kind == "true_false":
        feedback = data.get("feedback") or {}
        for value in ("true", "false"):
            fraction = "100" if (value == "true") == bool(data["answer"]) else "0"
            out += [
                f'    <answer fraction="{fraction}" format="moodle_auto_format">',
                f"      <text>{value}</text>",
                w.rich("feedback", str(feedback.get(value) or ""), "      "),
                "    </answer>",
            ]
    elif q.kind == "matching":
        out.append(_text("shuffleanswers", "true" if data.get("shuffle", True) else "false"))
        subs = [(p["left"], p["right"]) for p in data["pairs"]]
        subs += [("", d) for d in data.get("distractors", [])]
        for left, right in subs:
            text = _cdata(_as_html(left)) if left else ""
            out.append(
                f'    <subquestion format="html"><text>{text}</text>'
                f"<answer><text>{html.escape(right)}</text></answer></subquestion>"
            )
    elif q.kind == "ordering":
        for i, item in enumerate(data["items"], 1):
            out.append(
                f'    <answer fraction="{i}.0000000" format="html"><text>{_cdata(html.escape(item))}</text></answer>'
            )
    elif q.kind == "short":
        from ..grading import short_answers

        out.append(_text("usecase", 1 if data.get("usecase") else 0))
        for a in short_answers(data):
            out += [
                f'    <answer fraction="{_fraction(a["fraction"])}" format="moodle_auto_format">',
                f"      <text>{html.escape(str(a['text']))}</text>",
                w.rich("feedback", a.get("feedback", ""), "      "),
                "    </answer>",
            ]
    elif q.kind == "numeric":
        for a in answers_of(data):
            out += [
                f'    <answer fraction="{_fraction(a["fraction"])}" format="moodle_auto_format">',
                f"      <text>{a['answer'] if a['answer'] == '*' else repr(float(a['answer']))}</text>",
                w.rich("feedback", a.get("feedback", ""), "      "),
                _text("tolerance", repr(float(a.get("tolerance") or 0)), "      "),
                "    </answer>",
            ]
        if data.get("units"):
            out.append("    <units>")
            for u in data["units"]:
                out.append(
                    f"      <unit><multiplier>{u['multiplier']!r}</multiplier>"
                    f"<unit_name>{html.escape(u['unit'])}</unit_name></unit>"
                )
            out.append("    </units>")
        out += [
            _text("unitgradingtype", data.get("unitgradingtype", 0)),
            _text("unitpenalty", data.get("unitpenalty", 0.1)),
            _text("showunits", data.get("showunits", 3)),
            _text("unitsleft", 1 if data.get("unitsleft") else 0),
        ]
    elif q.kind == "essay":
        out += [
            _text("responseformat", "editor"),
            _text("responserequired", 1),
            _text("responsefieldlines", 15),
            _text("minwordlimit", data.get("min_words") or ""),
            _text("maxwordlimit", data.get("max_words") or ""),
            w.rich("graderinfo", data.get("grader_info", "")),
            f'    <responsetemplate format="html"><text>{_cdata(data.get("response_template", ""))}</text></responsetemplate>',
        ]
    elif q.kind == "gapselect":
        out.append(_text("shuffleanswers", 1 if data.get("shuffle") else 0))
        for c in data["choices"]:
            out.append(
                f"    <selectoption><text>{html.escape(c['text'])}</text>"
                f"<group>{c['group']}</group></selectoption>"
            )
    return out


def _feedback_and_hints(q, w: _Writer) -> list[str]:
    out = []
    feedback = q.feedback or {}
    for key, tag in (
        ("correct", "correctfeedback"),
        ("partial", "partiallycorrectfeedback"),
        ("incorrect", "incorrectfeedback"),
    ):
        if key in feedback:
            out.append(w.rich(tag, feedback[key]))
    if feedback.get("shownumcorrect"):
        out.append("    <shownumcorrect/>")
    for hint in q.hints or []:
        block = w.rich("hint", hint["text"]).rsplit("\n", 1)
        extra = ("      <shownumcorrect/>\n" if hint.get("shownumcorrect") else "") + (
            "      <clearwrong/>\n" if hint.get("clearwrong") else ""
        )
        out.append(block[0] + "\n" + extra + block[1] if extra else "\n".join(block))
    return out


def export_moodle_xml(questions) -> str:
    """A Moodle XML file Moodle imports (one category element per category path)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current = None
    for q in questions:
        if q.category != current:
            current = q.category
            out += [
                '  <question type="category">',
                f"    <category><text>$course$/top/{html.escape(current or 'Crossborder')}</text></category>",
                "  </question>",
            ]
        w = _Writer(q)
        general = _as_html(q.explanation or "")
        if q.source:
            general += f"<p>{html.escape(SOURCE_PREFIX + q.source)}</p>"
        out += [
            f'  <question type="{KINDS[q.kind]}">',
            f"    <name><text>{html.escape(q.name or q.key)}</text></name>",
            w.rich("questiontext", q.text),
            w.rich("generalfeedback", general, plain=True),
            _text("defaultgrade", f"{q.default_grade:.7f}"),
            _text("penalty", f"{q.penalty:.7f}"),
            _text("hidden", 1 if q.hidden else 0),
            _text("idnumber", q.idnumber),
            *_body(q, w),
            *_feedback_and_hints(q, w),
        ]
        if q.labels:
            out.append(
                "    <tags>"
                + "".join(f"<tag><text>{html.escape(t)}</text></tag>" for t in q.labels)
                + "</tags>"
            )
        out.append("  </question>")
    out.append("</quiz>")
    return re.sub(r"\n+", "\n", "\n".join(out)) + "\n"
