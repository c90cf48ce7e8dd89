"""Indicator benchmark (PostgreSQL): the indicator set on a synthetic programme of 10k and 100k
practitioners with 20 quiz answers each (2,000,000 at 100k: a pre-test and a post-test of 5
items and a module quiz of 10), satisfaction and follow-up survey answers, the dashboard's
render time for the demo programme, and the funder report's build time for the demo programme.

Run alone against a throwaway server:
    scripts/with-postgres.sh .venv/bin/python bench/indicators.py [--sizes 10000,100000]
Prints one JSON document (its last line). The data are built with the ORM's bulk_create in
batches; the timings take the median of a few runs after one warm-up.

Building 100k takes minutes. To build once and time many times, run against a server you keep
(DATABASE_URL of your own, one database per size) with --reuse: the first run builds, later runs
find the synthetic programme, build only what is missing and time it (after migrating, so that
new indexes are measured too):
    DATABASE_URL=postgres://…/bench100k .venv/bin/python bench/indicators.py \
        --sizes 100000 --skip-demo --reuse
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossborder.settings")
os.environ.setdefault("SECRET_KEY", "bench-indicators-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("EMAIL_BACKEND", "locmem")  # the demo sends mail; nothing leaves
os.environ.setdefault("CHART_CACHE_DIR", tempfile.mkdtemp(prefix="bench-charts-"))

PROFESSIONS = [
    "judge",
    "prosecutor",
    "law_enforcement",
    "financial_compliance",
    "labour_inspector",
    "civil_society",
    "other_authority",
]
COUNTRIES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE UA"
COUNTRIES = COUNTRIES.split()
GENDERS = ["female", "male", "other", ""]
PER_SEMINAR = 1000
ANSWERS_PER_PERSON = 20
MODULE_ITEMS = 10  # the module quiz; the pre-test and the post-test have 5 items each
TEST_ITEMS = 5
BATCH = 5000


def timed(function, runs: int = 3) -> float:
    """Median seconds of `runs` calls after one warm-up call."""
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def grow(programme, quiz, questions, start: int, people: int, rng: random.Random) -> None:
    """Add `people` practitioners (ids start..start+people) in seminars of 1,000 attendees:
    users, profiles, confirmed/attended/no-show applications, two attendance sheets per
    seminar and one submitted quiz attempt of 20 answers each."""
    from django.utils import timezone

    from crossborder.accounts.models import Profile, User
    from crossborder.enrolment.models import Application, Call, SessionAttendance
    from crossborder.learning.models import Answer, Attempt
    from crossborder.seminars.models import Seminar, Session

    now = timezone.now()
    for first in range(start, start + people, PER_SEMINAR):
        n = first // PER_SEMINAR
        day = date(2026, 1, 5) + timedelta(days=7 * n)
        seminar = Seminar.objects.create(
            programme=programme,
            slug=f"bench-indicators-{n}",
            title=f"Synthetic seminar {n}",
            city="Brussels",
            country="BE",
            start_date=day,
            end_date=day + timedelta(days=1),
            capacity=1000,
            status="held",
        )
        call = Call.objects.create(seminar=seminar, opens_at=now, closes_at=now)
        sessions = Session.objects.bulk_create(
            Session(
                seminar=seminar,
                title=f"Session {k}",
                kind="plenary",
                start=now + timedelta(hours=k),
                end=now + timedelta(hours=k + 1),
            )
            for k in range(2)
        )
        ids = range(first, min(first + PER_SEMINAR, start + people))
        users = User.objects.bulk_create(
            [
                User(
                    email=f"bench-indicators-{i}@bench.example.org",
                    first_name="B",
                    last_name=str(i),
                    password="!",
                )
                for i in ids
            ],
            batch_size=BATCH,
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user=u,
                    profession=rng.choice(PROFESSIONS),
                    country=rng.choice(COUNTRIES),
                    organisation="Synthetic",
                    gender=rng.choice(GENDERS),
                )
                for u in users
            ],
            batch_size=BATCH,
        )
        statuses = rng.choices(
            ["attended", "no_show", "confirmed"], weights=[90, 7, 3], k=len(users)
        )
        applications = Application.objects.bulk_create(
            [
                Application(
                    call=call,
                    user=u,
                    status=status,
                    badge_code=f"BI{u.pk:014d}",
                    submitted_at=now,
                )
                for u, status in zip(users, statuses, strict=True)
            ],
            batch_size=BATCH,
        )
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(session=s, application=a, present=rng.random() < 0.9)
                for a in applications
                if a.status == "attended"
                for s in sessions
            ],
            batch_size=BATCH,
        )
        attempts = Attempt.objects.bulk_create(
            [
                Attempt(
                    quiz=quiz,
                    user=u,
                    number=1,
                    question_ids=questions[:MODULE_ITEMS],
                    deadline=now,
                    submitted_at=now,
                    score=(score := rng.randint(3, MODULE_ITEMS)),
                    max_score=MODULE_ITEMS,
                    passed=score >= 7,
                )
                for u in users
            ],
            batch_size=BATCH,
        )
        answers = [
            Answer(attempt=attempt, question_id=q, response=0, score=float(k < attempt.score))
            for attempt in attempts
            for k, q in enumerate(questions[:MODULE_ITEMS])
        ]
        Answer.objects.bulk_create(answers, batch_size=BATCH)
        test_knowledge(seminar, users, applications, questions[MODULE_ITEMS:], rng)
        survey(seminar, sessions, applications, rng)


def test_knowledge(seminar, users, applications, questions, rng: random.Random) -> None:
    """The seminar's pre- and post-test (forms A and B of 5 items over 5 curriculum elements):
    everybody sat the pre-test, the attendees also the post-test, on the other form."""
    from django.utils import timezone

    from crossborder.curriculum.models import Tag
    from crossborder.evaluation.models import FormItem, KnowledgeForm, KnowledgeTest, Sitting
    from crossborder.learning.models import Answer, Attempt, Quiz

    now = timezone.now()
    elements = list(Tag.objects.elements()[:TEST_ITEMS])
    for k in range(len(elements), TEST_ITEMS):  # without the demo's curriculum
        elements.append(
            Tag.objects.create(
                kind=Tag.Kind.ELEMENT, code=f"bench-{k}", name=f"E{k}", short=f"E{k}"
            )
        )
    test = KnowledgeTest.objects.create(seminar=seminar)
    forms = {}
    for letter, items in (("A", questions[:TEST_ITEMS]), ("B", questions[TEST_ITEMS:])):
        quiz = Quiz.objects.create(module=None, draw_count=0, attempts_allowed=1, pass_mark=0)
        quiz.questions.set(items)
        form = KnowledgeForm.objects.create(test=test, letter=letter, quiz=quiz)
        FormItem.objects.bulk_create(
            FormItem(form=form, question_id=q, element=e, position=i)
            for i, (q, e) in enumerate(zip(items, elements, strict=True), 1)
        )
        forms[letter] = (form, items)
    attended = {a.user_id for a in applications if a.status == "attended"}
    plan = []  # (user, phase, letter, score)
    for n, user in enumerate(users):
        first, second = ("A", "B") if n % 2 else ("B", "A")
        pre = rng.randint(0, 4)
        plan.append((user, "pre", first, pre))
        if user.pk in attended:
            plan.append((user, "post", second, min(TEST_ITEMS, pre + rng.randint(-1, 3))))
    attempts = Attempt.objects.bulk_create(
        [
            Attempt(
                quiz=forms[letter][0].quiz,
                user=user,
                number=1,
                question_ids=forms[letter][1],
                deadline=now,
                submitted_at=now,
                score=max(score, 0),
                max_score=TEST_ITEMS,
                passed=True,
            )
            for user, _phase, letter, score in plan
        ],
        batch_size=BATCH,
    )
    Answer.objects.bulk_create(
        (
            Answer(attempt=attempt, question_id=q, response=0, score=float(k < attempt.score))
            for attempt, (_u, _p, letter, _s) in zip(attempts, plan, strict=True)
            for k, q in enumerate(forms[letter][1])
        ),
        batch_size=BATCH,
    )
    Sitting.objects.bulk_create(
        [
            Sitting(test=test, user=user, phase=phase, form=forms[letter][0], attempt=attempt)
            for attempt, (user, phase, letter, _s) in zip(attempts, plan, strict=True)
        ],
        batch_size=BATCH,
    )


def survey(seminar, sessions, applications, rng: random.Random) -> None:
    """The seminar's satisfaction survey (70 % of the attendees answer: overall satisfaction and
    a rating of each session) and its follow-up survey six months later (40 % answer: new
    contacts, a JIT, financial investigations opened)."""
    from datetime import datetime

    from crossborder.evaluation.models import (
        Survey,
        SurveyAnswer,
        SurveyInvitation,
        SurveyQuestion,
        SurveyResponse,
    )

    Q, Ind = SurveyQuestion.Kind, SurveyQuestion.Indicator
    day = datetime.combine(seminar.end_date, datetime.min.time(), tzinfo=UTC)
    attendees = [a.user_id for a in applications if a.status == "attended"]
    for kind, share, questions in (
        (
            Survey.Kind.SATISFACTION,
            0.7,
            [(Q.LIKERT, Ind.SATISFACTION, []), (Q.SESSION_RATING, Ind.NONE, [])],
        ),
        (
            Survey.Kind.FOLLOWUP,
            0.4,
            [
                (Q.NUMBER, Ind.CONTACTS, []),
                (Q.SINGLE, Ind.JIT, ["Yes, set one up", "Yes, joined one", "No"]),
                (Q.NUMBER, Ind.FINANCIAL, []),
            ],
        ),
    ):
        opens = day if kind == Survey.Kind.SATISFACTION else day + timedelta(days=180)
        survey = Survey.objects.create(
            seminar=seminar,
            kind=kind,
            title=str(kind.label),
            anonymous=False,
            opens_at=opens,
            closes_at=opens + timedelta(days=21),
        )
        asked = SurveyQuestion.objects.bulk_create(
            SurveyQuestion(survey=survey, order=k, kind=qk, text=str(ind), indicator=ind, options=o)
            for k, (qk, ind, o) in enumerate(questions)
        )
        SurveyInvitation.objects.bulk_create(
            [
                SurveyInvitation(
                    survey=survey, user_id=u, token=f"{survey.pk}-{u}", invited_at=opens
                )
                for u in attendees
            ],
            batch_size=BATCH,
        )
        respondents = [u for u in attendees if rng.random() < share]
        SurveyInvitation.objects.filter(survey=survey, user_id__in=respondents).update(
            answered=True
        )
        responses = SurveyResponse.objects.bulk_create(
            [
                SurveyResponse(survey=survey, respondent_id=u, submitted_at=opens)
                for u in respondents
            ],
            batch_size=BATCH,
        )
        answers = []
        for response in responses:
            for question in asked:
                if question.kind == Q.LIKERT:
                    answers.append(
                        SurveyAnswer(
                            response=response, question=question, choice=rng.choice([2, 3, 3, 4, 4])
                        )
                    )
                elif question.kind == Q.SESSION_RATING:
                    answers += [
                        SurveyAnswer(
                            response=response,
                            question=question,
                            session=session,
                            choice=rng.randint(2, 4),
                        )
                        for session in sessions
                    ]
                elif question.kind == Q.SINGLE:
                    answers.append(
                        SurveyAnswer(
                            response=response,
                            question=question,
                            choice=rng.choice([0, 1, 2, 2, 2, 2]),
                        )
                    )
                else:
                    answers.append(
                        SurveyAnswer(
                            response=response, question=question, number=rng.choice([0, 0, 1, 2, 3])
                        )
                    )
        SurveyAnswer.objects.bulk_create(answers, batch_size=BATCH)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000", help="people, comma-separated")
    parser.add_argument("--skip-demo", action="store_true", help="no dashboard/report timing")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the synthetic programme already in the database, building only what is missing",
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        print("bench/indicators.py measures PostgreSQL: run it under scripts/with-postgres.sh")
        return 2
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-indicators-")  # the report's files
    call_command("migrate", "--noinput", verbosity=0)
    result = {"database": "postgresql", "sizes": {}}

    from crossborder.evaluation.reports.indicators import indicator_set
    from crossborder.evaluation.reports.scope import Scope
    from crossborder.evaluation.reports.suppression import suppress

    if not args.skip_demo:
        call_command("collectstatic", "--noinput", verbosity=0)  # production static files
        call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        result["demo"] = demo_timings()

    from crossborder.accounts.models import User
    from crossborder.learning.models import Module, Quiz
    from crossborder.seminars.models import Programme

    existing = Programme.objects.filter(slug="bench-indicators").first()
    if existing is not None and not args.reuse:
        print("The synthetic programme exists already: run with --reuse or on an empty database")
        return 2
    built = User.objects.filter(email__startswith="bench-indicators-").count()
    if built > sizes[0]:
        print(f"The database holds {built} synthetic people: more than {sizes[0]}")
        return 2
    programme = existing or Programme.objects.create(
        slug="bench-indicators",
        title="Synthetic programme",
        funder="Bench",
        grant_reference="BENCH",
        start=date(2026, 1, 1),
        end=date(2030, 12, 31),
        target_participants=max(sizes),
    )
    module = Module.objects.filter(questions__isnull=False).distinct().first()
    if module is None:
        module = Module.objects.create(slug="bench-module", title="Bench", level="public")
    quiz, _ = Quiz.objects.get_or_create(module=module)
    questions = list(module.questions.values_list("pk", flat=True)[:ANSWERS_PER_PERSON])
    if len(questions) < ANSWERS_PER_PERSON:
        from crossborder.learning.models import Question

        for k in range(len(questions), ANSWERS_PER_PERSON):
            q = Question.objects.create(
                module=module,
                key=f"bench-{k}",
                kind="true_false",
                text="Synthetic",
                data={"answer": True},
            )
            questions.append(q.pk)
    rng = random.Random(13 + built)  # the same data as a fresh build when built is 0
    scope = Scope(programme=programme)
    for size in sizes:
        start = time.perf_counter()
        if size > built:
            grow(programme, quiz, questions, built, size - built, rng)
            built = size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # not an ORM statement: refresh the planner's statistics
        build_seconds = round(time.perf_counter() - start, 1)
        from crossborder.evaluation.models import Sitting, SurveyAnswer
        from crossborder.learning.models import Answer

        result["sizes"][str(size)] = {
            "build_seconds": build_seconds,
            "answers": Answer.objects.filter(attempt__user__email__startswith="bench-").count(),
            "sittings": Sitting.objects.filter(test__seminar__programme=programme).count(),
            "survey_answers": SurveyAnswer.objects.filter(
                response__survey__seminar__programme=programme
            ).count(),
            "indicator_set_seconds": timed(lambda: indicator_set(scope), args.runs),
            "suppressed_set_seconds": timed(lambda: suppress(indicator_set(scope)), args.runs),
        }
    if len(sizes) > 1:
        small, large = result["sizes"][str(sizes[0])], result["sizes"][str(sizes[-1])]
        result["growth"] = {
            "people_ratio": round(sizes[-1] / sizes[0], 1),
            "time_ratio": round(
                large["indicator_set_seconds"] / max(small["indicator_set_seconds"], 1e-9), 1
            ),
        }
    result["targets"] = {
        "indicator_set_seconds_at_100k": 5,
        "dashboard_ms": 300,
        "funder_report_seconds": 30,
    }
    print(json.dumps(result))
    return 0


def demo_timings() -> dict:
    """Render time of the manager's dashboard for the demo programme: with the charts drawn
    ahead by the task worker (the recurring draw_indicator_charts, as in production), and with
    every chart drawn during the request (figures changed since the worker's last round); the
    worker's round itself; and the build time of the funder report."""
    from django.core.cache import caches
    from django.test import Client

    from crossborder.accounts.models import User
    from crossborder.evaluation.models import FunderReport
    from crossborder.evaluation.reports.services import build_funder_report
    from crossborder.evaluation.reports.tasks import draw_indicator_charts
    from crossborder.seminars.models import Programme

    manager = User.objects.get(email="manager@example.org")
    client = Client()
    client.force_login(manager)
    charts = caches["charts"]

    def render():
        response = client.get("/reports/indicators/")
        assert response.status_code == 200, response.status_code

    def render_cold():
        charts.clear()
        render()

    cold = timed(render_cold)
    charts.clear()
    start = time.perf_counter()
    ready = draw_indicator_charts.call()
    worker_seconds = round(time.perf_counter() - start, 2)
    drawn_ahead = timed(render, runs=5)
    programme = Programme.objects.order_by("-start").first()
    report = FunderReport.objects.create(programme=programme, requested_by=manager)
    charts.clear()
    start = time.perf_counter()
    report = build_funder_report(report=report)
    seconds = round(time.perf_counter() - start, 2)
    return {
        "dashboard_ms": round(drawn_ahead * 1000, 1),
        "dashboard_ms_charts_drawn_in_request": round(cold * 1000, 1),
        "worker_round_seconds": worker_seconds,
        "worker_round_charts": ready,
        "funder_report_seconds": seconds,
        "funder_report_status": report.status,
    }


if __name__ == "__main__":
    sys.exit(main())
