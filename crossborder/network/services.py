"""The directory's workflows: opting in or out (with the consent history), contact requests and
their answers, blocking, abuse reports, and the cohort discussions' messages (posting, deleting,
hiding, reporting). Each writes an audit entry."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder.audit.models import record

from .consent import CURRENT_VERSION
from .models import (
    AbuseReport,
    Block,
    CohortPost,
    ContactRequest,
    NetworkConsent,
    NetworkListing,
)
from .notifications import notify

# Contact requests one person may send in 24 hours (settings.NETWORK_REQUESTS_PER_DAY overrides).
REQUESTS_PER_DAY = 5


class Refused(Exception):
    """A request the person may not make; the message says why."""


@transaction.atomic
def save_listing(*, form, by) -> NetworkListing:
    """Save the person's choices from a valid ListingForm. Ticking "list me" records consent to
    the current wording (again if the wording changed); unticking it withdraws it at once."""
    listing = form.save(commit=False)
    listing.user = by
    last = NetworkConsent.objects.filter(user=by).first()
    consented = last is not None and last.action == NetworkConsent.Action.GIVEN
    if listing.listed and not (consented and last.wording_version == CURRENT_VERSION):
        NetworkConsent.objects.create(
            user=by, action=NetworkConsent.Action.GIVEN, wording_version=CURRENT_VERSION
        )
    elif not listing.listed and consented:
        NetworkConsent.objects.create(
            user=by, action=NetworkConsent.Action.WITHDRAWN, wording_version=last.wording_version
        )
    listing.save()
    form.save_m2m()
    record(
        actor=by,
        action="network.listing.saved",
        obj=listing,
        details={"listed": listing.listed, "audience": listing.audience},
    )
    return listing


def requests_left_today(user) -> int:
    limit = getattr(settings, "NETWORK_REQUESTS_PER_DAY", REQUESTS_PER_DAY)
    since = timezone.now() - timedelta(days=1)
    return max(0, limit - ContactRequest.objects.filter(sender=user, created_at__gte=since).count())


@transaction.atomic
def send_contact_request(*, sender, listing, message: str) -> ContactRequest:
    """Ask the person of `listing` to get in touch. A person who blocked the sender is not told:
    the request is withheld, and the sender sees it as waiting like any other."""
    recipient = listing.user
    # One sender's requests are counted one at a time (a row lock on PostgreSQL; SQLite has a
    # single writer), so that two at once cannot both pass the daily limit.
    list(get_user_model().objects.select_for_update().filter(pk=sender.pk).values_list("pk"))
    if requests_left_today(sender) <= 0:
        raise Refused(
            _(
                "You have sent the most contact requests allowed in a day. Please try again "
                "tomorrow."
            )
        )
    if ContactRequest.objects.filter(
        sender=sender, recipient=recipient, status=ContactRequest.Status.PENDING
    ).exists():
        raise Refused(_("You have already asked this person; please wait for their answer."))
    blocked = Block.objects.filter(blocker=recipient, blocked=sender).exists()
    contact = ContactRequest.objects.create(
        sender=sender,
        recipient=recipient,
        message=message,
        status=ContactRequest.Status.WITHHELD if blocked else ContactRequest.Status.PENDING,
    )
    record(actor=sender, action="network.request.sent", obj=contact, details={"withheld": blocked})
    if not blocked:
        notify(recipient, "contact_request", {"contact": contact})
    return contact


@transaction.atomic
def answer_contact_request(*, contact, by, accept: bool) -> bool:
    """The recipient accepts or declines a waiting request; False if it was answered already."""
    status = ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    changed = ContactRequest.objects.filter(
        pk=contact.pk, recipient=by, status=ContactRequest.Status.PENDING
    ).update(status=status, answered_at=timezone.now())
    if not changed:
        return False
    contact.refresh_from_db()
    record(actor=by, action=f"network.request.{status}", obj=contact)
    if accept and contact.sender is not None:
        notify(contact.sender, "contact_accepted", {"contact": contact})
    return True


@transaction.atomic
def block_sender(*, contact, by) -> Block | None:
    """The recipient blocks a request's sender: their waiting requests are declined, and any
    new one is withheld without telling them."""
    if contact.sender_id is None:
        return None
    block, _created = Block.objects.get_or_create(blocker=by, blocked_id=contact.sender_id)
    ContactRequest.objects.filter(
        sender_id=contact.sender_id, recipient=by, status=ContactRequest.Status.PENDING
    ).update(status=ContactRequest.Status.DECLINED, answered_at=timezone.now())
    record(actor=by, action="network.block", obj=block)
    return block


@transaction.atomic
def unblock(*, block, by) -> None:
    record(actor=by, action="network.unblock", obj=block)
    block.delete()


@transaction.atomic
def report_contact_request(*, contact, by, reason: str) -> AbuseReport:
    """Tell the moderators (programme staff) about a request; they see it in their list."""
    report = AbuseReport.objects.create(
        contact_request=contact, reporter=by, reported_id=contact.sender_id, reason=reason
    )
    record(actor=by, action="network.report", obj=report)
    return report


@transaction.atomic
def close_abuse_report(*, report, by, outcome: str) -> bool:
    """A moderator closes a report with its outcome; False if it was closed already."""
    changed = AbuseReport.objects.filter(pk=report.pk, status=AbuseReport.Status.OPEN).update(
        status=AbuseReport.Status.CLOSED, closed_at=timezone.now(), closed_by=by, outcome=outcome
    )
    if changed:
        record(actor=by, action="network.report.closed", obj=report, details={"outcome": outcome})
    return bool(changed)


# --- cohort discussions ------------------------------------------------------------------------


@transaction.atomic
def post_in_cohort(*, author, seminar, body: str) -> CohortPost:
    """A message to the seminar's cohort (plain text: the page escapes it)."""
    post = CohortPost.objects.create(seminar=seminar, author=author, body=body)
    record(
        actor=author, action="network.cohort.posted", obj=post, details={"seminar": seminar.slug}
    )
    return post


@transaction.atomic
def delete_cohort_post(*, post, by) -> None:
    """The author takes back their message; the audit keeps the fact, not the text."""
    record(
        actor=by, action="network.cohort.deleted", obj=post, details={"seminar": post.seminar_id}
    )
    post.delete()


@transaction.atomic
def hide_cohort_post(*, post, by, hidden: bool) -> bool:
    """A moderator hides a message from the cohort (or shows it again); False if it already was
    as asked."""
    found = CohortPost.objects.filter(pk=post.pk, hidden_at__isnull=hidden)
    changed = found.update(
        hidden_at=timezone.now() if hidden else None, hidden_by=by if hidden else None
    )
    if changed:
        action = "network.cohort.hidden" if hidden else "network.cohort.shown"
        record(actor=by, action=action, obj=post)
    return bool(changed)


@transaction.atomic
def report_cohort_post(*, post, by, reason: str) -> AbuseReport:
    """Tell the moderators about a message; they see it in their list beside the requests."""
    report = AbuseReport.objects.create(
        post=post, reporter=by, reported_id=post.author_id, reason=reason
    )
    record(actor=by, action="network.report", obj=report, details={"post": post.pk})
    return report
