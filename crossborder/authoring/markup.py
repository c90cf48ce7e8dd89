"""What authors type into the question editor, made safe to store.

Scripts, embedded frames, event handlers (onclick=…) and htmx attributes (hx-…) are REJECTED with
a message naming the field, so an author never loses something silently and nothing that could
run in a learner's browser is stored. Everything else is sanitised by the project's nh3 rules
(crossborder.learning.richtext): style attributes, unknown tags and `javascript:` links are
dropped. Long texts are Markdown unless they are already HTML."""

import re

from django import forms
from django.utils.translation import gettext as _

from crossborder.learning.richtext import clean_html, from_markdown, looks_like_html

_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|base|meta)\b", re.I)
_ACTIVE_ATTRIBUTE = re.compile(
    r"<[^>]*?[\s\"'/](on[a-z]+|hx-[\w:.-]+|data-hx-[\w:.-]+)\s*=", re.I | re.S
)


def refuse_active(value: str) -> None:
    """Raise a ValidationError when the text would run code in a browser."""
    tag = _ACTIVE_TAG.search(value or "")
    if tag:
        raise forms.ValidationError(
            _("<%(tag)s> elements are not allowed.") % {"tag": tag.group(1).lower()}
        )
    attribute = _ACTIVE_ATTRIBUTE.search(value or "")
    if attribute:
        raise forms.ValidationError(
            _("The attribute “%(attr)s” is not allowed (no scripts or htmx in texts).")
            % {"attr": attribute.group(1).lower()}
        )


def clean_rich(value: str) -> str:
    """A long text (question text, feedback): HTML kept as sanitised HTML, else Markdown."""
    refuse_active(value)
    value = (value or "").replace("\r\n", "\n").strip()
    if not value:
        return ""
    return clean_html(value) if looks_like_html(value) else from_markdown(value)


def clean_short(value: str) -> str:
    """A one-line text shown as rich text (a choice, its feedback): inline HTML allowed."""
    refuse_active(value)
    return clean_html((value or "").strip())


def plain_text(value: str) -> str:
    """A text shown escaped (a match, an ordering item, a gap word): one trimmed line. Escaping
    makes markup harmless here, but it is refused all the same, as everywhere in the editor."""
    refuse_active(value)
    return " ".join((value or "").split())
