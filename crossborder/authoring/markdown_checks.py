"""What an author may not put in Markdown: the sanitiser would remove it on the page, but an
author who wrote it meant something by it, so the editor refuses it and says why instead of
saving text that shows differently from what was written."""

from html.parser import HTMLParser

import markdown as md
from django.utils.translation import gettext as _

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "form", "base", "meta"}


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.found.append(_("a <%(tag)s> tag") % {"tag": tag})
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.found.append(_("an event handler (%(name)s)") % {"name": name})
            elif name.startswith(("hx-", "data-hx-")):
                self.found.append(_("an htmx attribute (%(name)s)") % {"name": name})
            elif name in {"href", "src"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(_("a script link (%(name)s)") % {"name": name})

    handle_startendtag = handle_starttag


def unsafe_markup(text: str) -> list[str]:
    """The scripts, event handlers and htmx attributes the Markdown would produce as HTML
    (code spans and blocks are text, so a lesson may still show `<script>` as an example)."""
    finder = _Finder()
    finder.feed(md.markdown(text or "", extensions=["tables", "sane_lists"]))
    finder.close()
    return list(dict.fromkeys(finder.found))
