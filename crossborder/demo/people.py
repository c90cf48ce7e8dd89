"""Demo practitioners: realistic, deterministic (fixed seed), loaded idempotently."""

import json
import random
import unicodedata
from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import MFA_ROLES, Profession, Profile, Role, User, Vetting
from crossborder.accounts.services import create_account
from crossborder.audit.models import AuditEntry

DATA = Path(__file__).parent / "data"
SEED = 20261128
PRACTITIONERS = 340
DEMO_PASSWORD = "crossborder-demo"
# Documented in the README: add it to an authenticator app to sign in as manager or admin.
DEMO_TOTP_SECRET = "CROSSBORDERDEMOTWOFACTORKEY23456"

# (email, role, given name, family name, profile or None)
ROLE_ACCOUNTS = [
    (
        "participant@example.org",
        Role.PARTICIPANT,
        "Marta",
        "Kowalska",
        {
            "profession": Profession.LAW_ENFORCEMENT,
            "country": "PL",
            "organisation": "Komenda Główna Policji",
            "job_title": "Komisarz, Wydział do walki z handlem ludźmi",
            "gender": "female",
            "working_languages": ["pl", "en", "de"],
            "vetting": Vetting.VERIFIED,
        },
    ),
    (
        "trainer@example.org",
        Role.TRAINER,
        "Pieter",
        "Janssens",
        {
            "profession": Profession.PROSECUTOR,
            "country": "BE",
            "organisation": "Federaal Parket",
            "job_title": "Federal magistrate, trainer",
            "gender": "male",
            "working_languages": ["nl", "fr", "en"],
            "vetting": Vetting.VERIFIED,
        },
    ),
    ("manager@example.org", Role.MANAGER, "Claire", "Dubois", None),
    ("funder@example.org", Role.FUNDER, "Elena", "Rossi", None),
    ("admin@example.org", Role.ADMIN, "Jonas", "Berg", None),
]

PROFESSION_WEIGHTS = {
    Profession.JUDGE: 15,
    Profession.PROSECUTOR: 18,
    Profession.LAW_ENFORCEMENT: 25,
    Profession.FINANCIAL: 12,
    Profession.LABOUR_INSPECTOR: 10,
    Profession.CIVIL_SOCIETY: 14,
    Profession.OTHER_AUTHORITY: 6,
}
COUNTRY_LANGUAGES = {
    "AT": ["de"],
    "BE": ["nl", "fr"],
    "BG": ["bg"],
    "HR": ["hr"],
    "CY": ["el"],
    "CZ": ["cs"],
    "DE": ["de"],
    "DK": ["da"],
    "EE": ["et"],
    "ES": ["es"],
    "FI": ["fi", "sv"],
    "FR": ["fr"],
    "GR": ["el"],
    "HU": ["hu"],
    "IE": ["en", "ga"],
    "IT": ["it"],
    "LT": ["lt"],
    "LV": ["lv"],
    "NL": ["nl"],
    "PL": ["pl"],
    "PT": ["pt"],
    "RO": ["ro"],
    "SE": ["sv"],
    "SI": ["sl"],
    "SK": ["sk"],
    "UA": ["uk"],
}
JOB_TITLES = {
    Profession.JUDGE: [
        "Judge",
        "Presiding judge",
        "Investigating judge",
        "Judge, criminal chamber",
    ],
    Profession.PROSECUTOR: ["Public prosecutor", "Senior prosecutor", "Deputy prosecutor"],
    Profession.LAW_ENFORCEMENT: ["Detective inspector", "Chief inspector", "Police officer"],
    Profession.FINANCIAL: ["Financial intelligence analyst", "Compliance officer", "Tax auditor"],
    Profession.LABOUR_INSPECTOR: ["Labour inspector", "Senior labour inspector"],
    Profession.CIVIL_SOCIETY: ["Case manager", "Legal adviser", "Outreach worker", "Director"],
    Profession.OTHER_AUTHORITY: ["Policy officer", "National referral coordinator", "Border guard"],
}
ASCII_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "đ": "d", "Đ": "D", "'": ""}
)


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(ASCII_EXTRA))
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in " -")).lower()


def _irish_female(family: str) -> str:
    """Irish women's surnames take Ní / Nic where men's take Ó / Mac."""
    if family.startswith("Ó "):
        return "Ní " + family[2:]
    if family.startswith("Mac "):
        return "Nic " + family[4:]
    return family


def generate(rng: random.Random) -> list[dict]:
    """The same list of practitioners every time for the same seed."""
    names = json.loads((DATA / "names.json").read_text(encoding="utf-8"))
    orgs = json.loads((DATA / "organisations.json").read_text(encoding="utf-8"))
    countries = sorted(names)
    # Bigger Member States send more people, but every country is represented.
    big = ("DE", "FR", "IT", "ES", "PL", "RO", "NL")
    weights = dict.fromkeys(countries, 3) | dict.fromkeys(big, 5)
    professions = list(PROFESSION_WEIGHTS)
    people, seen = [], set()
    now = timezone.now().replace(microsecond=0)
    for i in range(PRACTITIONERS):
        country = (
            countries[i]
            if i < len(countries)
            else rng.choices(countries, weights=[weights[c] for c in countries])[0]
        )
        profession = rng.choices(professions, weights=list(PROFESSION_WEIGHTS.values()))[0]
        roll = rng.random()
        gender = (
            "female" if roll < 0.5 else "male" if roll < 0.96 else "" if roll < 0.99 else "other"
        )
        pool = names[country]
        given_pool = pool["female"] if gender == "female" else pool["male"]
        if gender not in ("female", "male"):
            given_pool = pool[rng.choice(["female", "male"])]
        first = rng.choice(given_pool)
        if "family" in pool:
            last = rng.choice(pool["family"])
            if country == "IE" and gender == "female":
                last = _irish_female(last)
        else:
            index = rng.randrange(len(pool["family_male"]))
            last = pool["family_female" if gender == "female" else "family_male"][index]
        local = f"{_ascii(first)}.{_ascii(last)}".replace(" ", "-")
        email, n = f"{local}@{country.lower()}.example.org", 1
        while email in seen:
            n += 1
            email = f"{local}{n}@{country.lower()}.example.org"
        seen.add(email)
        languages = list(COUNTRY_LANGUAGES[country])
        if "en" not in languages and rng.random() < 0.88:
            languages.append("en")
        for extra in ("fr", "de"):
            if extra not in languages and rng.random() < 0.18:
                languages.append(extra)
        vettable = profession in (
            Profession.JUDGE,
            Profession.PROSECUTOR,
            Profession.LAW_ENFORCEMENT,
        )
        people.append(
            {
                "email": email,
                "first_name": first,
                "last_name": last,
                "country": country,
                "profession": profession,
                "organisation": rng.choice(orgs[country][profession]),
                "job_title": rng.choice(JOB_TITLES[profession]),
                "gender": gender,
                "working_languages": languages,
                "vetted": vettable and rng.random() < 0.55,
                "joined": now - timedelta(days=rng.randrange(20, 540), minutes=rng.randrange(1440)),
            }
        )
    return people


def _role_account(email, role, first, last, profile):
    """The account of a role as the README describes it (created once; kept if it exists)."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    return create_account(
        email=email,
        password=DEMO_PASSWORD,
        role=role,
        first_name=first,
        last_name=last,
        totp_secret=DEMO_TOTP_SECRET if role in MFA_ROLES else None,
        profile=profile,
    )


@transaction.atomic
def seed_people() -> dict:
    """Create the role accounts and the practitioners that do not exist yet."""
    accounts = {row[1]: _role_account(*row) for row in ROLE_ACCOUNTS}
    manager = accounts[Role.MANAGER]
    people = generate(random.Random(SEED))
    existing = set(
        User.objects.filter(email__in=[p["email"] for p in people]).values_list("email", flat=True)
    )
    new = [p for p in people if p["email"] not in existing]
    unusable = make_password(None)  # practitioners in the demo do not sign in
    users = User.objects.bulk_create(
        [
            User(
                email=p["email"],
                first_name=p["first_name"],
                last_name=p["last_name"],
                role=Role.PARTICIPANT,
                password=unusable,
                date_joined=p["joined"],
            )
            for p in new
        ]
    )
    by_email = {u.email: u for u in User.objects.filter(email__in=[p["email"] for p in new])}
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=by_email[p["email"]], email=p["email"], verified=True, primary=True)
            for p in new
        ]
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=by_email[p["email"]],
                profession=p["profession"],
                country=p["country"],
                organisation=p["organisation"],
                job_title=p["job_title"],
                gender=p["gender"],
                working_languages=p["working_languages"],
                vetting=Vetting.VERIFIED if p["vetted"] else Vetting.NONE,
                vetted_by=manager if p["vetted"] else None,
                vetted_at=p["joined"] + timedelta(days=3) if p["vetted"] else None,
            )
            for p in new
        ]
    )
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                created_at=profile.vetted_at,
                actor=manager,
                actor_email=manager.email,
                action="profile.vetting",
                object_type="accounts.profile",
                object_id=str(profile.pk),
                object_repr=f"{profile.user} ({profile.country})"[:200],
                details={"from": "none", "to": "verified", "note": "Confirmed by the employer"},
            )
            for profile in Profile.objects.filter(
                user__email__in=[p["email"] for p in new if p["vetted"]]
            ).select_related("user")
        ]
    )
    return {"created": len(users), "profiles": len(profiles), "total": len(people)}
