"""Content entered in several languages: English is required, French and German optional.

A model declares `title`, `title_fr` and `title_de` fields and `title_local = Localized("title")`;
`obj.title_local` is the text in the visitor's language, falling back to English.
"""

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("en", "fr", "de")


def in_language(en: str, fr: str = "", de: str = "") -> str:
    """Of one text in the three languages, the visitor's, falling back to English (for values
    read with `.values()`, where the descriptor below is not at hand)."""
    language = (get_language() or "en")[:2]
    return {"fr": fr, "de": de}.get(language) or en


class Localized:
    """Descriptor: the field in the current language, falling back to English."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        language = (get_language() or "en")[:2]
        if language != "en":
            value = getattr(obj, f"{self.field}_{language}", "")
            if value:
                return value
        return getattr(obj, self.field)
