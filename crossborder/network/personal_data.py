"""The practitioner directory's part of a person's data (the shared contract of the privacy
app): `export` returns everything this app holds on them, `erase` removes it. Contact requests
are kept without their message, so the count of contacts made through the
network (a follow-up indicator) stays right; the messages written in cohort discussions are
deleted (no figure counts them); the account itself is anonymised by the privacy app, after
every app has erased its part."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import (
    FIELDS,
    AbuseReport,
    Block,
    CohortPost,
    ContactRequest,
    NetworkConsent,
    NetworkListing,
)

LABEL = _("Network")


def _when(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    listing = NetworkListing.objects.filter(user=user).prefetch_related("tags").first()
    requests = ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user)).exclude(
        ~Q(sender=user),
        status=ContactRequest.Status.WITHHELD,  # never seen by the recipient
    )
    return {
        "listing": None
        if listing is None
        else {
            "public_id": listing.public_id,
            "listed": listing.listed,
            "audience": listing.audience,
            "fields_shown": [f for f in FIELDS if f in listing.shown()],
            "expertise_tags": [t.code for t in listing.tags.all()],
            "updated_at": _when(listing.updated_at),
        },
        "consents": [
            {"action": c.action, "wording_version": c.wording_version, "at": _when(c.created_at)}
            for c in NetworkConsent.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "contact_requests": [
            {
                "direction": "sent" if r.sender_id == user.pk else "received",
                "message": r.message,
                # a withheld request (to someone who blocked you) reads as waiting, as on the page
                "status": ContactRequest.Status.PENDING
                if r.status == ContactRequest.Status.WITHHELD
                else r.status,
                "at": _when(r.created_at),
                "answered_at": _when(r.answered_at),
            }
            for r in requests.order_by("created_at", "pk")
        ],
        "blocks": [
            {"blocked": b.blocked.get_full_name(), "at": _when(b.created_at)}
            for b in Block.objects.filter(blocker=user).select_related("blocked")
        ],
        "cohort_messages": [
            {
                "seminar": p.seminar.slug,
                "message": p.body,
                "at": _when(p.created_at),
                "hidden_by_moderators": p.is_hidden,
            }
            for p in CohortPost.objects.filter(author=user)
            .select_related("seminar")
            .order_by("created_at", "pk")
        ],
        "abuse_reports_made": [
            {"reason": r.reason, "status": r.status, "at": _when(r.created_at)}
            for r in AbuseReport.objects.filter(reporter=user).order_by("created_at")
        ],
    }


@transaction.atomic
def erase(user) -> None:
    """Delete the listing, the consents, the blocks and the cohort messages; keep the contact
    requests without their message, still linked to the (anonymised) account, so that the
    contacts made through the network keep counting for the seminars the person attended. A
    request still waiting is closed: the other person no longer sees one from the erased
    account (withheld) or waits for an answer that cannot come (declined)."""
    NetworkListing.objects.filter(user=user).delete()
    NetworkConsent.objects.filter(user=user).delete()
    CohortPost.objects.filter(author=user).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    waiting = ContactRequest.Status.PENDING
    ContactRequest.objects.filter(sender=user, status=waiting).update(
        status=ContactRequest.Status.WITHHELD
    )
    ContactRequest.objects.filter(recipient=user, status=waiting).update(
        status=ContactRequest.Status.DECLINED
    )
    ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user)).update(message="")
    AbuseReport.objects.filter(reporter=user).update(reason="")
