"""Helpers: the POST a browser sends from the question editor (fields, settings, rows)."""

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
