"""Template filters of the exercise pages."""

from django import template
from django.utils.translation import get_language, get_language_info

from crossborder.accounts.models import Profession

register = template.Library()


@register.filter
def untranslated(obj, field: str) -> bool:
    """Whether `obj.<field>` is shown in English for want of the visitor's language (the page
    then says so, and marks the text lang="en")."""
    language = (get_language() or "en")[:2]
    return language != "en" and not getattr(obj, f"{field}_{language}", "")


@register.filter
def profession_labels(codes) -> str:
    labels = dict(Profession.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


@register.filter
def language_label(code: str) -> str:
    """A working language by its own name ("Deutsch"), or its code when Django does not know it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code
