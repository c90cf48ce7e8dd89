"""Named people and make_* helpers for tests (and the bench's survey answers)."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from crossborder.accounts.models import MFA_ROLES, Profile, Role, User, Vetting
from crossborder.accounts.services import create_account

PASSWORD = "correct horse battery staple 42"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PROFILE_DEFAULTS = {
    "profession": "prosecutor",
    "country": "BE",
    "organisation": "Parquet de Bruxelles",
    "working_languages": ["fr", "nl", "en"],
    "vetting": Vetting.NONE,
}


def make_user(
    email: str,
    *,
    role: str = Role.PARTICIPANT,
    first_name: str = "Test",
    last_name: str = "Person",
    password: str = PASSWORD,
    mfa: bool | None = None,
    profile: dict | None = None,
) -> User:
    """A verified account; staff roles get a TOTP authenticator unless mfa=False."""
    return create_account(
        email=email,
        password=password,
        role=role,
        first_name=first_name,
        last_name=last_name,
        totp_secret=TOTP_SECRET if (role in MFA_ROLES if mfa is None else mfa) else None,
        profile=None if profile is None else {**PROFILE_DEFAULTS, **profile},
    )


def make_profile(user: User, **fields) -> Profile:
    return Profile.objects.create(user=user, **{**PROFILE_DEFAULTS, **fields})


def current_totp(secret: str = TOTP_SECRET, offset: int = 0) -> str:
    """The code an authenticator app would show now (offset in 30 s steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def has_totp(user: User) -> bool:
    return user.authenticator_set.filter(type=Authenticator.Type.TOTP).exists()


def make_speaker(slug: str, name: str, **fields):
    from crossborder.seminars.models import Speaker

    defaults = {"function": "Prosecutor", "organisation": "Prosecutor's Office", "country": "AT"}
    return Speaker.objects.create(slug=slug, name=name, **{**defaults, **fields})


def make_seminar(slug: str = "vienna", *, status="published", sessions=True, **fields):
    """A two-day seminar in Vienna with a small timetable incl. two parallel workshops."""
    from datetime import date, time

    from crossborder.curriculum.models import Tag
    from crossborder.seminars.models import Programme, Seminar, Session

    programme, _ = Programme.objects.get_or_create(
        slug="programme",
        defaults={
            "title": "Crossborder THB training",
            "funder": "European Commission (ISF)",
            "grant_reference": "ISF-TEST-1",
            "start": date(2026, 1, 1),
            "end": date(2027, 12, 31),
            "target_participants": 300,
        },
    )
    defaults = {
        "title": "Investigating trafficking across borders",
        "title_fr": "Enquêter sur la traite par-delà les frontières",
        "city": "Vienna",
        "country": "AT",
        "start_date": date(2027, 3, 16),
        "end_date": date(2027, 3, 17),
        "time_zone": "Europe/Vienna",
        "capacity": 60,
        "working_languages": ["en", "de"],
        "status": status,
    }
    seminar = Seminar.objects.create(programme=programme, slug=slug, **{**defaults, **fields})
    if not Tag.objects.exists():  # a transactional test (live server) flushed the taxonomy
        from crossborder.curriculum.taxonomy import load_taxonomy

        load_taxonomy(Tag)
    if not sessions:
        return seminar
    tags = {t.code: t for t in Tag.objects.all()}
    judge = make_speaker(f"{slug}-judge", "Eva Lindqvist", function="Judge", country="SE")
    analyst = make_speaker(f"{slug}-fiu", "Tomas Novak", function="FIU analyst", country="CZ")
    day1, day2 = seminar.days

    def add(title, kind, day, start, end, room, codes, speakers=(), track=""):
        session = Session.objects.create(
            seminar=seminar,
            title=title,
            kind=kind,
            start=seminar.local_datetime(day, time.fromisoformat(start)),
            end=seminar.local_datetime(day, time.fromisoformat(end)),
            room=room,
            track=track,
        )
        session.tags.set([tags[c] for c in codes])
        session.speakers.set(speakers)
        return session

    add(
        "Act, means, purpose",
        "keynote",
        day1,
        "09:00",
        "10:30",
        "Plenary",
        ["A", "S", "L"],
        [judge],
    )
    add("Coffee", "break", day1, "10:30", "11:00", "Foyer", [])
    add(
        "Following the money",
        "workshop",
        day1,
        "11:00",
        "12:30",
        "Room A",
        ["B", "L"],
        [analyst],
        "A",
    )
    add(
        "Identifying victims",
        "workshop",
        day1,
        "11:00",
        "12:30",
        "Room B",
        ["C", "S", "victim"],
        [judge],
        "B",
    )
    add(
        "Demand and impunity",
        "panel",
        day2,
        "09:30",
        "11:00",
        "Plenary",
        ["C", "O"],
        [judge, analyst],
    )
    return seminar


def make_call(seminar, **fields):
    """An open call for applications on `seminar`."""
    from datetime import timedelta

    from django.utils import timezone

    from crossborder.enrolment.models import Call

    now = timezone.now()
    defaults = {"opens_at": now - timedelta(days=10), "closes_at": now + timedelta(days=10)}
    return Call.objects.create(seminar=seminar, **{**defaults, **fields})


def make_applicant(
    call,
    n: int,
    *,
    status="submitted",
    profession="prosecutor",
    country="BE",
    gender="female",
    organisation=None,
):
    """A practitioner with a profile and an application in the given state."""
    from django.utils import timezone

    from crossborder.enrolment.models import Application

    user = make_user(
        f"applicant{n}@example.org",
        first_name=f"Applicant{n}",
        last_name="Test",
        profile={
            "profession": profession,
            "country": country,
            "organisation": organisation or f"Organisation {n}",
            "gender": gender,
        },
    )
    application = Application.objects.create(
        call=call,
        user=user,
        status=status,
        profession=profession,
        country=country,
        organisation=organisation or f"Organisation {n}",
        gender=gender,
        submitted_at=timezone.now(),
        motivation="I investigate labour exploitation cases.",
    )
    return application


def start_quiz(client, module):
    """Start (or resume) the signed-in person's attempt at a module's quiz through the page."""
    from crossborder.learning.models import Attempt

    r = client.post(f"/learn/{module.slug}/quiz/")
    assert r.status_code == 302, r
    return Attempt.objects.latest("started_at")


def right_answer_post(q, *, short_in_capitals=False):
    """The form fields that answer a curriculum question right (a short answer in capitals
    when asked, to show that case is ignored)."""
    data = q.data
    if q.kind == "single":
        return {"response": str(next(i for i, o in enumerate(data["options"]) if o["correct"]))}
    if q.kind == "multiple":
        return {"response": [str(i) for i, o in enumerate(data["options"]) if o["correct"]]}
    if q.kind == "true_false":
        return {"response": "true" if data["answer"] else "false"}
    if q.kind == "matching":
        return {f"m{i}": str(i) for i in range(len(data["pairs"]))}
    if q.kind == "ordering":
        return {f"o{i}": str(i) for i in range(len(data["items"]))}
    if q.kind == "short":
        accepted = data["accepted"][0]
        return {"response": accepted.upper() if short_in_capitals else accepted}
    return {"response": str(data["answer"])}


def make_attendee(seminar, user, *, present=None, checked_in=True):
    """`user` confirmed at `seminar` and (unless checked_in=False) checked in, marked present
    at the sessions whose titles are in `present` (all but the breaks when None)."""
    from datetime import time, timedelta

    from crossborder.enrolment.models import Application, Call, SessionAttendance

    call = Call.objects.filter(seminar=seminar).first() or make_call(seminar)
    day = seminar.local_datetime(seminar.start_date, time(8, 30))
    application = Application.objects.create(
        call=call,
        user=user,
        status="attended" if checked_in else "confirmed",
        submitted_at=day - timedelta(days=60),
        checked_in_at=day if checked_in else None,
    )
    sessions = seminar.sessions.exclude(kind="break")
    if present is not None:
        sessions = seminar.sessions.filter(title__in=present)
    SessionAttendance.objects.bulk_create(
        [SessionAttendance(session=s, application=application, present=True) for s in sessions]
    )
    return application


REFERRAL_DEFAULTS = {
    "name": "Associação Ondas do Tejo",
    "country": "PT",
    "regions": "Greater Lisbon",
    "services": ["shelter", "legal"],
    "languages": ["pt", "en"],
    "hours": "Mon–Fri 9:00–18:00",
    "how_to_refer": "Call the referral line, then email the referral form.",
    "consent": "Oral consent for the first contact.",
    "phone": "+351 00 555 0171",
    "hotline": "",
    "email": "referrals@ondas-do-tejo.example",
    "website": "https://ondas-do-tejo.example",
    "reviewed": True,
}


def make_ngo_user(email: str = "ngo@example.org", **profile):
    """A civil-society practitioner who may publish their organisation's referral profile."""
    return make_user(
        email,
        first_name="Inês",
        last_name="Carvalho",
        profile={
            "profession": "civil_society",
            "country": "PT",
            "organisation": "Associação Ondas do Tejo",
            **profile,
        },
    )


def make_referral_profile(editor=None, *, approved_by=None, **fields):
    """A referral profile as its editor sent it (approved when `approved_by` is a manager)."""
    from crossborder.referrals.services import (
        create_referral_profile,
        decide_referral_profile,
    )

    editor = editor or make_ngo_user(f"editor-{User.objects.count()}@ngo.example")
    profile = create_referral_profile(data={**REFERRAL_DEFAULTS, **fields}, by=editor)
    if approved_by is not None:
        profile = decide_referral_profile(
            profile=profile, decision="approve", note="", by=approved_by
        )
    return profile


def make_listing(user, *, shown=None, audience="members", listed=True, tags=()):
    """`user` in the practitioner directory showing the fields in `shown` (all when None), with
    a consent record when listed."""
    from crossborder.curriculum.models import Tag
    from crossborder.network.consent import CURRENT_VERSION
    from crossborder.network.models import FIELDS, NetworkConsent, NetworkListing

    shown = FIELDS if shown is None else shown
    listing = NetworkListing.objects.create(
        user=user,
        listed=listed,
        audience=audience,
        **{f"show_{f}": f in shown for f in FIELDS},
    )
    listing.tags.set(Tag.objects.filter(code__in=tags))
    if listed:
        NetworkConsent.objects.create(user=user, action="given", wording_version=CURRENT_VERSION)
    return listing


def survey_answers(survey, text: str = "Clear and practical.") -> tuple[dict, list[str]]:
    """A complete answer to `survey` as its form posts it (its conditional questions included),
    valid but for `text`, put in every free-text answer; and the names of those text fields."""
    from django.http import QueryDict

    from crossborder.evaluation.models import SurveyQuestion
    from crossborder.evaluation.surveys.answer_views import timetable
    from crossborder.evaluation.surveys.answering import parse, rated_items

    sessions, speakers = timetable(survey)
    questions = list(survey.questions.all())
    texts = []

    def answer(q):
        if q.kind in SurveyQuestion.RATING_KINDS:
            return {item.key: "4" for item in rated_items(q, sessions, speakers)}
        if q.kind == "number":
            return {f"q{q.pk}": "3"}
        if q.choices():
            return {f"q{q.pk}": str(q.choices()[0][0])}
        texts.append(f"q{q.pk}")
        return {f"q{q.pk}": "Clear and practical."}

    body = {}
    for q in questions:
        if not q.is_conditional:
            body.update(answer(q))
    for _ in questions:  # then the questions that the first answers made apply
        data = QueryDict(mutable=True)
        data.update(body)
        checked = parse(questions, data, sessions=sessions, speakers=speakers)
        if checked.valid:
            break
        for q in questions:
            if q.pk in checked.errors:
                body.update(answer(q))
    assert checked.valid, checked.errors
    return {**body, **dict.fromkeys(texts, text)}, texts
