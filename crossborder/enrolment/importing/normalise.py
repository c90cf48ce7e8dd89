"""What a cell means: countries, professions, yes/no and gender as people write them.

The wording lives in vocabulary.yaml (data, not code); country names come from CLDR through
babel, in every EU language and a few neighbours' languages.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml
from django_countries import countries

from crossborder.accounts.models import Profession

VOCABULARY = Path(__file__).with_name("vocabulary.yaml")
# The 24 official EU languages plus the languages of frequent third-country partners.
CLDR_LANGUAGES = (
    "en bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
    "uk ru sq sr mk tr no is"
).split()
# A single word this long also matches as the end of a compound (German "Oberstaatsanwalt").
COMPOUND_MIN = 6


def key(text: str) -> str:
    """Case, accents, punctuation and spacing removed: "Staatsanwältin " → "staatsanwaltin"."""
    text = unicodedata.normalize("NFKD", str(text).casefold().replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("æ", "ae")
    text = re.sub(r"[^\w✓✔]+", " ", text)
    return " ".join(text.split())


@cache
def vocabulary() -> dict:
    return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))


@cache
def _country_index() -> dict[str, str]:
    from babel import Locale

    known = dict(countries)
    index: dict[str, str] = {}
    for code in known:
        index[key(code)] = code
        index[key(countries.alpha3(code) or code)] = code
    for language in CLDR_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in known:
                index.setdefault(key(name), code)
    for code, names in vocabulary()["countries"].items():
        for name in names:
            index[key(name)] = code
    return index


def country(value) -> str | None:
    """One ISO 3166 alpha-2 code, or None when the text names no country."""
    text = key(value)
    if text.startswith("the "):
        text = text[4:]
    return _country_index().get(text) if text else None


@cache
def _profession_index() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    for code, label in Profession.choices:
        exact[key(code)] = code
        exact[key(label)] = code
    phrases = []
    for code, words in vocabulary()["professions"].items():
        for word in words:
            exact.setdefault(key(word), code)
            phrases.append((key(word), code))
    return exact, phrases


def profession(value) -> str | None:
    """The profession group a job title or abbreviation belongs to; None if unclear.

    The longest wording found in the text decides ("Senior public prosecutor" → prosecutor);
    two groups tied for the longest ("police prosecutor") is unclear, and left to a person.
    """
    text = key(value)
    if not text:
        return None
    exact, phrases = _profession_index()
    if text in exact:
        return exact[text]
    words = text.split()
    padded = f" {text} "
    best: dict[str, int] = {}
    for phrase, code in phrases:
        found = f" {phrase} " in padded or (
            " " not in phrase
            and len(phrase) >= COMPOUND_MIN
            and any(w.endswith(phrase) for w in words)
        )
        if found:
            best[code] = max(best.get(code, 0), len(phrase))
    if not best:
        return None
    longest = max(best.values())
    winners = [code for code, length in best.items() if length == longest]
    return winners[0] if len(winners) == 1 else None


@cache
def _yes_no() -> dict[str, bool]:
    words = {key(w): True for w in vocabulary()["true_words"]}
    words.update({key(w): False for w in vocabulary()["false_words"]})
    return words


def yes_no(value) -> bool | None:
    """True / False from yes-no wording, Excel booleans and 1 / 0; None if blank or unclear."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return _yes_no().get(key(value))


@cache
def _genders() -> dict[str, str]:
    return {key(w): code for code, words in vocabulary()["genders"].items() for w in words}


def gender(value) -> str | None:
    """A Gender value ("" when blank or not said); None when the text is not understood."""
    text = key(value)
    if not text:
        return ""
    return _genders().get(text)
