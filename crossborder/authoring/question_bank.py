"""The bank page's reading side: its filters and the category tree the questions hang in.

A module's bank is read once (one query, its curriculum tags in a second) and filtered here, so
the page costs the same few queries however many questions and categories it holds."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy

from crossborder.learning.models import Question
from crossborder.learning.richtext import as_text

ANY = ""


class BankFilter(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    category = forms.CharField(label=gettext_lazy("Category"), required=False, max_length=255)
    tag = forms.CharField(label=gettext_lazy("Tag"), required=False, max_length=60)
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[(ANY, gettext_lazy("Any type")), *Question.Kind.choices],
    )
    hidden = forms.ChoiceField(
        label=gettext_lazy("Shown to learners"),
        required=False,
        choices=[
            (ANY, gettext_lazy("Shown and hidden")),
            ("no", gettext_lazy("Shown only")),
            ("yes", gettext_lazy("Hidden only")),
        ],
    )

    def matches(self, question: Question) -> bool:
        wanted = self.cleaned_data if self.is_valid() else {}
        category = wanted.get("category")
        if category and not (
            question.category == category or question.category.startswith(category + "/")
        ):
            return False
        if wanted.get("kind") and question.kind != wanted["kind"]:
            return False
        if wanted.get("hidden") and question.hidden != (wanted["hidden"] == "yes"):
            return False
        tag = (wanted.get("tag") or "").casefold()
        if tag and tag not in {t.casefold() for t in tags_of(question)}:
            return False
        text = (wanted.get("q") or "").casefold()
        if text:
            haystack = " ".join(
                [question.name, question.key, question.idnumber, as_text(question.text)]
            )
            return text in haystack.casefold()
        return True

    @property
    def active(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def tags_of(question: Question) -> list[str]:
    """The bank's tags and the curriculum codes of a question (tags prefetched)."""
    return [*question.labels, *(t.code for t in question.tags.all())]


@dataclass
class Category:
    path: str
    depth: int
    questions: list = field(default_factory=list)
    total: int = 0  # matching questions in it and below

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def category_tree(questions: list[Question], shown: list[Question]) -> list[Category]:
    """Every category of the bank (and each level above it) in tree order, depth first, with
    the shown questions in each. Categories with nothing shown in or below them are left out (the
    top, when nothing is directly in it)."""
    nodes: dict[str, Category] = {"": Category("", 0)}
    for question in questions:
        levels = question.category_levels
        for depth in range(1, len(levels) + 1):
            path = "/".join(levels[:depth])
            nodes.setdefault(path, Category(path, depth))
    for question in shown:
        levels = question.category_levels
        nodes["/".join(levels)].questions.append(question)
        for depth in range(len(levels) + 1):
            nodes["/".join(levels[:depth])].total += 1
    ordered = sorted(
        nodes.values(), key=lambda c: [level.casefold() for level in c.path.split("/")]
    )
    return [c for c in ordered if (c.questions if c.path == "" else c.total)]
