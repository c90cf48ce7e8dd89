"""GIFT in, as Moodle documents it: comments, $CATEGORY, ::name::, [format] markers, escapes,
answer blocks for every type GIFT has (ordering and gapselect it cannot express), per-answer,
general and partial-credit marks. A syntax error anywhere (an unclosed brace) stops the whole
file: nothing is imported until it is fixed."""

import html
import re

from django.utils.translation import gettext as _

from ..richtext import clean_html, from_markdown, from_plain
from .common import (
    MAX_BYTES,
    SOURCE_PREFIX,
    InterchangeError,
    check_lengths,
    finite_number,
    new_item,
    split_source,
    too_large_message,
)
from .moodle_xml import category_path

_GIFT_ESCAPED = re.compile(r"\\([~=#{}:\\])")
_GIFT_FORMAT = re.compile(r"^\s*\[(html|moodle|markdown|plain)\]\s*")
_PLACEHOLDER = "\x00{}\x00"
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")


def _hide(text: str) -> tuple[str, list[str]]:
    """Replace escaped characters by placeholders so the syntax can be split safely."""
    kept: list[str] = []

    def keep(m):
        kept.append(m.group(1))
        return _PLACEHOLDER.format(len(kept) - 1)

    return _GIFT_ESCAPED.sub(keep, text), kept


def _show(text: str, kept: list[str]) -> str:
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text).strip()


def _formatted(text: str, fmt: str, *, block: bool) -> str:
    """Text in the question's format: HTML sanitised, Markdown rendered, plain kept (as
    paragraphs for whole texts, as it is for answers)."""
    if fmt == "html":
        return clean_html(text)
    if fmt == "markdown":
        rendered = " ".join(from_markdown(text).split("\n"))
        if not block and rendered.startswith("<p>") and rendered.count("<p>") == 1:
            rendered = rendered[3:-4]
        return rendered
    return from_plain(text) if block else html.unescape(text).strip()


def _answers(block: str) -> list[tuple[str, float | None, str, str]]:
    """(mark, weight or None, text, feedback) of each answer: mark is '=' or '~'."""
    answers = []
    for part in re.split(r"(?=[=~])", block):
        part = part.strip()
        if not part:
            continue
        mark, rest = part[0], part[1:]
        weight = _WEIGHT.match(rest)
        value = None
        if weight:
            value = finite_number(weight.group(1)) / 100
            rest = rest[weight.end() :]
        text, _sep, feedback = rest.partition("#")
        answers.append((mark, value, text.strip(), feedback.strip()))
    return answers


def _number_spec(spec: str) -> dict:
    spec = spec.strip()
    if ".." in spec:
        low, high = (finite_number(x) for x in spec.split(".."))
        return {"answer": (low + high) / 2, "tolerance": (high - low) / 2}
    value, _sep, tolerance = spec.partition(":")
    return {"answer": finite_number(value), "tolerance": finite_number(tolerance or 0)}


def _numeric(block: str, show) -> dict:
    body = block[1:]
    if re.search(r"(^|\s)[=~]", body):
        answers = []
        for mark, weight, text, feedback in _answers(body):
            fraction = weight if weight is not None else (1.0 if mark == "=" else 0.0)
            answers.append({**_number_spec(text), "fraction": fraction, "feedback": show(feedback)})
        return {"answers": answers, "units": []}
    spec, _sep, feedback = body.partition("#")
    return {
        "answers": [{**_number_spec(spec), "fraction": 1.0, "feedback": show(feedback)}],
        "units": [],
    }


def _block_kind(item: dict, block: str, show, literal) -> None:
    upper = block.split("#", 1)[0].strip().upper()
    if not block.strip():
        item.update(
            kind="essay",
            data={
                "grader_info": "",
                "response_template": "",
                "rubric": [],
                "min_words": None,
                "max_words": None,
            },
        )
    elif upper in ("T", "TRUE", "F", "FALSE"):
        answer = upper.startswith("T")
        wrong, right = [*[show(f) for f in block.split("#")[1:]], "", ""][:2]
        item.update(
            kind="true_false",
            data={
                "answer": answer,
                "feedback": {str(answer).lower(): right, str(not answer).lower(): wrong},
            },
        )
    elif block.strip().startswith("#"):
        try:
            item.update(kind="numeric", data=_numeric(block.strip(), show))
        except ValueError:
            item.update(kind="numeric", data={})
            item["errors"].append(_("A numerical answer is not a number or range."))
    else:
        try:
            answers = _answers(block)
        except ValueError:  # a weight of hundreds of digits: too large for a number
            item.update(kind="short", data={"answers": [], "usecase": False})
            item["errors"].append(_("An answer's weight is not a number."))
            return
        if any(mark == "~" for mark, *_ in answers):
            single = any(mark == "=" for mark, *_ in answers)
            options = []
            for mark, weight, text, feedback in answers:
                fraction = weight if weight is not None else (1.0 if mark == "=" else 0.0)
                options.append(
                    {
                        "text": show(text),
                        "fraction": fraction,
                        "correct": fraction > 0,
                        "feedback": show(feedback),
                    }
                )
            item.update(kind="single" if single else "multiple", data={"options": options})
            if not any(o["fraction"] > 0 for o in options):
                item["errors"].append(_("No answer is marked right."))
        elif answers and all("->" in text for _m, _w, text, _f in answers):
            pairs, distractors = [], []
            for _m, _w, text, _f in answers:
                left, right = (literal(x) for x in text.split("->", 1))
                (
                    pairs.append({"left": left, "right": right})
                    if left
                    else distractors.append(right)
                )
            item.update(kind="matching", data={"pairs": pairs, "distractors": distractors})
            if len(pairs) < 2:
                item["errors"].append(_("A matching question needs at least two pairs."))
        else:
            short = [
                {
                    "text": literal(text),
                    "fraction": 1.0 if weight is None else weight,
                    "feedback": show(feedback),
                }
                for _m, weight, text, feedback in answers
            ]
            item.update(kind="short", data={"answers": short, "usecase": False})
            if not any(a["fraction"] >= 1 for a in short):
                item["errors"].append(_("No answer gives full marks."))


def _question(raw: str, category: str, line: int) -> dict:
    hidden, kept = _hide(raw)
    item = new_item(category=category)
    name = re.match(r"\s*::(.*?)::", hidden, re.S)
    if name:
        item["name"] = " ".join(_show(name.group(1), kept).split())
        hidden = hidden[name.end() :]
    fmt_match = _GIFT_FORMAT.match(hidden)
    fmt = fmt_match.group(1) if fmt_match else "moodle"
    hidden = hidden[fmt_match.end() :] if fmt_match else hidden
    start, end = hidden.find("{"), hidden.find("}")
    label = item["name"] or " ".join(_show(hidden, kept).split())[:60]
    if (start >= 0 and end < start) or (start < 0 and end >= 0):
        if start >= 0:
            problem = _("an answer block “{” is never closed (line %(n)s)")
        else:
            problem = _("a “}” has no “{” (line %(n)s)")
        where = {"n": line + raw.count("\n", 0, raw.find("{" if start >= 0 else "}"))}
        raise InterchangeError(
            _(
                "Question “%(label)s” (line %(line)s): %(problem)s. Nothing was imported; "
                "fix the file and upload it again."
            )
            % {"label": label, "line": line, "problem": problem % where}
        )
    if hidden.count("{") > 1:
        raise InterchangeError(
            _(
                "Question “%(label)s” (line %(line)s): more than one answer block. Nothing was "
                "imported; fix the file and upload it again."
            )
            % {"label": label, "line": line}
        )
    if start < 0:
        item.update(
            kind="description", data={}, text=_formatted(_show(hidden, kept), fmt, block=True)
        )
        return _finish(item)
    before, after = _show(hidden[:start], kept), _show(hidden[end + 1 :], kept)
    item["text"] = _formatted(before + (f" _____ {after}" if after else ""), fmt, block=True)
    block, _sep, general = hidden[start + 1 : end].partition("####")
    general = _show(general, kept)
    if fmt == "html" or fmt == "markdown":
        item["explanation"], item["source"] = split_source(_formatted(general, fmt, block=True))
    else:
        explanation, marker, source = general.rpartition(SOURCE_PREFIX)
        explanation, source = (explanation, source) if marker else (general, "")
        item["explanation"], item["source"] = from_plain(explanation.strip()), source.strip()
    _block_kind(
        item,
        block,
        lambda text: _formatted(_show(text, kept), fmt, block=False),
        # What a learner types or picks from a list is text, whatever the question's format.
        lambda text: html.unescape(_show(text, kept)),
    )
    return _finish(item)


def _finish(item: dict) -> dict:
    if not item["name"]:
        from ..richtext import as_text

        item["name"] = as_text(item["text"])[:80] or "question"
    if not item["text"]:
        item["errors"].append(_("The question has no text."))
    check_lengths(item)
    return item


def parse_gift(content: bytes) -> list[dict]:
    """Questions from a GIFT file, each with an `errors` list (empty when usable). A syntax
    error raises InterchangeError naming the question and the line."""
    if len(content) > MAX_BYTES:
        raise InterchangeError(too_large_message())
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(_("A GIFT file must be UTF-8 text.")) from error
    if "\x00" in text:
        raise InterchangeError(_("This is not a text file."))
    category = ""
    items = []
    chunk: list[str] = []
    first = 0

    def flush():
        raw = "\n".join(chunk).strip("\n")
        chunk.clear()
        if raw.strip():
            items.append(_question(raw, category, first))

    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            flush()
            category = category_path(stripped.split(":", 1)[1])
            continue
        if not stripped:
            # A blank line ends a question, unless it is inside an open answer block.
            joined = _hide("\n".join(chunk))[0]
            if joined.count("{") <= joined.count("}"):
                flush()
                continue
        if not chunk:
            first = number
        chunk.append(line)
    flush()
    if not items:
        raise InterchangeError(_("The file contains no questions."))
    return items
