"""What the surveys say: response rates, distributions, ratings of sessions and speakers,
free-text answers and follow-up outcomes — for one survey (the results page) and for a set of
seminars (the indicator dashboard and the seminar's evaluation page call the functions here).

Counting is done by the database (`GROUP BY` question, point, session or speaker); Python only
turns the few aggregated rows into means and shares, so the cost does not grow with the number
of answers, and the figures are the same on SQLite and PostgreSQL (integer counts, no
database-specific averages).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from crossborder.enrolment.models import Application
from crossborder.evaluation.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
)
from crossborder.seminars.models import Session
from crossborder.translated import in_language

from .ratings import Rating, group_ratings, session_labels, speaker_labels

Kind = SurveyQuestion.Kind
Indicator = SurveyQuestion.Indicator
OUTCOMES = (
    Indicator.CONTACTS,
    Indicator.JIT,
    Indicator.REFERRALS,
    Indicator.FINANCIAL,
    Indicator.COLLEAGUES,
)


# --- response rates -----------------------------------------------------------------------------


def with_response_counts(surveys):
    """The surveys annotated with `recipients` (people who attended) and `answered`, counted by
    the database in subqueries (one query however many surveys)."""
    attended = (
        Application.objects.filter(
            call__seminar=OuterRef("seminar_id"), status=Application.Status.ATTENDED
        )
        .order_by()
        .values("call__seminar")
        .annotate(c=Count("pk"))
        .values("c")
    )
    answered = (
        SurveyInvitation.objects.filter(survey=OuterRef("pk"), answered=True)
        .order_by()
        .values("survey")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return surveys.annotate(
        recipients=Coalesce(Subquery(attended, output_field=IntegerField()), 0),
        answered=Coalesce(Subquery(answered, output_field=IntegerField()), 0),
    )


def response_rate(answered: int, recipients: int) -> float | None:
    return answered / recipients if recipients else None


def running_surveys(now=None) -> list[dict]:
    """Surveys open now with their response rates, closing soonest first (the manager's
    dashboard)."""
    surveys = with_response_counts(
        Survey.objects.open(now).select_related("seminar").order_by("closes_at", "pk")
    )
    return [
        {
            "survey": s,
            "seminar": s.seminar,
            "recipients": s.recipients,
            "answered": s.answered,
            "response_rate": response_rate(s.answered, s.recipients),
        }
        for s in surveys
    ]


def open_surveys_for(user, now=None) -> list[Survey]:
    """Surveys this person may answer now: open, with questions, of a seminar they attended,
    not yet answered (their dashboard)."""
    if not getattr(user, "is_authenticated", False):
        return []
    attended = Application.objects.filter(
        call__seminar=OuterRef("seminar_id"), user=user, status=Application.Status.ATTENDED
    )
    answered = SurveyInvitation.objects.filter(survey=OuterRef("pk"), user=user, answered=True)
    questions = SurveyQuestion.objects.filter(survey=OuterRef("pk"))
    return list(
        Survey.objects.open(now)
        .filter(Exists(attended), Exists(questions))
        .exclude(Exists(answered))
        .select_related("seminar")
        .order_by("closes_at", "pk")
    )


def non_respondents(survey):
    """The attendees of a named survey who have not answered (never for an anonymous one)."""
    from .services import recipients

    if survey.anonymous:
        return []
    answered = SurveyInvitation.objects.filter(survey=survey, answered=True, user=OuterRef("pk"))
    return list(
        recipients(survey.seminar)
        .exclude(Exists(answered))
        .select_related("profile")
        .order_by("last_name", "first_name")
    )


# --- one survey ---------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: SurveyQuestion
    respondents: int = 0
    counts: dict = field(default_factory=dict)  # choice -> n (Likert, single, multiple)
    total: int | None = None  # numbers: their sum
    positive: int = 0  # numbers: how many gave more than 0
    texts: list = field(default_factory=list)

    def distribution(self) -> list[tuple[str, int, float]]:
        """(label, count, share of respondents) of every point or option, in order."""
        n = self.respondents or 1
        return [
            (label, self.counts.get(value, 0), self.counts.get(value, 0) / n)
            for value, label in self.question.choices()
        ]

    @property
    def mean(self) -> float | None:
        """The mean point of a Likert question."""
        n = sum(self.counts.values())
        if self.question.kind != Kind.LIKERT or not n:
            return None
        return sum(p * c for p, c in self.counts.items()) / n


def survey_results(survey) -> dict:
    """Everything the results page shows, in a fixed number of queries."""
    questions = list(survey.questions.select_related("condition_question"))
    by_id = {q.pk: QuestionResult(q) for q in questions}
    answers = SurveyAnswer.objects.filter(question__survey=survey)
    for qid, n in (
        answers.values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ):
        by_id[qid].respondents = n
    plain = answers.filter(choice__isnull=False, session__isnull=True, speaker__isnull=True)
    for qid, choice, n in (
        plain.values_list("question_id", "choice").annotate(n=Count("id")).order_by()
    ):
        by_id[qid].counts[choice] = n
    numbers = (
        answers.filter(number__isnull=False)
        .values_list("question_id")
        .annotate(total=Sum("number"), positive=Count("id", filter=Q(number__gt=0)))
    )
    for qid, total, positive in numbers.order_by():
        by_id[qid].total, by_id[qid].positive = total, positive
    for qid, text in answers.exclude(text="").order_by("pk").values_list("question_id", "text"):
        by_id[qid].texts.append(text)
    session_ids = answers.filter(session__isnull=False).values_list("session_id", flat=True)
    titles, _seminars = session_labels(session_ids.distinct())
    speaker_ids = answers.filter(speaker__isnull=False).values_list("speaker_id", flat=True)
    names = speaker_labels(speaker_ids.distinct())
    responses = survey.responses.count()
    results = [by_id[q.pk] for q in questions]
    return {
        "questions": results,
        "sessions": group_ratings(answers, "session_id", titles),
        "speakers": group_ratings(answers, "speaker_id", names),
        "responses": responses,
        "outcomes": _outcomes(results, responses),
    }


def _outcomes(results, respondents: int) -> list[dict]:
    """The follow-up outcomes from the aggregated answers of questions with an indicator: how
    many report it (and their share of the respondents), and the total where it is a number.
    For a choice (the JIT question) every choice but the last ("No") counts as reporting it."""
    rows = []
    for r in results:
        q = r.question
        if q.indicator not in OUTCOMES:
            continue
        if q.kind == Kind.NUMBER:
            reporting, total = r.positive, r.total or 0
        elif q.kind in (Kind.SINGLE, Kind.MULTIPLE) and q.options:
            last = len(q.options) - 1
            reporting, total = sum(n for c, n in r.counts.items() if c != last), None
        else:
            continue
        rows.append(
            {
                "key": q.indicator,
                "label": str(Indicator(q.indicator).label),
                "reporting": reporting,
                "share": reporting / respondents if respondents else None,
                "total": total,
                "answered": r.respondents,
            }
        )
    return rows


# --- several seminars (dashboard, seminar evaluation, trainers) ---------------------------------


def satisfaction_summary(seminar_ids) -> dict:
    """The satisfaction surveys of these seminars: overall satisfaction (the question marked
    "overall satisfaction": mean, n, distribution), ratings per session and per speaker
    (weakest first), responses, recipients and the response rate."""
    surveys = Survey.objects.filter(seminar_id__in=seminar_ids, kind=Survey.Kind.SATISFACTION)
    answers = SurveyAnswer.objects.filter(question__survey__in=surveys)
    overall = Rating("overall")
    for point, n in (
        answers.filter(question__indicator=Indicator.SATISFACTION, choice__isnull=False)
        .values_list("choice")
        .annotate(n=Count("id"))
        .order_by()
    ):
        overall.counts[point] = n
    session_ids = answers.filter(session__isnull=False).values_list("session_id", flat=True)
    titles, seminars = session_labels(session_ids.distinct())
    speaker_ids = answers.filter(speaker__isnull=False).values_list("speaker_id", flat=True)
    names = speaker_labels(speaker_ids.distinct())
    counts = _counts(surveys)
    return {
        "overall": {
            k: v for k, v in overall.as_dict().items() if k not in ("id", "label", "seminar")
        },
        "sessions": [r.as_dict() for r in group_ratings(answers, "session_id", titles, seminars)],
        "speakers": [r.as_dict() for r in group_ratings(answers, "speaker_id", names)],
        **counts,
    }


def followup_outcomes(seminar_ids) -> dict:
    """The follow-up surveys of these seminars: for each outcome (new cross-border contacts,
    JIT joined or set up, cases referred, financial investigations opened, colleagues trained)
    how many respondents report it, their share of the respondents and the total number."""
    surveys = Survey.objects.filter(seminar_id__in=seminar_ids, kind=Survey.Kind.FOLLOWUP)
    counts = _counts(surveys)
    answers = SurveyAnswer.objects.filter(
        question__survey__in=surveys, question__indicator__in=OUTCOMES
    )
    numbers = {
        k: (total or 0, positive)
        for k, total, positive in answers.filter(number__isnull=False)
        .values_list("question__indicator")
        .annotate(total=Sum("number"), positive=Count("id", filter=Q(number__gt=0)))
        .order_by()
    }
    # A choice reports the outcome unless it is the question's last choice ("No"): the last
    # index differs per question, so count per question and choice, then add up.
    lasts = dict(
        SurveyQuestion.objects.filter(survey__in=surveys, indicator__in=OUTCOMES)
        .exclude(kind=Kind.NUMBER)
        .values_list("pk", "options")
    )
    chosen: dict[str, int] = {}
    for qid, key, choice, n in (
        answers.filter(choice__isnull=False)
        .values_list("question_id", "question__indicator", "choice")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if choice != len(lasts.get(qid) or []) - 1:
            chosen[key] = chosen.get(key, 0) + n
    respondents = counts["responses"]
    outcomes = {}
    for key in OUTCOMES:
        total, reporting = numbers.get(key, (None, chosen.get(key, 0)))
        outcomes[str(key)] = {
            "label": str(Indicator(key).label),
            "reporting": reporting,
            "share": reporting / respondents if respondents else None,
            "total": total,
        }
    return {**counts, "outcomes": outcomes}


def _counts(surveys) -> dict:
    rows = list(with_response_counts(surveys).values_list("recipients", "answered"))
    recipients = sum(r for r, _a in rows)
    answered = sum(a for _r, a in rows)
    return {
        "surveys": len(rows),
        "recipients": recipients,
        "responses": answered,
        "response_rate": response_rate(answered, recipients),
    }


def ratings_for_speaker(speaker) -> dict:
    """What a trainer sees: the ratings of the sessions they spoke in and of themselves, per
    seminar, weakest first."""
    answers = SurveyAnswer.objects.filter(
        question__survey__kind=Survey.Kind.SATISFACTION, choice__isnull=False
    )
    session_ids = list(Session.objects.filter(speakers=speaker).values_list("pk", flat=True))
    titles, seminars = session_labels(session_ids)
    sessions = group_ratings(
        answers.filter(session_id__in=session_ids), "session_id", titles, seminars
    )
    own = {}
    for seminar_title, title_fr, title_de, point, n in (
        answers.filter(speaker=speaker)
        .values_list(
            "question__survey__seminar__title",
            "question__survey__seminar__title_fr",
            "question__survey__seminar__title_de",
            "choice",
        )
        .annotate(n=Count("id"))
        .order_by()
    ):
        label = in_language(seminar_title, title_fr, title_de)
        own.setdefault(label, Rating(speaker.name, seminar=label)).counts[point] = n
    return {"sessions": sessions, "speaker": sorted(own.values(), key=lambda r: r.seminar)}
