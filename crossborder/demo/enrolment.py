"""Demo applications: calls on every seminar, 120–200 applicants each, selections run and
published on the past seminars with confirmations and attendance, one call open now."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import Profile, Role, User
from crossborder.demo.letters import LETTER_QUESTION, attach_letters
from crossborder.enrolment import services
from crossborder.enrolment.models import (
    Application,
    Call,
    Question,
    SelectionRun,
    SessionAttendance,
)
from crossborder.enrolment.selection import Targets
from crossborder.seminars.models import Seminar

SEED = 4242
S = Application.Status
# participant@example.org's journey: attended the Vienna seminar, has applied to The Hague.
JOURNEY = "participant@example.org"
ATTENDED = "vienna-2026-law-identification-evidence"
APPLIED = "the-hague-2027-jits-judicial-cooperation"

MOTIVATIONS = [
    "I lead investigations into labour exploitation in agriculture and need to work better "
    "with labour inspectors and colleagues abroad.",
    "Our office prosecutes sexual exploitation cases with victims from other Member States; I "
    "want to learn how to set up a joint investigation team.",
    "I analyse suspicious transaction reports and want to recognise the financial red flags of "
    "trafficking earlier.",
    "As a judge I hear trafficking cases and want to understand evidence beyond the victim's "
    "testimony and the case law of the European Court of Human Rights.",
    "Our organisation supports victims during criminal proceedings; I want to strengthen "
    "referral and cooperation with the police.",
    "I inspect construction sites and want to identify forced labour and refer victims safely.",
]
# Each applicant writes the statement of their own profession (the draw above still happens, so
# the rest of the demo's random stream is unchanged); other authorities keep the drawn one.
MOTIVATION_OF = {
    "law_enforcement": MOTIVATIONS[0],
    "prosecutor": MOTIVATIONS[1],
    "financial_compliance": MOTIVATIONS[2],
    "judge": MOTIVATIONS[3],
    "civil_society": MOTIVATIONS[4],
    "labour_inspector": MOTIVATIONS[5],
}


# The open call asks four questions of its own (none required; the fourth a letter of support,
# crossborder/demo/letters.py); each applicant's answers are drawn from their own random stream,
# so the rest of the demo stays as it was (the working language follows their country).
CASE_QUESTION = {
    "label": "Which cross-border case from your own work would you bring to the workshop?",
    "label_fr": "Quelle affaire transfrontalière de votre pratique apporteriez-vous à l’atelier ?",
    "label_de": "Welchen grenzüberschreitenden Fall aus Ihrer Praxis würden Sie in den Workshop "
    "mitbringen?",
}
JIT_QUESTION = {
    "label": "Have you taken part in a joint investigation team (JIT) before?",
    "label_fr": "Avez-vous déjà participé à une équipe commune d’enquête (ECE) ?",
    "label_de": "Haben Sie schon in einer gemeinsamen Ermittlungsgruppe (GEG) mitgearbeitet?",
}
LANGUAGE_QUESTION = {
    "label": "In which language would you prefer to work in the workshop group?",
    "label_fr": "Dans quelle langue préférez-vous travailler dans le groupe de l’atelier ?",
    "label_de": "In welcher Sprache möchten Sie in der Workshopgruppe am liebsten arbeiten?",
    "choices": ["English", "French", "German"],
    "choices_fr": ["anglais", "français", "allemand"],
    "choices_de": ["Englisch", "Französisch", "Deutsch"],
}
# An applicant's answer: the language of their country where the workshop offers it.
WORKSHOP_LANGUAGE = {"FR": "French", "BE": "French", "LU": "French", "DE": "German", "AT": "German"}
CASES = {
    "judge": "A trial of a recruiter who moved workers from Romania to farms in two Member "
    "States, where most victims had returned home before the hearing.",
    "prosecutor": "Proceedings against a network exploiting women in prostitution in three "
    "Member States, with bank records and money transfers requested from abroad.",
    "law_enforcement": "An investigation of forced criminality (shoplifting) by minors moved "
    "between cities of two Member States, coordinated with the other country's police.",
    "financial_compliance": "A bank's report on many small transfers from different senders to "
    "one account abroad, matching advertisements for 'massage' services.",
    "labour_inspector": "An inspection of a construction subcontractor whose posted workers had "
    "their passports held by the employer and owed recruitment fees.",
    "civil_society": "Accompanying a victim of labour exploitation who wished to return to her "
    "country of origin while the criminal case continued.",
}


def _answers(call_questions: dict, application: Application) -> dict:
    profession, user = application.profession, application.user
    rng = random.Random(f"{SEED}-answers-{user.email}")
    answers = {str(call_questions["jit"].pk): "yes" if rng.random() < 0.25 else "no"}
    answers[str(call_questions["language"].pk)] = WORKSHOP_LANGUAGE.get(
        application.country, "English"
    )
    if rng.random() < 0.8 or user.email == JOURNEY:  # the story's participant answers all
        answers[str(call_questions["case"].pk)] = CASES.get(profession, CASES["law_enforcement"])
    return answers


def _targets(seats: int) -> dict:
    """Targets a programme manager would set for a balanced cohort of `seats`."""
    share = lambda pct: max(1, round(seats * pct / 100))  # noqa: E731
    return {
        "seats": seats,
        "professions": {
            "judge": {"min": share(12), "max": share(22)},
            "prosecutor": {"min": share(15), "max": share(28)},
            "law_enforcement": {"min": share(18), "max": share(32)},
            "financial_compliance": {"min": share(8)},
            "labour_inspector": {"min": share(6)},
            "civil_society": {"min": share(8), "max": share(18)},
        },
        "max_per_country": max(3, seats // 10),
        "max_per_organisation": 2,
        "women_min_share": 0.4,
        "women_max_share": 0.65,
    }


@transaction.atomic
def seed_enrolment() -> dict:
    if Call.objects.exists():
        return {"calls": 0, "applications": 0}
    rng = random.Random(SEED)
    manager = User.objects.get(email="manager@example.org")
    people = list(
        User.objects.filter(role=Role.PARTICIPANT, profile__isnull=False)
        .exclude(email__endswith="@example.org", email__startswith="participant")
        .order_by("email")
    )
    journey = User.objects.filter(email=JOURNEY, profile__isnull=False).first()
    profiles = {p.user_id: p for p in Profile.objects.filter(user__in=[*people, journey])}
    now = timezone.now()
    created = 0
    for seminar in Seminar.objects.order_by("start_date"):
        start = timezone.make_aware(
            timezone.datetime.combine(seminar.start_date, timezone.datetime.min.time())
        )
        upcoming = seminar.status == Seminar.Status.PUBLISHED
        open_now = seminar.status == Seminar.Status.APPLICATIONS_OPEN
        if upcoming:
            # Its call opens later; partner institutions have already sent nominations,
            # imported from their spreadsheets.
            opens, closes = start - timedelta(days=100), start - timedelta(days=50)
        elif open_now:
            opens, closes = now - timedelta(days=20), start - timedelta(days=35)
        else:
            opens, closes = start - timedelta(days=90), start - timedelta(days=35)
        call = Call.objects.create(seminar=seminar, opens_at=opens, closes_at=closes)
        questions = {}
        if open_now:
            questions = {
                "case": Question.objects.create(
                    call=call, order=1, kind=Question.Kind.TEXT, **CASE_QUESTION
                ),
                "jit": Question.objects.create(
                    call=call, order=2, kind=Question.Kind.YES_NO, **JIT_QUESTION
                ),
                "language": Question.objects.create(
                    call=call, order=3, kind=Question.Kind.CHOICE, **LANGUAGE_QUESTION
                ),
                "letter": Question.objects.create(
                    call=call, order=4, kind=Question.Kind.FILE, **LETTER_QUESTION
                ),
            }
        applicants = rng.sample(people, rng.randint(120, 200))
        if journey and seminar.slug in (ATTENDED, APPLIED):
            applicants[-1] = journey  # in place of one drawn applicant: the same count
        for i, user in enumerate(applicants):
            profile = profiles[user.pk]
            submitted = (now - timedelta(days=30) if upcoming else opens) + timedelta(
                minutes=37 * i + rng.randrange(30)
            )
            application = Application(
                call=call,
                user=user,
                status=S.SUBMITTED,
                motivation=rng.choice(MOTIVATIONS),  # replaced below by the profession's
                submitted_at=min(submitted, now),
                created_at=min(submitted, now),
                imported=upcoming,
            )
            application.snapshot_profile(
                profile, first_time=not (user == journey and seminar.slug == APPLIED)
            )
            application.motivation = MOTIVATION_OF.get(
                application.profession, application.motivation
            )
            if questions:
                application.answers = _answers(questions, application)
            if rng.random() < 0.3:
                application.nominator_email = f"hr@{profile.country.code.lower()}.example.org"
                application.nomination_confirmed_at = application.submitted_at + timedelta(days=2)
            application.save()
            created += 1
        if open_now:
            attach_letters(call, questions["letter"], always=JOURNEY)
        if open_now or upcoming:
            continue
        # A past seminar: selection run and published, places confirmed, attendance taken.
        # Solved here and now (not on the task queue): the demo's history is complete at once.
        run = SelectionRun.objects.create(
            call=call,
            created_by=manager,
            targets=Targets.from_dict(_targets(seminar.capacity)).as_dict(),
            status=SelectionRun.Status.QUEUED,
        )
        run = services.run_selection(run=run)
        if journey and seminar.slug == ATTENDED:
            _select_in_place_of_a_peer(run, journey, manager)
        services.publish_selection(run=run, by=manager, notify_people=False)
        # published a few days after the call closed (not today, when the demo is loaded)
        decided = closes + timedelta(days=3)
        call.applications.filter(decided_at__isnull=False).update(decided_at=decided)
        SelectionRun.objects.filter(pk=run.pk).update(
            created_at=closes + timedelta(days=1),
            finished_at=closes + timedelta(days=1, minutes=1),
            published_at=decided,
        )
        selected = list(call.applications.filter(status=S.SELECTED))
        for application in selected:
            roll = rng.random()
            declines = roll < 0.06 and application.user != journey
            application.status = S.DECLINED if declines else S.CONFIRMED
            application.confirmed_at = application.decided_at + timedelta(days=rng.randint(1, 6))
            application.save()
        confirmed = list(call.applications.filter(status=S.CONFIRMED))
        sessions = list(seminar.sessions.exclude(kind="break"))
        marks = []
        for application in confirmed:
            if rng.random() < 0.93 or application.user == journey:
                application.status = S.ATTENDED
                application.checked_in_at = start + timedelta(hours=8, minutes=rng.randrange(50))
                for session in sessions:
                    marks.append(
                        SessionAttendance(
                            session=session,
                            application=application,
                            present=rng.random() < 0.9,
                            recorded_by=manager,
                        )
                    )
            else:
                application.status = S.NO_SHOW
            application.save()
        SessionAttendance.objects.bulk_create(marks)
    return {"calls": Call.objects.count(), "applications": created}


def _select_in_place_of_a_peer(run: SelectionRun, user: User, manager: User) -> None:
    """Make sure `user` is selected, by the manager's override before publishing: in exchange
    for a selected peer of the same profession and gender (of the same country where there is
    one), so that the cohort's balance is the same as the solver's."""
    mine = run.call.applications.get(user=user)
    selected = run.result["selected"]
    if mine.pk in selected:
        return
    peers = run.call.applications.filter(
        pk__in=selected, profession=mine.profession, gender=mine.gender
    ).order_by("-pk")
    peer = peers.filter(country=mine.country).first() or peers.first()
    services.override_decision(run=run, application_id=mine.pk, decision="select", by=manager)
    if peer is not None:
        services.override_decision(run=run, application_id=peer.pk, decision="deselect", by=manager)
