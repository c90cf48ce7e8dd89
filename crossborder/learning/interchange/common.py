"""What both formats share: the size limit, the source line, the whole-file error, embedded
files and the plain-dict shape of an exchanged question.

A question travels as a dict: {name, idnumber, kind, category (path below "top"), text (HTML),
data, explanation (HTML), source, hidden, penalty, default_grade, labels, hints, feedback,
files: [{name, path, content (base64)}], errors}. Images in texts are referred to as
@@PLUGINFILE@@/<URL-encoded name>, as in Moodle, until they are stored.
"""

import base64
import math
import re
from urllib.parse import quote, unquote

from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..richtext import html_as_text

SOURCE_PREFIX = "Source: "
MAX_BYTES = 10 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)
PLUGINFILE = "@@PLUGINFILE@@/"
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
_REFERENCE = re.compile(r"@@PLUGINFILE@@/([^\"'\s<>)]+)")
_SOURCE = re.compile(r"<p[^>]*>\s*Source:\s*(.*?)</p>\s*$", re.S)


class InterchangeError(ValueError):
    """The file as a whole cannot be read."""


def finite_number(text) -> float:
    """float(text), except that "nan", "inf" and numbers too large for a float are not numbers:
    JSON, and so the database, cannot store them."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def check_lengths(item: dict) -> None:
    """An error for a name, ID number or category longer than the question bank keeps."""
    from ..models import Question

    messages = {
        "name": _("The name is longer than %(limit)s characters."),
        "idnumber": _("The ID number is longer than %(limit)s characters."),
        "category": _("The category is longer than %(limit)s characters."),
    }
    for field, message in messages.items():
        limit = Question._meta.get_field(field).max_length
        if len(item[field]) > limit:
            item["errors"].append(message % {"limit": limit})


def too_large_message() -> str:
    return _("The file is larger than %(n)s MB.") % {"n": MAX_MB}


def new_item(**fields) -> dict:
    item = {
        "name": "",
        "idnumber": "",
        "kind": "",
        "category": "",
        "text": "",
        "data": {},
        "explanation": "",
        "source": "",
        "hidden": False,
        "penalty": 0.3333333,
        "default_grade": 1.0,
        "labels": [],
        "hints": [],
        "feedback": {},
        "files": [],
        "errors": [],
    }
    item.update(fields)
    return item


def split_source(general_html: str) -> tuple[str, str]:
    """(explanation, source) of a general feedback whose last paragraph is "Source: …"."""
    match = _SOURCE.search(general_html or "")
    if match:
        # the paragraph is HTML even without tags: "&amp;" in a URL's query is "&"
        return general_html[: match.start()].strip(), html_as_text(match.group(1))
    text = general_html or ""
    before, marker, source = text.rpartition(SOURCE_PREFIX)
    if marker and "<" not in source and "\n" not in source.strip():
        return before.strip(), source.strip()
    return text.strip(), ""


def file_key(path: str, name: str) -> str:
    return unquote((path or "/").strip("/") + "/" + name).lstrip("/")


def references(value: str) -> set[str]:
    return {unquote(m.group(1)) for m in _REFERENCE.finditer(value or "")}


def decode_file(name: str, content: str) -> bytes:
    if "." + name.rsplit(".", 1)[-1].lower() not in IMAGE_TYPES:
        raise ValueError(
            _("The file “%(name)s” is not an image (PNG, JPEG, GIF or WebP).") % {"name": name}
        )
    try:
        return base64.b64decode("".join((content or "").split()), validate=True)
    except ValueError as error:
        raise ValueError(_("The file “%(name)s” is not valid base64.") % {"name": name}) from error


def replace_references(value: str, urls: dict[str, str]) -> str:
    """@@PLUGINFILE@@/name → the stored file's URL (names compared URL-decoded)."""

    def swap(match):
        return urls.get(unquote(match.group(1)), match.group(0))

    return _REFERENCE.sub(swap, value or "")


def to_references(value: str, names: dict[str, str]) -> str:
    """The stored files' URLs → @@PLUGINFILE@@/<URL-encoded name> (for export)."""
    for url, name in names.items():
        value = value.replace(url, PLUGINFILE + quote(name))
    return value


def identity(idnumber: str, name: str) -> tuple[str, str]:
    return ("id", idnumber) if idnumber else ("name", name)


def slug_for(name: str) -> str:
    return slugify(name)[:90].strip("-") or "question"
