"""Demo surveys: the satisfaction surveys of the three held seminars, answered by most
attendees (a few weak sessions among them, with the reasons people gave), the follow-up of
Vienna six months later with some non-response, and the follow-up of Lisbon running now (the
demo's programme team opened it a little early, so the managers' pages show a survey in
progress). Idempotent: a survey that already has answers is left as it is."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossborder.enrolment.models import Application
from crossborder.evaluation.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
)
from crossborder.evaluation.surveys import services
from crossborder.seminars.models import Seminar

Kind = Survey.Kind

# Per seminar: sessions that did not work (a part of the title), with what people wrote.
WEAK = {
    "vienna-2026-law-identification-evidence": {
        "Penalties, aggravating circumstances": [
            "The panel on penalties was a list of articles. Three speakers in 75 minutes left "
            "no time for the questions we had about legal persons.",
            "Too theoretical for police officers: I would have liked one real case where a "
            "company was held liable.",
        ],
        "unaccompanied child at the border": [
            "Workshop 1C was overcrowded: 28 people in a room for 15, and half of us could not "
            "take part in the role play.",
            "The child workshop needed more time. We never got to the referral and the guardian.",
        ],
    },
    "lisbon-2026-follow-the-money": {
        "The EU AML package": [
            "The AML package session was dense and full of acronyms (AMLA, AMLR, AMLD6). A "
            "one-page overview beforehand would have helped those of us from the NGO side.",
            "Too much on the institutional set-up of AMLA, too little on what changes for a "
            "financial investigator now.",
        ],
        "Forced criminality and organ removal": [
            "Two very different forms in one panel: each got fifteen minutes, which was not "
            "enough to learn anything usable about following the money in either.",
        ],
    },
    "warsaw-2026-cyber-enabled-thb": {
        "e-Evidence in practice": [
            "The e-evidence rules only apply since 18 August, so the speakers had almost no "
            "practical experience yet; it stayed at the level of the Regulation's text.",
            "I expected templates for production orders in this session; they only came in "
            "the afternoon workshop.",
        ],
        "Data protection and lawful OSINT": [
            "Workshop 3B was a lecture on data protection rather than a workshop. We did not "
            "get to try any OSINT step ourselves.",
        ],
    },
}

USEFUL = {
    "vienna-2026-law-identification-evidence": [
        "The S.M. v Croatia case study. I will use the corroboration plan template in our "
        "next case so that we do not rely on the victim's statement alone.",
        "Hearing how a labour inspector and a police officer planned the farm inspection "
        "together. In my country we still inspect separately.",
        "The screening protocol from the non-punishment session: we have no such step "
        "before charging and I will propose one to our chief prosecutor.",
        "Meeting colleagues from the Member States our victims come from. I now have direct "
        "contacts in two of them.",
        "The indicators exercise: practical, and the NGO colleagues explained how referral "
        "works in their country.",
        "The session on corroboration: phone data, money flows and witnesses other than the "
        "victim. Very concrete.",
    ],
    "lisbon-2026-follow-the-money": [
        "Mapping the flows from the bank statements and payroll was exactly what we need in "
        "labour exploitation cases.",
        "The FIU request drafting: I now know what to put in so that the FIU can act on it.",
        "The case of the temporary-work agency. We have the same pattern with posted "
        "workers and had not looked at the agency's accounts.",
        "The compensation plan workshop: it showed how confiscation can pay the workers, "
        "which we never do.",
        "Red flags for banks, and meeting compliance officers who actually file the reports.",
        "The checklist for parallel financial investigations from the closing session.",
    ],
    "warsaw-2026-cyber-enabled-thb": [
        "Linking ads through phone numbers, text templates and images. We will try this on "
        "the escort sites in our region.",
        "The chat extract exercise showed how control works remotely. Useful for "
        "explaining coercion to the court.",
        "The session on children recruited online: concrete grooming patterns I will share "
        "with our juvenile unit.",
        "Fake job ads and recruitment posts: our labour cases start exactly like that.",
        "Drafting the preservation order in the workshop, with a judge in the group.",
        "Crypto payments and advertising spend: I did not know how much the ad accounts "
        "reveal about the network.",
    ],
}

IMPROVE = [
    "Longer workshops and fewer panels. The panels often ran over time.",
    "Send the case materials a week before, so we can read them on the way.",
    "Interpretation into more languages in the workshops, not only in plenary.",
    "More time for exchange between the professions; the coffee breaks were the best "
    "networking and they were short.",
    "A list of participants with their field of work and contacts, so we can follow up.",
    "Fewer slides, more cases.",
    "The programme was very full. Three days with evening work was tiring.",
    "Include a defence lawyer's perspective in the evidence sessions.",
]

WOULD_NOT = [
    "Only if the workshops were smaller and the panels shorter.",
    "It was too general for someone who already works on these cases every day.",
    "For my colleagues in the financial unit it would need more practical exercises.",
]

FOLLOWUP_TEXT = [
    "We opened a parallel financial investigation in a labour exploitation case and traced "
    "wages paid through a second company. Without the seminar we would not have asked for "
    "the company's accounts.",
    "I called a colleague I met at the seminar to locate a victim's family abroad; the answer "
    "came within a week instead of months through the official channel.",
    "We are now part of a JIT with two other Member States. The model agreement session "
    "helped us prepare the draft.",
    "I gave a half-day briefing to my unit on indicators and on the non-punishment principle.",
    "Our caseload did not allow any new steps yet. The contacts are useful, but the case "
    "that needs them has not come.",
    "My office changed priorities and I now work on other crimes, so I could not apply much.",
    "We used the corroboration plan in a sexual exploitation case: the victim withdrew her "
    "statement, but the phone and payment evidence carried the indictment.",
    "I trained new labour inspectors on forced labour indicators, using the farm inspection "
    "case from the workshop.",
    "A referral to Europol through our SIENA contact point, with a colleague from the "
    "seminar helping on the other side.",
]


def seed_surveys() -> dict:
    now = timezone.now()
    counts = {"surveys": 0, "responses": 0}
    held = Seminar.objects.filter(slug__in=WEAK).order_by("start_date")
    for seminar in held:
        survey = _survey(seminar, Kind.SATISFACTION)
        counts["responses"] += _answer_satisfaction(survey, random.Random(seminar.slug))
    vienna = held.filter(slug="vienna-2026-law-identification-evidence").first()
    if vienna:
        survey = _survey(vienna, Kind.FOLLOWUP)
        counts["responses"] += _answer_followup(survey, random.Random("vienna-followup"), 0.62)
    lisbon = held.filter(slug="lisbon-2026-follow-the-money").first()
    if lisbon:
        survey = _survey(lisbon, Kind.FOLLOWUP)
        if not survey.invitations.exists():
            Survey.objects.filter(pk=survey.pk).update(
                opens_at=now - timedelta(days=4), closes_at=now + timedelta(days=26)
            )
            survey.refresh_from_db()
        counts["responses"] += _answer_followup(survey, random.Random("lisbon-followup"), 0.38)
    services.ensure_surveys()
    counts["surveys"] = Survey.objects.count()
    return counts


def _survey(seminar, kind) -> Survey:
    return Survey.objects.filter(seminar=seminar, kind=kind).first() or services.create_survey(
        seminar=seminar, kind=kind, by=None
    )


def _attendees(survey):
    return list(
        Application.objects.filter(call__seminar=survey.seminar, status=Application.Status.ATTENDED)
        .select_related("user")
        .order_by("pk")
    )


@transaction.atomic
def _answer_satisfaction(survey, rng) -> int:
    if survey.invitations.exists():
        return 0
    questions = list(survey.questions.all())
    sessions = list(survey.seminar.sessions.exclude(kind="break").prefetch_related("speakers"))
    weak = WEAK.get(survey.seminar.slug, {})
    weak_ids = {s.pk: part for s in sessions for part in weak if part in s.title}
    slots: dict = {}
    for s in sessions:
        slots.setdefault(s.start, []).append(s)
    attendees = _attendees(survey)
    answering = [
        a for a in attendees if rng.random() < 0.84 or a.user.email == "participant@example.org"
    ]
    _invite(survey, attendees, {a.pk for a in answering}, rng)
    responses = SurveyResponse.objects.bulk_create(
        [SurveyResponse(survey=survey) for _ in answering]  # anonymous: no person, no time
    )
    rows = []
    for response in responses:
        mood = rng.choice([5, 5, 4, 4, 4, 4, 3, 5, 4, 2])
        attended = [rng.choice(group) for group in slots.values()]
        attended = [s for s in attended if rng.random() < 0.92]
        rated_speakers = {}
        texts = []
        recommend = None
        for q in questions:
            kind = q.kind
            if kind == "likert":
                rows.append(SurveyAnswer(response=response, question=q, choice=_near(rng, mood)))
            elif kind == "session_rating":
                for s in attended:
                    score = _near(rng, 2.4 if s.pk in weak_ids else max(mood, 4))
                    rows.append(
                        SurveyAnswer(response=response, question=q, choice=score, session=s)
                    )
                    for p in s.speakers.all():
                        rated_speakers.setdefault(p.pk, (p, score))
                    if s.pk in weak_ids and score <= 2 and rng.random() < 0.45:
                        texts.append(rng.choice(weak[weak_ids[s.pk]]))
            elif kind == "speaker_rating":
                for p, score in list(rated_speakers.values())[: rng.randint(3, 8)]:
                    rows.append(
                        SurveyAnswer(
                            response=response, question=q, choice=_near(rng, score + 0.5), speaker=p
                        )
                    )
            elif kind == "multiple":
                picked = [
                    i for i in range(len(q.options)) if rng.random() < (0.7 if i >= 2 else 0.4)
                ]
                rows.extend(
                    SurveyAnswer(response=response, question=q, choice=i) for i in picked or [2]
                )
            elif kind == "single":
                choice = 1 if mood <= 2 else (2 if mood == 3 and rng.random() < 0.5 else 0)
                rows.append(SurveyAnswer(response=response, question=q, choice=choice))
                recommend = choice
            elif kind == "text":
                text = _text(rng, q, survey, recommend, texts)
                if text:
                    rows.append(SurveyAnswer(response=response, question=q, text=text))
    SurveyAnswer.objects.bulk_create(rows)
    return len(responses)


def _text(rng, question, survey, recommend, weak_texts) -> str:
    """A free-text answer for the question at this place in the default survey, or ''."""
    if question.is_conditional:
        return rng.choice(WOULD_NOT) if recommend == 1 and rng.random() < 0.8 else ""
    if "most useful" in question.text:
        return rng.choice(USEFUL[survey.seminar.slug]) if rng.random() < 0.55 else ""
    if weak_texts:
        return weak_texts[0]
    return rng.choice(IMPROVE) if rng.random() < 0.35 else ""


def _near(rng, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.7))))


def _invite(survey, attendees, answered: set, rng) -> None:
    invitations = []
    for a in attendees:
        late = a.pk not in answered or rng.random() < 0.3
        invitations.append(
            SurveyInvitation(
                survey=survey,
                user=a.user,
                token=f"demo-{survey.pk}-{a.pk}-{rng.getrandbits(64):x}",
                invited_at=survey.opens_at,
                reminded_at=survey.opens_at + timedelta(days=survey.remind_after_days)
                if late
                and survey.opens_at + timedelta(days=survey.remind_after_days) < timezone.now()
                else None,
                answered=a.pk in answered,
            )
        )
    SurveyInvitation.objects.bulk_create(invitations)


@transaction.atomic
def _answer_followup(survey, rng, share: float) -> int:
    if survey.invitations.exists():
        return 0
    questions = list(survey.questions.all())
    attendees = _attendees(survey)
    answering = [a for a in attendees if rng.random() < share]
    _invite(survey, attendees, {a.pk for a in answering}, rng)
    span = max(1, int((min(survey.closes_at, timezone.now()) - survey.opens_at).total_seconds()))
    responses = SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(
                survey=survey,
                respondent=a.user,
                submitted_at=survey.opens_at + timedelta(seconds=rng.randrange(span)),
            )
            for a in answering
        ]
    )
    rows = []
    for a, response in zip(answering, responses, strict=True):
        investigator = a.profession in ("prosecutor", "law_enforcement", "judge")
        financial = a.profession == "financial_compliance"
        trained = None
        for q in questions:
            if q.kind == "likert":
                rows.append(SurveyAnswer(response=response, question=q, choice=_near(rng, 3.9)))
            elif q.indicator == "contacts":
                n = rng.choice([0, 0, 1, 1, 2, 2, 3, 4, 5, 8])
                rows.append(SurveyAnswer(response=response, question=q, number=n))
            elif q.indicator == "jit":
                roll = rng.random()
                choice = (
                    0 if investigator and roll < 0.08 else 1 if investigator and roll < 0.2 else 2
                )
                rows.append(SurveyAnswer(response=response, question=q, choice=choice))
            elif q.indicator == "referrals":
                n = rng.choice([0, 0, 0, 1, 1, 2, 3]) if investigator else rng.choice([0, 0, 0, 1])
                rows.append(SurveyAnswer(response=response, question=q, number=n))
            elif q.indicator == "financial":
                pool = [0, 0, 1, 1, 2, 3] if investigator or financial else [0, 0, 0, 0, 1]
                rows.append(SurveyAnswer(response=response, question=q, number=rng.choice(pool)))
            elif q.kind == "single":
                trained = 0 if rng.random() < 0.55 else 1
                rows.append(SurveyAnswer(response=response, question=q, choice=trained))
            elif q.indicator == "colleagues":
                if trained == 0:
                    n = rng.choice([4, 6, 8, 12, 15, 20, 25, 40])
                    rows.append(SurveyAnswer(response=response, question=q, number=n))
            elif q.kind == "text" and rng.random() < 0.5:
                rows.append(
                    SurveyAnswer(response=response, question=q, text=rng.choice(FOLLOWUP_TEXT))
                )
    SurveyAnswer.objects.bulk_create(rows)
    return len(responses)
