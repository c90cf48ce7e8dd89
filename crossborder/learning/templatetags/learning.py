from django import template

register = template.Library()


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
