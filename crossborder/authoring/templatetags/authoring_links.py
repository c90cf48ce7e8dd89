"""Small template helpers of the authoring pages."""

from django import template

register = template.Library()


@register.filter
def model_name(obj) -> str:
    """module, lesson, question or entry: the model part of a history address."""
    return obj._meta.model_name
