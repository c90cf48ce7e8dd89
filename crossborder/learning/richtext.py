"""Question text and feedback as sanitised HTML: what an author wrote in Moodle keeps its
paragraphs, emphasis, lists, links and images; scripts and event handlers are removed."""

import html
import re

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "sub",
    "sup",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "span",
    "div",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
}
_BLOCK_END = re.compile(r"</(p|div|li|tr|h\d|blockquote|pre)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def clean_html(value: str) -> str:
    """Sanitise author HTML (relative image sources such as @@PLUGINFILE@@/x.png are kept)."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def from_markdown(value: str) -> str:
    return clean_html(md.markdown(value or "", extensions=["sane_lists"]))


def from_plain(value: str) -> str:
    """Plain text as HTML: escaped, one paragraph per blank-line-separated block."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", value or "") if b.strip()]
    return "".join(f"<p>{html.escape(b, quote=False).replace(chr(10), '<br>')}</p>" for b in blocks)


def looks_like_html(value: str) -> bool:
    return bool(re.search(r"<(p|br|div|span|strong|em|b|i|ul|ol|li|a|img|table)\b", value or ""))


def as_text(value: str) -> str:
    """HTML as one line of text for previews and exports that cannot carry markup: block ends
    become spaces so sentences never run together."""
    if not looks_like_html(value):
        return (value or "").strip()
    return html_as_text(value)


def html_as_text(value: str) -> str:
    """A piece of HTML (known to be HTML, tags or not) as one line of text: tags dropped,
    entities read ("&amp;" is "&")."""
    text = _BLOCK_END.sub(" ", value or "")
    text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())
