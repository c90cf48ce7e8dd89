"""The person's own side of the network: their listing and consent, and their contacts
(requests received and sent, accepted contacts' addresses, blocks and reports)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access

from ..consent import CURRENT_VERSION, wording
from ..forms import ListingForm, ReportForm
from ..models import Block, ContactRequest, NetworkConsent, NetworkListing
from ..services import (
    answer_contact_request,
    block_sender,
    report_contact_request,
    save_listing,
    unblock,
)


@login_required
def my_listing(request):
    """ "My network profile": the consent text, the choices, and the consent history."""
    if not access.can_open_network(request.user):
        raise PermissionDenied
    if not access.can_be_listed(request.user):
        return render(request, "network/not_yet.html", {"for_listing": True})
    listing = NetworkListing.objects.filter(user=request.user).first()
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST":
        if form.is_valid():
            was_listed = bool(listing and listing.listed)
            listing = save_listing(form=form, by=request.user)
            if listing.listed and not was_listed:
                messages.success(request, _("You are now listed in the practitioner directory."))
            elif was_listed and not listing.listed:
                messages.success(
                    request, _("You have left the directory: nobody can find you any more.")
                )
            else:
                messages.success(request, _("Your choices are saved."))
            return redirect("network-profile")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "network/my_listing.html",
        {
            "form": form,
            "listing": listing,
            "wording": wording(),
            "version": CURRENT_VERSION,
            "history": NetworkConsent.objects.filter(user=request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
def contacts(request):
    if not access.can_open_network(request.user):
        raise PermissionDenied
    me = request.user
    received = list(
        ContactRequest.objects.received_by(me)
        .select_related("sender__profile")
        .order_by("status", "-created_at")
    )
    sent = ContactRequest.objects.filter(sender=me).select_related("recipient__network_listing")
    sent = list(sent)
    for contact in [*received, *sent]:
        contact.show_email = access.sees_contact_email(me, contact)
    return render(
        request,
        "network/contacts.html",
        {
            "received": received,
            "sent": sent,
            "blocks": list(Block.objects.filter(blocker=me).select_related("blocked")),
            "report_form": ReportForm(),
        },
    )


def _received(request, request_id):
    contact = get_object_or_404(
        ContactRequest.objects.received_by(request.user).select_related("sender"), pk=request_id
    )
    if not access.can_answer_contact_request(request.user, contact):
        raise PermissionDenied
    return contact


@login_required
@require_POST
def answer(request, request_id):
    contact = _received(request, request_id)
    accept = request.POST.get("answer") == "accept"
    if request.POST.get("answer") not in ("accept", "decline"):
        messages.error(request, _("Choose to accept or to decline the request."))
    elif not answer_contact_request(contact=contact, by=request.user, accept=accept):
        messages.error(request, _("This request was answered already."))
    elif accept:
        messages.success(request, _("Accepted: you can now see each other's email address."))
    else:
        messages.success(request, _("Declined. The sender is told that you declined."))
    return redirect("network-contacts")


@login_required
@require_POST
def block(request, request_id):
    contact = _received(request, request_id)
    block_sender(contact=contact, by=request.user)
    messages.success(
        request, _("Blocked. This person cannot send you requests any more and is not told.")
    )
    return redirect("network-contacts")


@login_required
@require_POST
def report(request, request_id):
    contact = _received(request, request_id)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Please say in a few words (10 to 1000 characters) what is wrong.")
        )
        return redirect("network-contacts")
    report_contact_request(contact=contact, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Thank you. The programme team will look at your report."))
    return redirect("network-contacts")


@login_required
@require_POST
def remove_block(request, block_id):
    found = get_object_or_404(Block, pk=block_id, blocker=request.user)
    unblock(block=found, by=request.user)
    messages.success(request, _("Unblocked."))
    return redirect("network-contacts")
