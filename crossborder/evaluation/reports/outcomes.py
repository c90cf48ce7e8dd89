"""The sections of the indicator set that say what the programme achieved, from the other parts
of the evaluation: knowledge gain (the seminars' pre- and post-tests, Kirkpatrick level 2),
satisfaction (the end-of-seminar surveys, level 1) and the follow-up months later (level 3).

They are registered with the indicator set (sections.py) and are shaped like
every other section, so the page, the API, the PDF, the workbook and small-cell suppression
treat them alike. Names never appear here: ratings of speakers stay on the staff pages.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossborder.evaluation.knowledge.analysis import Row, knowledge_analysis
from crossborder.evaluation.surveys.analysis import followup_outcomes, satisfaction_summary

from .scope import Scope
from .tables import ChartSpec, Column, Kind, Section, Stat, Table

POINT_LABELS = {
    "1": gettext_lazy("1 – very dissatisfied"),
    "2": "2",
    "3": "3",
    "4": "4",
    "5": gettext_lazy("5 – very satisfied"),
}


WEAKEST = 10  # sessions listed in the indicator set (all of them are on the survey results)


def _one(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _seminar_ids(scope: Scope) -> list[int]:
    return list(scope.seminars().values_list("pk", flat=True))


def _knowledge_row(row: Row) -> dict:
    """A row of the knowledge tables: withheld rows (fewer than 5 pairs) keep only their size."""
    cells = {"label": row.label, "n": row.n}
    if not row.withheld:
        cells |= {
            "pre": _one(row.pre_mean),
            "post": _one(row.post_mean),
            "difference": _one(row.difference),
            "ci_low": _one(row.ci_low),
            "ci_high": _one(row.ci_high),
            "gain": None if row.gain_of_means is None else _one(100 * row.gain_of_means),
        }
    return cells


def _knowledge_columns(label: str) -> list[Column]:
    return [
        Column("label", label, Kind.LABEL),
        Column("n", _("Paired participants")),
        Column("pre", _("Before (mean %)"), Kind.MEAN, base="n"),
        Column("post", _("After (mean %)"), Kind.MEAN, base="n"),
        Column("difference", _("Change (points)"), Kind.MEAN, base="n"),
        Column("ci_low", _("95 % CI from"), Kind.MEAN, base="n"),
        Column("ci_high", _("95 % CI to"), Kind.MEAN, base="n"),
        Column("gain", _("Normalised gain"), Kind.PERCENT, base="n"),
    ]


def knowledge_section(scope: Scope) -> Section | None:
    """Knowledge before and after the seminars, paired per person (see knowledge/analysis.py)."""
    analysis = knowledge_analysis(_seminar_ids(scope))
    if not (analysis.paired or analysis.pre_only or analysis.post_only):
        return None
    overall = analysis.overall
    note = _(
        "Statistics of a group of fewer than 5 paired participants are withheld. Normalised "
        "gain: (after − before) / (100 − before), on the group's means."
    )
    return Section(
        key="knowledge",
        title=_("Knowledge gain (tests before and after each seminar)"),
        intro=overall.summary,
        stats=[
            Stat("paired", _("participants who took both tests"), analysis.paired),
            Stat(
                "difference",
                _("mean change in points (of 100)"),
                None if overall.withheld else overall.difference,
                Kind.MEAN,
                base=analysis.paired,
            ),
            Stat(
                "gain",
                _("normalised gain"),
                None
                if overall.withheld or overall.gain_of_means is None
                else 100 * overall.gain_of_means,
                Kind.PERCENT,
                base=analysis.paired,
            ),
            Stat("pre_only", _("took only the test before"), analysis.pre_only),
            Stat("post_only", _("took only the test after (not paired)"), analysis.post_only),
        ],
        tables=[
            Table(
                "professions",
                _("Knowledge gain by profession"),
                _knowledge_columns(_("Profession")),
                [_knowledge_row(row) for row in analysis.by_profession],
                additive=True,  # the professions split the paired participants
                note=note,
                sheet=_("Knowledge by profession")[:31],
            ),
            Table(
                "elements",
                _("Knowledge gain by curriculum element"),
                _knowledge_columns(_("Curriculum element")),
                [_knowledge_row(row) for row in analysis.by_element],
                note=note,
                sheet=_("Knowledge by element")[:31],
            ),
        ],
        charts=[
            ChartSpec(
                "knowledge-professions",
                _("Mean score before and after, by profession (%)"),
                "professions",
                "post",
                kind="grouped",
                series=["pre", "post"],
                description=_(
                    "Pairs of horizontal bars, one pair per profession: the mean score before "
                    "the seminar and after it."
                ),
            ),
            ChartSpec(
                "knowledge-elements",
                _("Change in points by curriculum element"),
                "elements",
                "difference",
                description=_(
                    "Horizontal bars, one per curriculum element: the mean change in points "
                    "between the tests before and after."
                ),
            ),
        ],
    )


def satisfaction_section(scope: Scope) -> Section | None:
    """How the attendees rated the seminars and their sessions (end-of-seminar surveys)."""
    summary = satisfaction_summary(_seminar_ids(scope))
    if not summary["surveys"]:
        return None
    overall = summary["overall"]
    distribution = [
        {"label": str(POINT_LABELS[point]), "people": count}
        for point, count in overall["distribution"].items()
    ]
    sessions = [
        {
            "label": f"{row['label']} ({row['seminar']})" if row["seminar"] else row["label"],
            "n": row["n"],
            "mean": row["mean"],
        }
        for row in summary["sessions"][:WEAKEST]
    ]
    return Section(
        key="satisfaction",
        title=_("Satisfaction (end-of-seminar surveys)"),
        intro=_(
            "Overall satisfaction on a scale of 1 to 5, and the sessions the attendees who "
            "answered rated lowest (every session's rating is on the survey results)."
        ),
        stats=[
            Stat(
                "satisfaction",
                _("overall satisfaction (mean of 5)"),
                overall["mean"],
                Kind.MEAN,
                base=overall["n"],
            ),
            Stat("responses", _("attendees who answered"), summary["responses"]),
            Stat(
                "response_rate",
                _("response rate"),
                None if summary["response_rate"] is None else 100 * summary["response_rate"],
                Kind.PERCENT,
                base=summary["responses"],
            ),
        ],
        tables=[
            Table(
                "overall",
                _("Overall satisfaction"),
                [Column("label", _("Rating"), Kind.LABEL), Column("people", _("Attendees"))],
                distribution,
                additive=True,
                sheet=_("Satisfaction")[:31],
            ),
            Table(
                "sessions",
                _("The sessions rated lowest"),
                [
                    Column("label", _("Session"), Kind.LABEL),
                    Column("n", _("Ratings")),
                    Column("mean", _("Mean rating (of 5)"), Kind.MEAN, base="n"),
                ],
                sessions,
                sheet=_("Session ratings")[:31],
            ),
        ],
        charts=[
            ChartSpec(
                "satisfaction",
                _("Overall satisfaction: attendees per rating"),
                "overall",
                "people",
                description=_("Horizontal bars, one per rating from 1 to 5."),
            )
        ],
    )


def followup_section(scope: Scope) -> Section | None:
    """What the attendees did with the training months later (follow-up surveys)."""
    result = followup_outcomes(_seminar_ids(scope))
    if not result["surveys"]:
        return None
    respondents = result["responses"]
    rows = [
        {
            "label": outcome["label"],
            "reporting": outcome["reporting"],
            "share": None if outcome["share"] is None else _one(100 * outcome["share"]),
            "total": outcome["total"],
        }
        for outcome in result["outcomes"].values()
    ]
    return Section(
        key="follow_up",
        title=_("Use in practice (follow-up survey months later)"),
        intro=_(
            "What the attendees who answered the follow-up survey report since the seminar: "
            "each outcome with the number and share of respondents reporting it and, where "
            "they gave a number, the total."
        ),
        stats=[
            Stat("respondents", _("attendees who answered the follow-up"), respondents),
            Stat(
                "response_rate",
                _("response rate"),
                None if result["response_rate"] is None else 100 * result["response_rate"],
                Kind.PERCENT,
                base=respondents,
            ),
        ],
        tables=[
            Table(
                "outcomes",
                _("Outcomes reported"),
                [
                    Column("label", _("Outcome"), Kind.LABEL),
                    Column("reporting", _("Respondents reporting it")),
                    Column("share", _("Share of respondents"), Kind.PERCENT, base="reporting"),
                    Column("total", _("Total reported"), Kind.COUNT, base="reporting"),
                ],
                rows,
                sheet=_("Follow-up outcomes")[:31],
            )
        ],
        charts=[
            ChartSpec(
                "follow-up",
                _("Share of respondents reporting each outcome (%)"),
                "outcomes",
                "share",
                description=_("Horizontal bars, one per outcome."),
            )
        ],
    )
