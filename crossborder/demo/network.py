"""Demo practitioner network: about a third of the practitioners opted in, with varied choices
of fields and audience (consent recorded); participant@example.org (Marta) is listed, has one
contact request accepted (she sees the prosecutor's address) and one waiting for her answer;
the moderators have one open abuse report to look at."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crossborder.accounts.models import Profile, Role, User
from crossborder.curriculum.models import Tag
from crossborder.network.consent import CURRENT_VERSION
from crossborder.network.models import (
    FIELDS,
    AbuseReport,
    ContactRequest,
    NetworkConsent,
    NetworkListing,
)

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


@transaction.atomic
def seed_network() -> dict:
    if NetworkListing.objects.exists():
        return {"listed": 0, "requests": 0}
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
    return {"listed": len(listings), "requests": requests}
