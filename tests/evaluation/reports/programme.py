"""A small programme counted by hand (the figures the tests expect are in the docstring).

Vienna (held, 5 sessions incl. a break): 6 attended, 1 no-show.
  a1 prosecutor BE woman · a2 prosecutor BE woman · a3 judge AT man · a4 police PL woman
  a5 labour inspector FR man · a6 financial DE woman · no-show: prosecutor BE woman
  attendance sheets: session 1 all 6 present; session 2 four present (a5, a6 absent)
The Hague (held): a1 again, b1 civil society NL woman, b2 prosecutor NL man; 1 no-show.

People trained: 8 (a1 once). Professions: prosecutor 3, the five others 1 each, other 0.
Countries: BE 2, NL 2, AT, PL, FR, DE 1. Gender: women 5, men 3.
Module "m1": a1 passed, a2 started (not passed), a3 passed, an outsider passed (not counted).
"""

from datetime import date, timedelta

from django.utils import timezone

from crossborder.enrolment.models import Application, SessionAttendance
from crossborder.learning.models import Attempt, Module, Quiz
from tests.factories import make_applicant, make_call, make_seminar, make_user

S = Application.Status


def attend(call, n, profession, country, gender, status=S.ATTENDED):
    return make_applicant(
        call, n, status=status, profession=profession, country=country, gender=gender
    )


def build_programme():
    vienna = make_seminar("vienna", status="held")
    hague = make_seminar(
        "hague",
        status="held",
        sessions=False,
        title="Financial investigations of THB",
        city="The Hague",
        country="NL",
        start_date=date(2027, 5, 10),
        end_date=date(2027, 5, 11),
    )
    vc, hc = make_call(vienna), make_call(hague)
    a = {
        1: attend(vc, 1, "prosecutor", "BE", "female"),
        2: attend(vc, 2, "prosecutor", "BE", "female"),
        3: attend(vc, 3, "judge", "AT", "male"),
        4: attend(vc, 4, "law_enforcement", "PL", "female"),
        5: attend(vc, 5, "labour_inspector", "FR", "male"),
        6: attend(vc, 6, "financial_compliance", "DE", "female"),
    }
    attend(vc, 7, "prosecutor", "BE", "female", status=S.NO_SHOW)
    Application.objects.create(
        call=hc,
        user=a[1].user,
        status=S.ATTENDED,
        profession="prosecutor",
        country="BE",
        gender="female",
        submitted_at=timezone.now(),
    )
    attend(hc, 8, "civil_society", "NL", "female")
    attend(hc, 9, "prosecutor", "NL", "male")
    attend(hc, 10, "judge", "NL", "female", status=S.NO_SHOW)
    s1, s2 = vienna.sessions.exclude(kind="break").order_by("start")[:2]
    for app in a.values():
        SessionAttendance.objects.create(session=s1, application=app, present=True)
        SessionAttendance.objects.create(
            session=s2, application=app, present=app not in (a[5], a[6])
        )
    module = Module.objects.create(slug="m1", title="Indicators of trafficking", level="public")
    quiz = Quiz.objects.create(module=module)
    outsider = make_user("outsider@example.org", profile={"profession": "judge"})
    now = timezone.now()
    for number, (user, passed) in enumerate(
        [(a[1].user, True), (a[2].user, False), (a[3].user, True), (outsider, True)]
    ):
        Attempt.objects.create(
            quiz=quiz,
            user=user,
            number=number + 1,
            deadline=now + timedelta(minutes=30),
            submitted_at=now,
            score=8 if passed else 3,
            max_score=10,
            passed=passed,
        )
    return {"vienna": vienna, "hague": hague, "a": a, "module": module}
