"""The part of the question editor that depends on the kind: which settings and lists of rows it
has (forms in question_kind_forms), how a question's `data` reads into them (`initial`) and how
`data` is built back from them (`build`) in the shapes grading.py grades, refusing an
impossible answer key with a message that names the field."""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossborder.learning import numeric
from crossborder.learning.grading import short_answers
from crossborder.learning.richtext import as_text

from .question_kind_forms import (
    EXTRA_ROWS,
    AnswerRow,
    ChoiceRow,
    ChoiceSettings,
    EssaySettings,
    GapWordRow,
    ItemRow,
    MatchingSettings,
    NumberRow,
    NumericSettings,
    PairRow,
    RowFormSet,
    RubricRow,
    ShortSettings,
    TrueFalseSettings,
    UnitRow,
)

GAP = re.compile(r"\[\[(\d+)\]\]")
PERCENT = 1e-3  # slack when comparing percentages (Moodle stores 33.33333 %)


def _percent(value) -> float:
    return round(float(value or 0) * 100, 5)


def _fraction(percent) -> float:
    return round(float(percent or 0) / 100, 7)


def _formset(form):
    return forms.formset_factory(
        form, formset=RowFormSet, extra=EXTRA_ROWS, can_delete=True, max_num=100
    )


@dataclass
class Kind:
    settings: type[forms.Form] | None = None
    rows: dict[str, tuple[type[forms.Form], str]] = field(default_factory=dict)


ROWS = {
    "choices": gettext_lazy("Choices"),
    "pairs": gettext_lazy("Pairs"),
    "items": gettext_lazy("Items in the right order"),
    "answers": gettext_lazy("Accepted answers"),
    "numbers": gettext_lazy("Answers"),
    "units": gettext_lazy("Units"),
    "words": gettext_lazy("Words for the gaps"),
    "rubric": gettext_lazy("Rubric"),
}

KINDS = {
    "single": Kind(ChoiceSettings, {"choices": ChoiceRow}),
    "multiple": Kind(ChoiceSettings, {"choices": ChoiceRow}),
    "true_false": Kind(TrueFalseSettings),
    "matching": Kind(MatchingSettings, {"pairs": PairRow}),
    "ordering": Kind(None, {"items": ItemRow}),
    "short": Kind(ShortSettings, {"answers": AnswerRow}),
    "numeric": Kind(NumericSettings, {"numbers": NumberRow, "units": UnitRow}),
    "essay": Kind(EssaySettings, {"rubric": RubricRow}),
    "description": Kind(),
    "gapselect": Kind(ChoiceSettings, {"words": GapWordRow}),
}
FORMSETS = {name: _formset(row) for kind in KINDS.values() for name, row in kind.rows.items()}


def initial(kind: str, data: dict) -> tuple[dict, dict[str, list[dict]]]:
    """(settings, rows) of a stored question's data, as the forms show them."""
    data = data or {}
    rows: dict[str, list[dict]] = {}
    settings = {"shuffle": data.get("shuffle", True)}
    if kind in ("single", "multiple"):
        options = data.get("options", [])
        fractions = _choice_fractions(kind, options)
        rows["choices"] = [
            {"text": o.get("text", ""), "fraction": f, "feedback": o.get("feedback", "")}
            for o, f in zip(options, fractions, strict=True)
        ]
    elif kind == "true_false":
        feedback = data.get("feedback") or {}
        settings = {
            "answer": "true" if data.get("answer") else "false",
            "feedback_true": feedback.get("true", ""),
            "feedback_false": feedback.get("false", ""),
        }
    elif kind == "matching":
        rows["pairs"] = [{"left": p["left"], "right": p["right"]} for p in data.get("pairs", [])]
        settings["distractors"] = "\n".join(data.get("distractors", []))
    elif kind == "ordering":
        rows["items"] = [{"text": item} for item in data.get("items", [])]
    elif kind == "short":
        rows["answers"] = [
            {"text": a["text"], "fraction": _percent(a["fraction"]), "feedback": a.get("feedback")}
            for a in short_answers(data)
        ]
        settings = {"usecase": bool(data.get("usecase"))}
    elif kind == "numeric":
        rows["numbers"] = [
            {
                "answer": a["answer"] if a["answer"] == "*" else numeric.written(a["answer"]),
                "tolerance": float(a.get("tolerance") or 0),
                "fraction": _percent(a["fraction"]),
                "feedback": a.get("feedback", ""),
            }
            for a in (numeric.answers_of(data) if data else [])
        ]
        rows["units"] = [dict(u) for u in data.get("units", [])]
        settings = {
            "unitgradingtype": data.get("unitgradingtype", 0),
            "unitpenalty": data.get("unitpenalty", 0.1),
            "unitsleft": bool(data.get("unitsleft")),
        }
    elif kind == "essay":
        rows["rubric"] = [dict(r) for r in data.get("rubric", [])]
        settings = {k: data.get(k) for k in EssaySettings.base_fields}
    elif kind == "gapselect":
        rows["words"] = [dict(c) for c in data.get("choices", [])]
    return settings, rows


def _choice_fractions(kind: str, options: list[dict]) -> list[float]:
    """Percentages per option. The shipped curriculum marks options right or wrong only: a
    single choice's right one is 100 %; a multiple response's right ones share 100 % and each
    wrong one takes as much off, which grades exactly as before."""
    if any("fraction" in o for o in options):
        return [_percent(o.get("fraction", 0)) for o in options]
    right = sum(1 for o in options if o.get("correct")) or 1
    if kind == "single":
        return [100.0 if o.get("correct") else 0.0 for o in options]
    share = round(100 / right, 5)
    return [share if o.get("correct") else -share for o in options]


def build(kind: str, settings: dict, rows: dict[str, list[dict]], text: str) -> tuple[dict, list]:
    """(data, errors) from the cleaned forms. Each error is (part, message); the message names
    the field, so it reads well in the summary at the top of the page."""
    errors: list[tuple[str, str]] = []
    data: dict = {}

    def fail(part, message):
        errors.append((part, message))

    if kind in ("single", "multiple"):
        choices = rows.get("choices", [])
        _at_least_two(choices, "choices", lambda r: as_text(r["text"]), fail)
        percents = [r["fraction"] for r in choices]
        if kind == "single" and choices and abs(max(percents) - 100) > PERCENT:
            fail("choices", _("Choices: no choice is right. Give one choice a grade of 100 %."))
        positive = sum(p for p in percents if p > 0)
        if kind == "multiple" and choices and abs(positive - 100) > PERCENT * len(choices):
            fail(
                "choices",
                _(
                    "Choices: the grades of the right choices add up to %(sum)s %%; "
                    "they must add up to 100 %%."
                )
                % {"sum": f"{positive:g}"},
            )
        data = {
            "options": [
                {
                    "text": r["text"],
                    "fraction": _fraction(r["fraction"]),
                    "correct": r["fraction"] > 0,
                    "feedback": r["feedback"],
                }
                for r in choices
            ],
            "shuffle": settings.get("shuffle", False),
        }
    elif kind == "true_false":
        data = {
            "answer": settings["answer"],
            "feedback": {"true": settings["feedback_true"], "false": settings["feedback_false"]},
        }
    elif kind == "matching":
        pairs = rows.get("pairs", [])
        if len(pairs) < 2:
            fail("pairs", _("Pairs: a matching question needs at least two pairs."))
        rights = [p["right"].casefold() for p in pairs] + [
            d.casefold() for d in settings["distractors"]
        ]
        if len(set(rights)) != len(rights):
            fail("pairs", _("Pairs: two matches (or wrong matches) are the same."))
        lefts = [as_text(p["left"]).casefold() for p in pairs]
        if len(set(lefts)) != len(lefts):
            fail("pairs", _("Pairs: two items are the same."))
        data = {
            "pairs": pairs,
            "distractors": settings["distractors"],
            "shuffle": settings.get("shuffle", False),
        }
    elif kind == "ordering":
        items = [r["text"] for r in rows.get("items", [])]
        if len(items) < 2:
            fail("items", _("Items: an ordering question needs at least two items."))
        if len({i.casefold() for i in items}) != len(items):
            fail("items", _("Items: two items are the same."))
        data = {"items": items}
    elif kind == "short":
        answers = rows.get("answers", [])
        if not answers:
            fail("answers", _("Accepted answers: give at least one accepted answer."))
        elif not any(abs(a["fraction"] - 100) <= PERCENT for a in answers):
            fail("answers", _("Accepted answers: none gives full marks (100 %)."))
        data = {
            "answers": [
                {"text": a["text"], "fraction": _fraction(a["fraction"]), "feedback": a["feedback"]}
                for a in answers
            ],
            "usecase": settings.get("usecase", False),
        }
    elif kind == "numeric":
        numbers, units = rows.get("numbers", []), rows.get("units", [])
        if not numbers:
            fail("numbers", _("Answers: give at least one answer."))
        elif not any(abs(a["fraction"] - 100) <= PERCENT for a in numbers):
            fail("numbers", _("Answers: none gives full marks (100 %)."))
        names = [u["unit"] for u in units]
        if len(set(names)) != len(names):
            fail("units", _("Units: a unit is listed twice."))
        data = {
            "answers": [
                {
                    "answer": a["answer"],
                    "tolerance": a["tolerance"],
                    "fraction": _fraction(a["fraction"]),
                    "feedback": a["feedback"],
                }
                for a in numbers
            ],
            "units": [{"unit": u["unit"], "multiplier": u["multiplier"]} for u in units],
            "unitgradingtype": settings["unitgradingtype"] if units else 0,
            "unitpenalty": 0.1 if settings["unitpenalty"] is None else settings["unitpenalty"],
            "showunits": 0 if units else 3,
            "unitsleft": settings.get("unitsleft", False),
        }
    elif kind == "essay":
        data = {
            "grader_info": settings["grader_info"],
            "response_template": settings["response_template"],
            "rubric": [
                {"criterion": r["criterion"], "points": r["points"]} for r in rows["rubric"]
            ],
            "min_words": settings["min_words"],
            "max_words": settings["max_words"],
        }
    elif kind == "gapselect":
        words = rows.get("words", [])
        gaps = [int(n) - 1 for n in GAP.findall(as_text(text) if text else "")]
        if not gaps:
            fail("text", _("Question text: it has no gap; write [[1]] where the first word goes."))
        for n in sorted({g + 1 for g in gaps}):
            if not 1 <= n <= len(words):
                fail(
                    "words",
                    _(
                        "Words for the gaps: gap [[%(n)s]] refers to word %(n)s, which is not "
                        "in the list."
                    )
                    % {"n": n},
                )
        groups = [(w["text"].casefold(), w["group"]) for w in words]
        if len(set(groups)) != len(groups):
            fail("words", _("Words for the gaps: a word is listed twice in the same group."))
        data = {
            "choices": [{"text": w["text"], "group": w["group"]} for w in words],
            "gaps": gaps,
            "shuffle": settings.get("shuffle", False),
        }
    return data, errors


def _at_least_two(rows, part, text_of, fail):
    if len(rows) < 2:
        fail(part, _("Choices: give at least two choices."))
    texts = [text_of(r).casefold() for r in rows]
    if len(set(texts)) != len(texts):
        fail(part, _("Choices: two choices are the same."))
