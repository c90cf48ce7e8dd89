"""Questions in French and German.

A question is written in English; `Question.translations` may hold its French and German
wording: `{"fr": {"text", "explanation", "data"}, "de": {…}}`, where `data` has the same shape
as the English `data` but only the words (option texts and feedback, matching pairs, ordering
items, true/false feedback, gap-select choices). Everything that decides the grade (which option
is correct, fractions, the order of items, numbers) exists once, in the English `data`: a
response is a list of indices into it, so an attempt started in French can be resumed and graded
in English. Accepted short answers of every language are merged into the English `data` when the
content is loaded, so that "équipe commune d'enquête" counts wherever it is typed.

`in_language(question, language)` gives the question as a learner in that language sees it,
with `english_only` set when there is no wording in that language (the page says so).
"""

import copy

from crossborder.translated import CONTENT_LANGUAGES

TRANSLATED = tuple(lang for lang in CONTENT_LANGUAGES if lang != "en")
# Per kind: the list in `data` whose items carry words, and those words.
WORDED_LISTS = {
    "single": ("options", ("text", "feedback")),
    "multiple": ("options", ("text", "feedback")),
    "matching": ("pairs", ("left", "right")),
    "gapselect": ("choices", ("text",)),
}


class TranslationError(ValueError):
    """A translation whose shape does not match the English question."""


def _words_of(kind: str, data: dict) -> dict:
    """The translatable words of one `data`, in the shape a translation stores."""
    words: dict = {}
    if kind in WORDED_LISTS:
        name, fields = WORDED_LISTS[kind]
        words[name] = [{f: item.get(f, "") for f in fields} for item in data.get(name, [])]
    if kind == "matching" and data.get("distractors"):
        words["distractors"] = list(data["distractors"])
    if kind == "ordering":
        words["items"] = list(data.get("items", []))
    if kind == "true_false":
        words["feedback"] = dict(data.get("feedback") or {})
    return words


def check(kind: str, data: dict, translation: dict) -> list[str]:
    """What does not match between a translation and the English question (empty if nothing)."""
    problems = []
    if not str(translation.get("text") or "").strip():
        problems.append("the translation has no text")
    words = translation.get("data") or {}
    english = _words_of(kind, data)
    for name, items in words.items():
        if name not in english:
            problems.append(f"a {kind} question has no {name!r} to translate")
        elif isinstance(english[name], list) and (
            not isinstance(items, list) or len(items) != len(english[name])
        ):
            problems.append(
                f"{name!r} has {len(items) if isinstance(items, list) else 0} entries "
                f"in the translation and {len(english[name])} in English"
            )
    return problems


def translation_of(kind: str, data: dict, entry: dict) -> dict:
    """A stored translation from a content file's entry (the same keys as the English entry:
    text, explanation, options, pairs, items, feedback, choices)."""
    words = {}
    for name in _words_of(kind, data):
        if name in entry:
            words[name] = entry[name]
    translation = {"text": entry.get("text", ""), "explanation": entry.get("explanation", "")}
    if words:
        translation["data"] = words
    problems = check(kind, data, translation)
    if problems:
        raise TranslationError("; ".join(problems))
    return translation


def _overlay(kind: str, data: dict, words: dict) -> dict:
    shown = copy.deepcopy(data)
    if kind in WORDED_LISTS:
        name, fields = WORDED_LISTS[kind]
        for item, translated in zip(shown.get(name, []), words.get(name, []), strict=False):
            for field in fields:
                if translated.get(field):
                    item[field] = translated[field]
    if kind == "matching" and words.get("distractors"):
        shown["distractors"] = list(words["distractors"])
    if kind == "ordering" and words.get("items"):
        shown["items"] = list(words["items"])
    if kind == "true_false" and words.get("feedback"):
        shown["feedback"] = {**(shown.get("feedback") or {}), **words["feedback"]}
    return shown


def in_language(question, language: str):
    """The question as a learner reading `language` sees it: a copy with the translated words
    over the English ones (never saved), and `english_only` True when it has none."""
    language = (language or "en")[:2]
    question.english_only = False
    question.shown_language = "en"
    if language not in TRANSLATED:
        return question
    translation = (getattr(question, "translations", None) or {}).get(language)
    if not translation:
        question.english_only = True
        return question
    shown = copy.copy(question)
    shown.text = translation.get("text") or question.text
    shown.explanation = translation.get("explanation") or question.explanation
    shown.data = _overlay(question.kind, question.data, translation.get("data") or {})
    shown.english_only = False
    shown.shown_language = language
    return shown
