"""Curriculum coverage: which element × form cells the sessions cover, and hours per element."""

from dataclasses import dataclass, field

from crossborder.curriculum.models import Tag


@dataclass
class Cell:
    element: Tag
    form: Tag
    sessions: list = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.sessions)


@dataclass
class Coverage:
    elements: list
    forms: list
    rows: list  # one list of Cells per element, in form order
    hours: dict  # element code -> hours
    untagged_hours: float

    @property
    def gaps(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row if not cell.covered]

    def cell(self, element_code: str, form_code: str) -> Cell:
        for row in self.rows:
            for cell in row:
                if cell.element.code == element_code and cell.form.code == form_code:
                    return cell
        raise KeyError((element_code, form_code))


def compute_coverage(sessions, tags) -> Coverage:
    """Sessions must come with their tags prefetched; breaks are ignored.

    A session covers every cell of its elements × its forms. Its duration is split evenly
    between its elements, so the hours per element add up to the taught hours.
    """
    elements = [t for t in tags if t.kind == Tag.Kind.ELEMENT]
    forms = [t for t in tags if t.kind == Tag.Kind.FORM]
    cells = {(e.code, f.code): Cell(e, f) for e in elements for f in forms}
    hours = {e.code: 0.0 for e in elements}
    untagged = 0.0
    for session in sessions:
        if session.is_break:
            continue
        codes = {t.code for t in session.tags.all()}
        own_elements = [e.code for e in elements if e.code in codes]
        own_forms = [f.code for f in forms if f.code in codes]
        for e in own_elements:
            hours[e] += session.hours / len(own_elements)
            for f in own_forms:
                cells[(e, f)].sessions.append(session)
        if not own_elements:
            untagged += session.hours
    rows = [[cells[(e.code, f.code)] for f in forms] for e in elements]
    return Coverage(
        elements=elements,
        forms=forms,
        rows=rows,
        hours={code: round(h, 2) for code, h in hours.items()},
        untagged_hours=round(untagged, 2),
    )
