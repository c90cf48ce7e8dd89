from django import template

from crossborder.authoring.history import history_url as _history_url

register = template.Library()


@register.simple_tag
def history_url(obj) -> str:
    """The address of the history page of a module, lesson, question or library entry."""
    return _history_url(obj)
