"""Drawing two parallel forms from the question banks of the curriculum cells a seminar covers.

A cell is an element × form of exploitation (see seminars/coverage.py). A question is a
candidate for element E when it is tagged E and with a form F such that the seminar covers
(E, F), is graded automatically (no essays or descriptions), not hidden, and belongs to a
published module that every participant may read (restricted modules are for vetted judiciary
and police only, and a seminar's test is taken by every profession).

Each covered element gets the same number of items in both forms: 2 × k candidates are drawn
(spread over the element's cells in turn) and dealt A, B, B, A, A, B, … so that neither form gets
the first pick of every cell. An element with fewer candidates gets the largest even number
there is; one with fewer than two gets none, and is reported.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from crossborder.curriculum.models import Tag
from crossborder.learning.models import Level, Module, Question

from ..models import Letter

DEAL = (Letter.A, Letter.B, Letter.B, Letter.A)


@dataclass
class Draw:
    items: dict = field(default_factory=lambda: {Letter.A: [], Letter.B: []})  # [(q id, tag)]
    short: list = field(default_factory=list)  # elements with fewer candidates than asked
    missing: list = field(default_factory=list)  # covered elements with no candidate at all

    @property
    def empty(self) -> bool:
        return not self.items[Letter.A]


def covered_cells(seminar) -> dict[Tag, set[str]]:
    """{element tag: codes of the forms of exploitation covered with it} from the sessions."""
    tags = {t.pk: t for t in Tag.objects.filter(kind__in=[Tag.Kind.ELEMENT, Tag.Kind.FORM])}
    through = seminar.sessions.model.tags.through
    by_session = defaultdict(list)
    for session_id, tag_id in (
        through.objects.filter(session__seminar=seminar, tag_id__in=tags)
        .exclude(session__kind="break")
        .values_list("session_id", "tag_id")
    ):
        by_session[session_id].append(tags[tag_id])
    cells = defaultdict(set)
    for own in by_session.values():
        forms = {t.code for t in own if t.kind == Tag.Kind.FORM}
        for element in (t for t in own if t.kind == Tag.Kind.ELEMENT):
            cells[element] |= forms
    return {e: cells[e] for e in sorted(cells, key=lambda t: (t.order, t.code)) if cells[e]}


def candidates(cells: dict[Tag, set[str]]) -> dict[Tag, dict[str, list[int]]]:
    """{element: {form code: ids of candidate questions}} (ids sorted, for reproducible draws)."""
    questions = (
        Question.objects.filter(
            hidden=False,
            module__status=Module.Status.PUBLISHED,
            module__level__in=[Level.PUBLIC, Level.REGISTERED],
        )
        .exclude(kind__in=Question.NOT_AUTO_GRADED)
        # An item that speaks of "this module" or "this lesson" makes no sense in a seminar test.
        .exclude(text__icontains="this module")
        .exclude(text__icontains="this lesson")
        .filter(tags__kind=Tag.Kind.ELEMENT, tags__in=list(cells))
        .distinct()
        .prefetch_related("tags")
        .order_by("pk")
    )
    out = {element: defaultdict(list) for element in cells}
    for question in questions:
        codes = {t.code for t in question.tags.all()}
        for element, forms in cells.items():
            if element.code in codes:
                for form in sorted(forms & codes):
                    out[element][form].append(question.pk)
    return out


def draw_forms(seminar, *, per_element: int, seed: int) -> Draw:
    """The two forms' items; a question is used once in the whole test."""
    rng = random.Random(f"{seminar.slug}:{seed}")
    draw, used = Draw(), set()
    for element, by_form in candidates(covered_cells(seminar)).items():
        queues = []
        for form in sorted(by_form):
            queue = list(by_form[form])
            rng.shuffle(queue)
            queues.append(queue)
        picked = []
        while len(picked) < 2 * per_element and any(queues):
            for queue in queues:
                while queue and queue[0] in used:
                    queue.pop(0)
                if queue and len(picked) < 2 * per_element:
                    picked.append(queue.pop(0))
                    used.add(picked[-1])
        if len(picked) % 2:
            used.discard(picked.pop())  # both forms get the same number of the element's items
        if not picked:
            draw.missing.append(element)
            continue
        if len(picked) < 2 * per_element:
            draw.short.append((element, len(picked) // 2))
        for i, pk in enumerate(picked):
            draw.items[DEAL[i % len(DEAL)]].append((pk, element))
    return draw


def replacements(test, element: Tag) -> list[Question]:
    """The questions that may replace an item of `element`: candidates not in the test yet."""
    cells = covered_cells(test.seminar)
    if element not in cells:
        return []
    ids = {pk for pks in candidates({element: cells[element]})[element].values() for pk in pks}
    used = set(test.forms.values_list("items__question_id", flat=True))
    return list(
        Question.objects.filter(pk__in=ids - used)
        .select_related("module")
        .order_by("module__order", "key")
    )
