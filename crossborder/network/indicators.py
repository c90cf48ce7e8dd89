"""The network's part of the follow-up indicators (registered in the evaluation's indicator set
by NetworkConfig.ready): how many of the scope's attendees joined the directory and the contacts
they made through it. Aggregates only, four queries; people counts are suppressed under 5 for
the funder like every other section's (crossborder/evaluation/reports/suppression.py)."""

from django.db.models import F, Q
from django.utils.translation import gettext as _

from crossborder.evaluation.reports.indicators import attended
from crossborder.evaluation.reports.scope import Scope
from crossborder.evaluation.reports.tables import Kind, Section, Stat

from .models import ContactRequest, NetworkListing


def network_section(scope: Scope) -> Section | None:
    """Attendees listed in the directory and contacts made through it (accepted requests with
    at least one attendee of the scope); None before the network is used at all."""
    if not (NetworkListing.objects.exists() or ContactRequest.objects.exists()):
        return None
    attendees = attended(scope).values("user")
    accepted = ContactRequest.objects.filter(status=ContactRequest.Status.ACCEPTED).filter(
        Q(sender__in=attendees) | Q(recipient__in=attendees)
    )
    in_contact = (
        attended(scope)
        .filter(
            Q(user__contact_requests_sent__status=ContactRequest.Status.ACCEPTED)
            | Q(user__contact_requests_received__status=ContactRequest.Status.ACCEPTED)
        )
        .values("user")
        .distinct()
        .count()
    )
    across = accepted.exclude(sender__profile__country=F("recipient__profile__country")).count()
    return Section(
        key="network",
        title=_("Practitioner network"),
        intro=_(
            "Attendees who joined the opt-in directory of practitioners, and the contacts made "
            "through it: contact requests accepted by the person asked, with at least one "
            "attendee of these seminars on either side."
        ),
        stats=[
            Stat(
                "listed",
                _("attendees listed in the directory"),
                NetworkListing.objects.filter(listed=True, user__in=attendees).count(),
            ),
            Stat("in_contact", _("attendees who made at least one contact"), in_contact),
            Stat("contacts", _("contacts made"), accepted.count(), Kind.COUNT),
            Stat("across_borders", _("of them across borders"), across, Kind.COUNT),
        ],
    )
