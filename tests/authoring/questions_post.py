"""Helpers: the POST a browser sends from the question editor (fields, settings, rows)."""

from html.parser import HTMLParser

ROW_NAMES = ("choices", "pairs", "items", "answers", "numbers", "units", "words", "rubric")

COMMON = {
    "name": "Three elements",
    "idnumber": "",
    "category": "Element A/Definition",
    "text": "Which elements must be proven?",
    "source": "directive-2011-36",
    "labels": "definition",
    "explanation": "Act, means, purpose.",
    "default_grade": "1",
    "penalty": "0.3333333",
}


def editor_post(kind, *, action="save", settings=None, rows=None, **fields):
    """The form fields of the editor: COMMON overridden by `fields`; settings prefixed "s-";
    rows as {"choices": [{"text": …, "fraction": …}, …]} with their management forms."""
    post = {"kind": kind, "action": action, **COMMON, **fields}
    post = {k: v for k, v in post.items() if v is not None}
    for name, value in (settings or {}).items():
        post[f"s-{name}"] = value
    for name in ROW_NAMES:
        given = (rows or {}).get(name, [])
        post[f"{name}-TOTAL_FORMS"] = str(len(given))
        post[f"{name}-INITIAL_FORMS"] = "0"
        post[f"{name}-MIN_NUM_FORMS"] = "0"
        post[f"{name}-MAX_NUM_FORMS"] = "1000"
        for i, row in enumerate(given):
            for key, value in row.items():
                post[f"{name}-{i}-{key}"] = value
    return post


class _FormReader(HTMLParser):
    """The values a browser would submit from the form with the given id (no button)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, []
        self._textarea = self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.values.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.values.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self.values.append((name, chosen if chosen is not None else first or ""))
            self._select = None


def form_values(html: str, form_id: str = "question-form") -> dict:
    """{name: value or [values]} of the form as the page shows it (a browser's submit)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    out = {}
    for name, value in reader.values:
        if name in out:
            out[name] = [*(out[name] if isinstance(out[name], list) else [out[name]]), value]
        else:
            out[name] = value
    return out


def _list(fields, prefix, n):
    return [fields.get(f"{prefix}{i}", "") for i in range(n)]


RESPONSE_FIELDS = {  # the quiz form's fields → the raw response, as learning.views reads them
    "single": lambda q, f: f.get("response", ""),
    "true_false": lambda q, f: f.get("response", ""),
    "short": lambda q, f: f.get("response", ""),
    "numeric": lambda q, f: f.get("response", ""),
    "essay": lambda q, f: f.get("response", ""),
    "multiple": lambda q, f: list(f.get("response", [])),
    "matching": lambda q, f: _list(f, "m", len(q.data["pairs"])),
    "ordering": lambda q, f: _list(f, "o", len(q.data["items"])),
    "gapselect": lambda q, f: _list(f, "g", len(q.data["gaps"])),
}
