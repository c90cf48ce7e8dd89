import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from crossborder.learning.richtext import clean_html

register = template.Library()
_GAP = re.compile(r"\[\[(\d+)\]\]")


@register.filter
def index(sequence, position):
    """`list|index:i`: the item at position i (or None)."""
    try:
        return sequence[int(position)]
    except (IndexError, TypeError, ValueError, KeyError):
        return None


@register.filter
def points(value):
    """`score|points`: a number of points without trailing zeros (2, 1.5, 0.75)."""
    try:
        return f"{round(float(value), 2):g}"
    except (TypeError, ValueError):
        return ""


@register.filter
def rich(value):
    """Question text or feedback (sanitised HTML, or plain text) ready to show."""
    return mark_safe(clean_html(value or ""))  # noqa: S308 (sanitised by nh3)


@register.filter
def matching_choices(data):
    """The right-hand texts of a matching question: the pairs' and the distractors'."""
    return [p["right"] for p in data.get("pairs", [])] + list(data.get("distractors", []))


@register.filter
def right_answers(question):
    """The answers of a short-answer question worth full marks, in the language it is shown in:
    its `data` accepts the answers of every language (any of them counts), but a reader sees
    those of their own (a translation's `accepted`), or the English ones."""
    from crossborder.learning.grading import short_answers

    answers = [a["text"] for a in short_answers(question.data) if float(a["fraction"]) >= 1]
    translations = getattr(question, "translations", None) or {}
    own = (translations.get(getattr(question, "shown_language", "en")) or {}).get("accepted")
    if own:
        return [a for a in answers if a in own] or answers
    translated = {a for t in translations.values() for a in t.get("accepted") or []}
    return [a for a in answers if a not in translated] or answers


@register.filter
def numeric_answer(data):
    from crossborder.learning.numeric import answers_of, written

    best = next((a for a in answers_of(data) if float(a["fraction"]) >= 1), None)
    if best is None:
        return ""
    unit = next((u["unit"] for u in data.get("units", []) if float(u["multiplier"]) == 1), "")
    tolerance = float(best.get("tolerance") or 0)
    shown = written(best["answer"]) + (f" ± {written(tolerance)}" if tolerance else "")
    return f"{shown} {unit}".strip()


@register.filter
def unit_shown(response):
    """A numerical response as the learner typed it: 15000 (not 15000.0), or 90 km."""
    from crossborder.learning.numeric import written

    if isinstance(response, dict):
        return f"{written(response['value'])} {response['unit']}"
    if isinstance(response, float | int) and not isinstance(response, bool):
        return written(response)
    return response


def _gaps(item, render_gap):
    q = item["q"]
    counter = iter(range(len(q.data["gaps"])))

    def swap(_match):
        position = next(counter, None)
        return render_gap(position) if position is not None else ""

    text = clean_html(q.text)
    return mark_safe(_GAP.sub(swap, text))  # noqa: S308 (sanitised text, escaped gaps)


@register.simple_tag
def gap_form(item):
    """The text with a labelled select in each gap, offering the choices of the gap's group."""
    q, response = item["q"], item.get("response") or []
    choices, order = q.data["choices"], item.get("order") or list(range(len(q.data["choices"])))

    def render(position):
        group = choices[q.data["gaps"][position]]["group"]
        chosen = response[position] if position < len(response) else None
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (i, mark_safe(" selected") if chosen == i else "", choices[i]["text"])
                for i in order
                if choices[i]["group"] == group
            ),
        )
        ident = f"q{q.pk}-g{position}"
        return format_html(
            '<label for="{}" class="visually-hidden">{}</label><select name="g{}" id="{}" '
            'class="gap"><option value="">—</option>{}</select>',
            ident,
            _("Gap %(n)s") % {"n": position + 1},
            position,
            ident,
            options,
        )

    return _gaps(item, render)


@register.simple_tag
def gap_result(item):
    """The text with each gap showing the learner's choice, marked right or wrong."""
    q, response = item["q"], item.get("response") or []
    choices = q.data["choices"]

    def render(position):
        right = q.data["gaps"][position]
        chosen = response[position] if position < len(response) else None
        if chosen == right:
            return format_html('<mark class="gap right">{} ✓</mark>', choices[right]["text"])
        given = choices[chosen]["text"] if chosen is not None else "—"
        return format_html(
            '<mark class="gap wrong"><s>{}</s> → {}</mark>', given, choices[right]["text"]
        )

    return _gaps(item, render)


@register.filter
def plain(value):
    """HTML as one line of text (previews)."""
    from crossborder.learning.richtext import as_text

    return as_text(value or "")


@register.filter
def combined_feedback(question, score):
    """Moodle's combined feedback for a graded score: correct, partially correct or incorrect."""
    feedback = question.feedback or {}
    if score is None or not feedback:
        return ""
    key = "correct" if score >= 1 else "partial" if score > 0 else "incorrect"
    return feedback.get(key, "")
