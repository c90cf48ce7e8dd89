"""GET /api/v1/reports/indicators: the indicator set as the caller may see it (suppressed for
the funder observer), for the same filters as the dashboard."""

from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status

from crossborder import access

from .scope import scope_from
from .suppression import indicators_for

router = Router(tags=["reports"])

Cell = int | float | str | None


class FiltersIn(Schema):
    """Slugs and ISO dates (YYYY-MM-DD), checked by the dashboard's own form."""

    programme: str | None = None
    seminar: str | None = None
    start: str | None = None
    end: str | None = None


class ColumnOut(Schema):
    key: str
    label: str
    kind: str


class TableOut(Schema):
    key: str
    caption: str
    columns: list[ColumnOut]
    rows: list[dict[str, Cell]]
    note: str


class StatOut(Schema):
    key: str
    label: str
    value: Cell
    kind: str
    target: int | None


class SectionOut(Schema):
    key: str
    title: str
    intro: str
    stats: list[StatOut]
    tables: list[TableOut]


class ScopeOut(Schema):
    programme: str
    programme_title: str
    target_participants: int
    seminar: str | None
    start: date | None
    end: date | None


class IndicatorsOut(Schema):
    scope: ScopeOut
    suppressed: bool
    sections: list[SectionOut]


class FilterErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


@router.get(
    "/reports/indicators",
    response={200: IndicatorsOut, 400: FilterErrorOut},
    summary="The programme's indicators (people trained, reach, diversity, attendance, modules)",
    description=(
        "Programme staff see the figures as they are; for the funder observer every count of "
        'fewer than 5 people is "< 5" and figures derived from it are null.'
    ),
)
def indicators(request, filters: Query[FiltersIn]):
    if not access.can_view_indicators(request.user):
        raise PermissionDenied
    scope, form = scope_from({k: v for k, v in filters.dict().items() if v})
    if scope is None:
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        first = next(iter(errors.values()))[0]
        return Status(400, {"detail": first, "errors": errors})
    result = indicators_for(request.user, scope)
    return {
        "scope": {
            "programme": scope.programme.slug,
            "programme_title": scope.programme.title_local,
            "target_participants": scope.programme.target_participants,
            "seminar": scope.seminar.slug if scope.seminar else None,
            "start": scope.start,
            "end": scope.end,
        },
        "suppressed": result.suppressed,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "intro": s.intro,
                "stats": [
                    {
                        "key": st.key,
                        "label": str(st.label),
                        "value": st.value,
                        "kind": st.kind,
                        "target": st.target,
                    }
                    for st in s.stats
                ],
                "tables": [
                    {
                        "key": t.key,
                        "caption": t.caption,
                        "columns": [
                            {"key": c.key, "label": str(c.label), "kind": c.kind} for c in t.columns
                        ],
                        "rows": [{c.key: row.get(c.key) for c in t.columns} for row in t.rows],
                        "note": t.note,
                    }
                    for t in s.tables
                ],
            }
            for s in result.sections
        ],
    }
