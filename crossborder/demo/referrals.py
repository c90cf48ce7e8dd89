"""Demo referral profiles of support organisations (crossborder/referrals/).

Six invented organisations in six countries: five published, the Italian one waiting for the
manager, and the Portuguese one (edited by the demo NGO account, ngo@example.org) with a new
hotline waiting for the manager's check. The Romanian one was last reviewed over a year ago.
Phone numbers cannot be dialled: each puts "00" right after the country code, which no national
numbering plan allows (and "555" marks them as made up). Email addresses and websites use the
reserved .example domain.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import Profession, Profile, User
from crossborder.accounts.services import create_account
from crossborder.referrals.models import ReferralProfile
from crossborder.referrals.services import (
    APPROVE,
    create_referral_profile,
    decide_referral_profile,
    update_referral_profile,
)

from .people import DEMO_PASSWORD

NGO_ACCOUNT = "ngo@example.org"

PROFILES = [
    {
        "name": "Associação Ondas do Tejo",
        "country": "PT",
        "regions": "Greater Lisbon, Setúbal peninsula",
        "services": ["shelter", "legal", "psychological", "interpretation", "return"],
        "languages": ["pt", "en", "es", "ro", "uk"],
        "hours": "Mon–Fri 9:00–18:00; the hotline answers day and night",
        "how_to_refer": (
            "Call the referral line first: a case manager answers and, if the person needs a "
            "safe place tonight, arranges it during the call.\n"
            "Then email the referral form with the indicators you observed, the language the "
            "person speaks and any medical need. Do not send identity documents by email."
        ),
        "consent": (
            "We need the person's agreement to be contacted. Tell them who we are; we explain "
            "the reflection period ourselves, in their language."
        ),
        "phone": "+351 00 555 0171",
        "hotline": "",
        "email": "referrals@ondas-do-tejo.example",
        "website": "https://ondas-do-tejo.example",
        "editor": NGO_ACCOUNT,
        "reviewed_days_ago": 20,
    },
    {
        "name": "Fundacja Kompas Wisły",
        "country": "PL",
        "regions": "Mazowieckie, Lubelskie",
        "services": ["shelter", "legal", "labour", "helpline", "accompaniment"],
        "languages": ["pl", "uk", "ru", "en"],
        "hours": "Mon–Sat 8:00–20:00; helpline 24/7",
        "how_to_refer": (
            "Police and labour inspectors call the duty coordinator; we meet the person at the "
            "police station or the workplace inspection within three hours in Warsaw.\n"
            "Send the short referral note (name or alias, language, immediate needs) to the "
            "referral address; we confirm within the hour."
        ),
        "consent": "Oral consent is enough for the first contact; we record it ourselves.",
        "phone": "+48 00 555 0123",
        "hotline": "+48 00 555 0199",
        "email": "koordynacja@kompas-wisly.example",
        "website": "https://kompas-wisly.example",
        "reviewed_days_ago": 45,
    },
    {
        "name": "Netzwerk Leuchtboje Nord e.V.",
        "country": "DE",
        "regions": "Hamburg, Bremen, Schleswig-Holstein",
        "services": ["psychological", "medical", "accompaniment", "interpretation", "legal"],
        "languages": ["de", "en", "ro", "bg", "ar"],
        "hours": "Mon–Fri 8:30–17:00",
        "how_to_refer": (
            "Phone us before an interview or a raid where you expect to meet presumed victims: "
            "a counsellor can be there.\n"
            "After identification, send the referral form and tell us whether the person has "
            "been informed of the reflection period (§ 59 para. 7 AufenthG)."
        ),
        "consent": "Written consent on our form (in 14 languages), signed with the counsellor.",
        "phone": "+49 00 555 0142",
        "hotline": "",
        "email": "vermittlung@leuchtboje-nord.example",
        "website": "https://leuchtboje-nord.example",
        "reviewed_days_ago": 90,
    },
    {
        "name": "Association Passerelle Mistral",
        "country": "FR",
        "regions": "Marseille, Provence-Alpes-Côte d'Azur",
        "services": ["children", "shelter", "legal", "psychological"],
        "languages": ["fr", "en", "ar"],
        "hours": "Every day 9:00–19:00; unaccompanied minors: the child-protection hotline",
        "how_to_refer": (
            "For a child, call us and the departmental child-protection service at the same "
            "time. For adults, call the referral line and send the referral sheet."
        ),
        "consent": "Adults agree orally; for a child, the legal representative is informed.",
        "phone": "+33 00 555 0417",
        "hotline": "+33 00 555 0499",
        "email": "orientation@passerelle-mistral.example",
        "website": "https://passerelle-mistral.example",
        "reviewed_days_ago": 10,
    },
    {
        "name": "Asociația Busola Prutului",
        "country": "RO",
        "regions": "Iași, Vaslui, Suceava",
        "services": ["return", "psychological", "labour", "legal"],
        "languages": ["ro", "en", "it", "ru"],
        "hours": "Mon–Fri 9:00–17:00",
        "how_to_refer": (
            "For a return from abroad, the referring authority contacts us two weeks before "
            "the date; we meet the person at the airport and plan reintegration with them."
        ),
        "consent": "Written consent, collected by the referring authority or by us on arrival.",
        "phone": "+40 00 555 0190",
        "hotline": "",
        "email": "contact@busola-prutului.example",
        "website": "",
        "reviewed_days_ago": 430,  # shown with a warning: not reviewed for over a year
    },
]
PENDING = {
    "name": "Cooperativa Àncora Trinacria",
    "country": "IT",
    "regions": "Palermo, Agrigento, Ragusa",
    "services": ["labour", "shelter", "interpretation"],
    "languages": ["it", "en", "ro", "ar"],
    "hours": "Mon–Fri 8:00–16:00; during the harvest season also Saturdays",
    "how_to_refer": (
        "Labour inspectors and carabinieri call the outreach team before an inspection of a "
        "farm; we bring interpreters and a mediator to the inspection."
    ),
    "consent": "",
    "phone": "+39 00 555 0165",
    "hotline": "",
    "email": "sportello@ancora-trinacria.example",
    "website": "https://ancora-trinacria.example",
    "reviewed_days_ago": 2,
}
NEW_HOTLINE = "+351 00 555 0100"  # the Portuguese profile's change waiting for the manager


def _ngo_account() -> User:
    user = User.objects.filter(email=NGO_ACCOUNT).first()
    return user or create_account(
        email=NGO_ACCOUNT,
        password=DEMO_PASSWORD,
        first_name="Inês",
        last_name="Carvalho",
        profile={
            "profession": Profession.CIVIL_SOCIETY,
            "country": "PT",
            "organisation": "Associação Ondas do Tejo",
            "job_title": "Case manager",
            "gender": "female",
            "working_languages": ["pt", "en", "es"],
        },
    )


def _editor(row: dict) -> User:
    """The NGO account, or a demo practitioner of civil society (of the country if any)."""
    if row.get("editor"):
        return _ngo_account()
    staff = (
        Profile.objects.filter(profession=Profession.CIVIL_SOCIETY)
        .exclude(user__email=NGO_ACCOUNT)
        .select_related("user")
    )
    profile = (
        staff.filter(country=row["country"]).order_by("user__email").first()
        or staff.order_by("user__email").first()
    )
    return profile.user


def _create(row: dict, manager: User | None) -> ReferralProfile:
    profile = create_referral_profile(data={**row, "reviewed": True}, by=_editor(row))
    if manager is not None:
        profile = decide_referral_profile(profile=profile, decision=APPROVE, note="", by=manager)
    reviewed = timezone.localdate() - timedelta(days=row["reviewed_days_ago"])
    ReferralProfile.objects.filter(pk=profile.pk).update(last_reviewed=reviewed)
    return profile


@transaction.atomic
def seed_referrals() -> dict:
    """Idempotent: an organisation's profile is made once."""
    manager = User.objects.get(email="manager@example.org")
    existing = set(ReferralProfile.objects.values_list("name", flat=True))
    created = 0
    for row in PROFILES:
        if row["name"] in existing:
            continue
        profile = _create(row, manager)
        created += 1
        if row.get("editor"):  # the NGO then gives its new night hotline: waits for a check
            profile.refresh_from_db()
            data = {**row, "hotline": NEW_HOTLINE, "reviewed": True}
            update_referral_profile(profile=profile, data=data, by=_ngo_account())
    if PENDING["name"] not in existing:
        _create(PENDING, None)
        created += 1
    return {
        "created": created,
        "published": ReferralProfile.objects.approved().count(),
        "waiting": ReferralProfile.objects.awaiting_decision().count(),
    }
