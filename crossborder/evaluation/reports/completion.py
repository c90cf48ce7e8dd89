"""Online module completion among the practitioners trained: a section of the indicator set."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from crossborder.learning.models import Attempt
from crossborder.translated import in_language

from .indicators import attended, share
from .scope import Scope
from .tables import ChartSpec, Column, Kind, Section, Stat, Table


def modules_section(scope: Scope) -> Section:
    """Online modules taken by the practitioners trained in the scope: started and passed."""
    learners = attended(scope).values("user")
    # Module quizzes only: a seminar's knowledge tests are quizzes without a module.
    attempts = Attempt.objects.filter(user__in=learners, quiz__module__isnull=False).order_by()
    if scope.start:
        attempts = attempts.filter(started_at__date__gte=scope.start)
    if scope.end:
        attempts = attempts.filter(started_at__date__lte=scope.end)
    totals = attempts.aggregate(
        started=Count("user", distinct=True),
        passed=Count("user", distinct=True, filter=Q(passed=True)),
    )
    rows = []
    for row in (
        attempts.values(
            "quiz__module",
            "quiz__module__order",
            "quiz__module__title",
            "quiz__module__title_fr",
            "quiz__module__title_de",
        )
        .annotate(
            started=Count("user", distinct=True),
            passed=Count("user", distinct=True, filter=Q(passed=True)),
            attempts=Count("id"),
        )
        .order_by("quiz__module__order", "quiz__module")
    ):
        title = in_language(
            row["quiz__module__title"],
            row.get("quiz__module__title_fr", ""),
            row.get("quiz__module__title_de", ""),
        )
        rows.append(
            {
                "label": title,
                "started": row["started"],
                "passed": row["passed"],
                "rate": share(row["passed"], row["started"]),
                "attempts": row["attempts"],
            }
        )
    return Section(
        key="modules",
        title=_("Online module completion"),
        intro=_(
            "Practitioners trained in the selected seminars who started an online module's "
            "quiz, and those who passed it (at least one attempt at or above the pass mark)."
        ),
        stats=[
            Stat("learners", _("trained practitioners who started a module"), totals["started"]),
            Stat("passed", _("passed at least one module"), totals["passed"]),
        ],
        tables=[
            Table(
                "modules",
                _("Module completion"),
                [
                    Column("label", _("Module"), Kind.LABEL),
                    Column("started", _("Started")),
                    Column("passed", _("Passed")),
                    Column("rate", _("Pass rate"), Kind.PERCENT, base=("passed", "started")),
                    Column("attempts", _("Attempts"), Kind.COUNT, base="started"),
                ],
                rows,
                note="" if rows else _("None of these practitioners has started a module yet."),
            )
        ],
        charts=[
            ChartSpec(
                "modules",
                _("Started and passed, per module"),
                "modules",
                "started",
                kind="grouped",
                series=["started", "passed"],
                description=_("Two bars per module: practitioners who started and who passed."),
            )
        ]
        if rows
        else [],
    )
