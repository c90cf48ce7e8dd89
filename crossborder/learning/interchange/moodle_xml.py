"""Moodle XML in (Moodle 4.x question-bank exports). Untrusted XML is read with defusedxml:
no DTD, no entities, no external references."""

import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.translation import gettext as _

from ..richtext import as_text, clean_html, from_markdown, from_plain
from .common import (
    MAX_BYTES,
    InterchangeError,
    check_lengths,
    decode_file,
    file_key,
    finite_number,
    new_item,
    references,
    split_source,
    too_large_message,
)

_CATEGORY_PREFIX = re.compile(r"^\$[a-z0-9]+\$/(top/)?|^top/")
_GAP = re.compile(r"\[\[(\d+)\]\]")


def _node_text(node, path: str) -> str:
    found = node.find(path) if path else node
    if found is None:
        return ""
    inner = found.find("text")
    value = (inner if inner is not None else found).text
    return (value or "").strip()


def _plain(node, path: str) -> str:
    return as_text(_node_text(node, path))


def _rich(node, path: str) -> str:
    found = node.find(path) if path else node
    if found is None:
        return ""
    value = _node_text(found, "")
    fmt = found.get("format", "html")
    if fmt == "markdown":
        return from_markdown(value)
    if fmt in ("plain_text", "moodle_auto_format") and "<" not in value:
        return from_plain(value)
    return clean_html(value)


def _number(node, path: str, default: float) -> float:
    try:
        return finite_number(_node_text(node, path) or default)
    except ValueError:
        return default


def _flag(node, path: str) -> bool:
    return _node_text(node, path).lower() in ("1", "true")


def _fraction(answer) -> float:
    try:
        return finite_number(answer.get("fraction", "0")) / 100
    except ValueError:
        return 0.0


def category_path(raw: str) -> str:
    return _CATEGORY_PREFIX.sub("", raw.strip()).strip("/")


def _common(node, category: str) -> dict:
    item = new_item(
        name=_plain(node, "name"),
        idnumber=_node_text(node, "idnumber"),
        category=category,
        text=_rich(node, "questiontext"),
        hidden=_flag(node, "hidden"),
        penalty=_number(node, "penalty", 0.3333333),
        default_grade=_number(node, "defaultgrade", 1.0),
        labels=[t for t in (_plain(tag, "") for tag in node.findall("tags/tag")) if t],
        hints=[
            {
                "text": _rich(h, ""),
                "shownumcorrect": h.find("shownumcorrect") is not None,
                "clearwrong": h.find("clearwrong") is not None,
            }
            for h in node.findall("hint")
        ],
    )
    item["explanation"], item["source"] = split_source(_rich(node, "generalfeedback"))
    combined = {
        key: _rich(node, tag)
        for key, tag in (
            ("correct", "correctfeedback"),
            ("partial", "partiallycorrectfeedback"),
            ("incorrect", "incorrectfeedback"),
        )
        if node.find(tag) is not None
    }
    if combined:
        combined["shownumcorrect"] = node.find("shownumcorrect") is not None
        item["feedback"] = combined
    seen = set()
    for file in node.iter("file"):
        name, path = file.get("name", ""), file.get("path", "/")
        key = file_key(path, name)
        if key in seen:
            continue
        seen.add(key)
        try:
            decode_file(key, file.text or "")
        except ValueError as error:
            item["errors"].append(str(error))
            continue
        item["files"].append(
            {"name": key, "path": path, "content": "".join((file.text or "").split())}
        )
    return item


def _multichoice(node, item):
    single = _flag(node, "single")
    options = [
        {
            "text": _rich(a, ""),
            "fraction": _fraction(a),
            "correct": _fraction(a) > 0,
            "feedback": _rich(a, "feedback"),
        }
        for a in node.findall("answer")
    ]
    item.update(
        kind="single" if single else "multiple",
        data={
            "options": options,
            "shuffle": _flag(node, "shuffleanswers"),
            "numbering": _node_text(node, "answernumbering") or "abc",
        },
    )
    best = max((o["fraction"] for o in options), default=0)
    if single and abs(best - 1) > 1e-4:
        item["errors"].append(_("One answer must be worth 100 %."))
    if not single and best <= 0:
        item["errors"].append(_("A multiple-response question needs a right answer."))


def _truefalse(node, item):
    answers = node.findall("answer")
    right = next((a for a in answers if _fraction(a) > 0), None)
    feedback = {_plain(a, "").lower(): _rich(a, "feedback") for a in answers}
    answer = right is not None and _plain(right, "").lower() == "true"
    item.update(kind="true_false", data={"answer": answer, "feedback": feedback})
    if right is None:
        item["errors"].append(_("No answer is marked right."))


def _matching(node, item):
    pairs, distractors = [], []
    for sub in node.findall("subquestion"):
        left, right = _rich(sub, ""), _plain(sub, "answer")
        if as_text(left):
            pairs.append({"left": left, "right": right})
        elif right:
            distractors.append(right)  # a subquestion without text is a wrong choice
    item.update(
        kind="matching",
        data={"pairs": pairs, "distractors": distractors, "shuffle": _flag(node, "shuffleanswers")},
    )
    if len(pairs) < 2:
        item["errors"].append(_("A matching question needs at least two pairs."))


def _shortanswer(node, item):
    answers = [
        {"text": _plain(a, ""), "fraction": _fraction(a), "feedback": _rich(a, "feedback")}
        for a in node.findall("answer")
    ]
    item.update(kind="short", data={"answers": answers, "usecase": _flag(node, "usecase")})
    if not any(abs(a["fraction"] - 1) < 1e-4 for a in answers):
        item["errors"].append(_("No answer gives full marks."))


def _numerical(node, item):
    answers = []
    for a in node.findall("answer"):
        value = _plain(a, "")
        try:
            answer = "*" if value == "*" else finite_number(value.replace(",", "."))
        except ValueError:
            item["errors"].append(_("The answer “%(value)s” is not a number.") % {"value": value})
            continue
        answers.append(
            {
                "answer": answer,
                "tolerance": _number(a, "tolerance", 0.0),
                "fraction": _fraction(a),
                "feedback": _rich(a, "feedback"),
            }
        )
    units = [
        {"unit": _node_text(u, "unit_name"), "multiplier": _number(u, "multiplier", 1.0)}
        for u in node.findall("units/unit")
        if _node_text(u, "unit_name")
    ]
    item.update(
        kind="numeric",
        data={
            "answers": answers,
            "units": units,
            "unitgradingtype": int(_number(node, "unitgradingtype", 0)),
            "unitpenalty": _number(node, "unitpenalty", 0.1),
            "showunits": int(_number(node, "showunits", 3)),
            "unitsleft": _flag(node, "unitsleft"),
        },
    )
    if not any(abs(a["fraction"] - 1) < 1e-4 for a in answers):
        item["errors"].append(_("No answer gives full marks."))


def _essay(node, item):
    def words(tag):
        value = _node_text(node, tag)
        # isdecimal, not isdigit ("²" is a digit int() cannot read); nine digits are plenty
        return int(value) if value.isdecimal() and len(value) <= 9 and int(value) > 0 else None

    item.update(
        kind="essay",
        data={
            "grader_info": _rich(node, "graderinfo"),
            "response_template": _node_text(node, "responsetemplate"),
            "rubric": [],
            "min_words": words("minwordlimit"),
            "max_words": words("maxwordlimit"),
        },
    )


def _gapselect(node, item, tag: str):
    choices = [
        {"text": _plain(c, ""), "group": int(_number(c, "group", 1))} for c in node.findall(tag)
    ]
    gaps = [int(n) - 1 for n in _GAP.findall(item["text"])]
    item.update(
        kind="gapselect",
        data={"choices": choices, "gaps": gaps, "shuffle": _flag(node, "shuffleanswers")},
    )
    if not gaps:
        item["errors"].append(_("The text has no gap [[1]]."))
    if any(not 0 <= g < len(choices) for g in gaps):
        item["errors"].append(_("A gap refers to a choice that does not exist."))


READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "matching": _matching,
    "ordering": lambda node, item: item.update(
        kind="ordering", data={"items": [_plain(a, "") for a in node.findall("answer")]}
    ),
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "essay": _essay,
    "description": lambda node, item: item.update(kind="description", data={}),
    "gapselect": lambda node, item: _gapselect(node, item, "selectoption"),
    "ddwtos": lambda node, item: _gapselect(node, item, "dragbox"),
}


def parse_moodle_xml(content: bytes) -> list[dict]:
    """Questions from a Moodle XML export, each with an `errors` list (empty when usable)."""
    if len(content) > MAX_BYTES:
        raise InterchangeError(too_large_message())
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InterchangeError(_("Files with a DOCTYPE or entities are not accepted.")) from error
    except (ParseError, ValueError, LookupError) as error:  # LookupError: unknown encoding
        raise InterchangeError(
            _("This is not well-formed XML (%(error)s).") % {"error": error}
        ) from error
    if root.tag != "quiz":
        raise InterchangeError(_("This is not a Moodle XML question file (no <quiz> element)."))
    category = ""
    items = []
    for node in root.findall("question"):
        kind = node.get("type", "")
        if kind == "category":
            category = category_path(_node_text(node, "category"))
            continue
        item = _common(node, category)
        reader = READERS.get(kind)
        if reader is None:
            item["kind"] = kind
            item["errors"].append(_("Question type “%(kind)s” is not supported.") % {"kind": kind})
        else:
            reader(node, item)
        _check(item)
        items.append(item)
    if not items:
        raise InterchangeError(_("The file contains no questions."))
    return items


def _check(item: dict) -> None:
    if not item["text"] and item["kind"] != "description":
        item["errors"].append(_("The question has no text."))
    if not item["name"]:
        item["errors"].append(_("The question has no name."))
    check_lengths(item)
    present = {f["name"] for f in item["files"]}
    texts = [
        item["text"],
        item["explanation"],
        str(item["data"]),
        str(item["hints"]),
        str(item["feedback"]),
    ]
    missing = set().union(*(references(t) for t in texts)) - present
    if missing:
        item["errors"].append(
            _("Missing embedded file: %(names)s") % {"names": ", ".join(sorted(missing))}
        )
