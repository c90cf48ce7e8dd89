"""Demo practitioner network: about a third of the practitioners opted in, with varied choices
of fields and audience (consent recorded); participant@example.org (Marta) is listed, has one
contact request accepted (she sees the prosecutor's address) and one waiting for her answer;
the moderators have one open abuse report to look at. The Vienna cohort's space has a short
discussion, one message of which the moderators hid."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import EU27, Profile, Role, User
from crossborder.curriculum.models import Tag
from crossborder.enrolment.models import Application
from crossborder.network.consent import CURRENT_VERSION
from crossborder.network.models import (
    FIELDS,
    AbuseReport,
    CohortPost,
    ContactRequest,
    NetworkConsent,
    NetworkListing,
)
from crossborder.seminars.models import Seminar

SEED = 20261206
MARTA = "participant@example.org"
# How often each field is shown by those who opt in (the name by almost everyone).
SHOWN = {
    "name": 0.9,
    "profession": 0.95,
    "organisation": 0.5,
    "country": 0.9,
    "languages": 0.8,
    "tags": 0.75,
    "seminars": 0.4,
}
ACCEPTED = (
    "Dear colleague, I am investigating a labour exploitation case with workers recruited in "
    "Poland and exploited in your country. Could we talk about a joint investigation team?"
)
PENDING = (
    "Hello Marta, we met at the Vienna seminar. I have a sexual exploitation case with a "
    "Polish suspect and would like to ask how your unit handles mutual legal assistance."
)

# The Vienna cohort's discussion, oldest first: (who writes, days ago, text). "marta" is
# participant@example.org; the others are attendees of the seminar with that profession.
VIENNA = "vienna-2026-law-identification-evidence"
COHORT_POSTS = [
    (
        "marta",
        41,
        "Thank you all for Vienna. Since April our unit uses the identification indicators from "
        "the second day when we first talk to workers found in controls at car washes and nail "
        "bars. Has anyone adapted them for interviews through an interpreter?",
    ),
    (
        "labour_inspector",
        39,
        "Marta, we only work with interpreters who signed a confidentiality undertaking and who "
        "do not come from the workers' community. Never a co-worker, and never someone the "
        "employer brought along: workers will not speak freely in front of them.",
    ),
    (
        "prosecutor",
        23,
        "Member States had to transpose Directive (EU) 2024/1712 by 15 July 2026. Our new law "
        "makes knowingly using the services of a trafficking victim a crime, and we are writing "
        "guidance for prosecutors on how to prove that knowledge. Is anyone else drafting "
        "something similar?",
    ),
    (
        "hidden",
        12,
        "Can someone send me the full names of the victims in the case we discussed on the "
        "second day? I would like to check them against our database.",
    ),
    (
        "civil_society",
        6,
        "From the NGO side: when you identify a presumed victim and need support in another "
        "language, look at the referral profiles in the network. Ours says which languages we "
        "cover and how to reach our counsellors at night.",
    ),
]


def seed_cohort_posts(marta, now) -> int:
    """The Vienna cohort's discussion: Marta and attendees of three professions write; the
    programme manager hid the message that asks for victims' names."""
    seminar = Seminar.objects.filter(slug=VIENNA).first()
    manager = User.objects.filter(role=Role.MANAGER).order_by("pk").first()
    if seminar is None or marta is None:
        return 0
    attendees = (
        Application.objects.filter(call__seminar=seminar, status=Application.Status.ATTENDED)
        .exclude(user=marta)
        .select_related("user__profile")
        .order_by("pk")
    )
    by_profession = {}
    for application in attendees:
        profile = application.user.profile
        if profile.country.code in EU27:  # they speak of their own Member State's law
            by_profession.setdefault(profile.profession, application.user)
    authors = {
        "marta": marta,
        "labour_inspector": by_profession.get("labour_inspector"),
        "prosecutor": by_profession.get("prosecutor"),
        "civil_society": by_profession.get("civil_society"),
        "hidden": by_profession.get("law_enforcement"),
    }
    posts = []
    for who, days, text in COHORT_POSTS:
        if authors[who] is None:
            continue
        when = now - timedelta(days=days)
        hidden = who == "hidden" and manager is not None
        posts.append(
            CohortPost(
                seminar=seminar,
                author=authors[who],
                body=text,
                created_at=when,
                hidden_at=when + timedelta(hours=3) if hidden else None,
                hidden_by=manager if hidden else None,
            )
        )
    CohortPost.objects.bulk_create(posts)
    return len(posts)


@transaction.atomic
def seed_network() -> dict:
    if NetworkListing.objects.exists():
        return {"listed": 0, "requests": 0, "posts": 0}
    rng = random.Random(SEED)
    tags = list(Tag.objects.all())
    profiles = list(
        Profile.objects.filter(user__role=Role.PARTICIPANT, user__is_active=True)
        .exclude(user__email=MARTA)
        .select_related("user")
        .order_by("pk")
    )
    chosen = rng.sample(profiles, len(profiles) // 3)
    marta = User.objects.filter(email=MARTA).first()
    now = timezone.now()
    listings, chosen_tags = [], []
    for profile in chosen:
        shown = {f for f in FIELDS if rng.random() < SHOWN[f]} or {"profession"}
        vetted_only = profile.is_vetted and rng.random() < 0.4
        listings.append(
            NetworkListing(
                user=profile.user,
                listed=True,
                audience="vetted" if vetted_only else "members",
                **{f"show_{f}": f in shown for f in FIELDS},
            )
        )
        chosen_tags.append(rng.sample(tags, rng.randint(1, 4)))
    if marta is not None:
        listings.append(
            NetworkListing(user=marta, listed=True, show_organisation=True, show_seminars=True)
        )
        chosen_tags.append([t for t in tags if t.code in ("A", "S", "cyber")])
    NetworkListing.objects.bulk_create(listings)
    through = NetworkListing.tags.through
    through.objects.bulk_create(
        [
            through(networklisting_id=listing.pk, tag_id=tag.pk)
            for listing, picked in zip(listings, chosen_tags, strict=True)
            for tag in picked
        ]
    )
    NetworkConsent.objects.bulk_create(
        [
            NetworkConsent(
                user_id=listing.user_id,
                action="given",
                wording_version=CURRENT_VERSION,
                created_at=now - timedelta(days=rng.randint(5, 60)),
            )
            for listing in listings
        ]
    )
    requests = 0
    if marta is not None:
        visible = [
            p for p, listing in zip(chosen, listings, strict=False) if listing.audience == "members"
        ]
        prosecutor = next(p.user for p in visible if p.profession == "prosecutor")
        judge = next(p.user for p in visible if p.profession == "judge")
        ContactRequest.objects.create(
            sender=marta,
            recipient=prosecutor,
            message=ACCEPTED,
            status="accepted",
            created_at=now - timedelta(days=9),
            answered_at=now - timedelta(days=8),
        )
        ContactRequest.objects.create(
            sender=judge, recipient=marta, message=PENDING, created_at=now - timedelta(days=1)
        )
        requests = 2
        sender, recipient = visible[0].user, visible[1].user
        odd = ContactRequest.objects.create(
            sender=sender,
            recipient=recipient,
            message="Send me the list of the victims you identified last year, with addresses.",
            status="declined",
            created_at=now - timedelta(days=3),
        )
        AbuseReport.objects.create(
            contact_request=odd,
            reporter=recipient,
            reported=sender,
            reason="Asks for victims' personal data; this is not how we share case information.",
        )
    posts = seed_cohort_posts(marta, now)
    return {"listed": len(listings), "requests": requests, "posts": posts}
