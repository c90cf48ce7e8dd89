from django import template

register = template.Library()


@register.filter
def index(sequence, position):
    """`list|index:i`: the item at position i (or None)."""
    try:
        return sequence[int(position)]
    except (IndexError, TypeError, ValueError, KeyError):
        return None
