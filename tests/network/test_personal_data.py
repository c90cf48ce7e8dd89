"""The network's part of a person's data (crossborder/network/personal_data.py), and the API
read with a personal token."""

import json

import pytest

from crossborder.accounts.models import ApiToken, Role
from crossborder.network import personal_data
from crossborder.network.models import (
    AbuseReport,
    Block,
    ContactRequest,
    NetworkConsent,
    NetworkListing,
)
from crossborder.network.services import block_sender, send_contact_request
from tests.factories import make_listing, make_user

from .conftest import make_viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(ioana):
    """Ioana listed; Anna's request accepted, Tomáš's reported and blocked."""
    make_listing(ioana, tags=["L", "cyber"])
    anna, tomas = make_viewer("member"), make_viewer("vetted")
    ContactRequest.objects.create(
        sender=anna, recipient=ioana, message="About a case in Cologne.", status="accepted"
    )
    bad = ContactRequest.objects.create(sender=tomas, recipient=ioana, message="Send me names.")
    AbuseReport.objects.create(contact_request=bad, reporter=ioana, reported=tomas, reason="Odd")
    block_sender(contact=bad, by=ioana)
    mine = ContactRequest.objects.create(sender=ioana, recipient=anna, message="Thank you!")
    return anna, tomas, mine


def test_it_exports_everything_the_network_holds_on_a_person(ioana, history):
    data = personal_data.export(ioana)
    json.dumps(data)  # machine-readable as it is
    listing = NetworkListing.objects.get(user=ioana)
    assert data["listing"]["public_id"] == listing.public_id
    assert data["listing"]["expertise_tags"] == ["L", "cyber"]
    assert [c["action"] for c in data["consents"]] == ["given"]
    assert sorted((r["direction"], r["message"]) for r in data["contact_requests"]) == [
        ("received", "About a case in Cologne."),
        ("received", "Send me names."),
        ("sent", "Thank you!"),
    ]
    assert [b["blocked"] for b in data["blocks"]] == ["Tomáš Novák"]
    assert [r["reason"] for r in data["abuse_reports_made"]] == ["Odd"]
    assert str(personal_data.LABEL) == "Network"


def test_a_blocked_senders_export_shows_no_sign_of_the_block(ioana, history):
    _anna, tomas, _mine = history
    send_contact_request(
        sender=tomas, listing=ioana.network_listing, message="Once more: send me the names."
    )
    data = personal_data.export(tomas)
    assert [r["status"] for r in data["contact_requests"]] == ["declined", "pending"]
    assert data["blocks"] == []


def test_it_erases_a_person_and_keeps_the_count_of_contacts(ioana, history):
    anna, _tomas, mine = history
    accepted_before = ContactRequest.objects.filter(status="accepted").count()
    total_before = ContactRequest.objects.count()
    personal_data.erase(ioana)
    assert not NetworkListing.objects.filter(user=ioana).exists()
    assert not NetworkConsent.objects.filter(user=ioana).exists()
    assert not Block.objects.filter(blocker=ioana).exists()
    assert ContactRequest.objects.filter(status="accepted").count() == accepted_before
    assert ContactRequest.objects.count() == total_before
    assert set(ContactRequest.objects.values_list("message", flat=True)) == {""}
    mine.refresh_from_db()
    assert mine.status == "withheld"  # Anna no longer sees a request from the erased account
    assert AbuseReport.objects.get().reason == ""
    data = personal_data.export(ioana)
    assert data["listing"] is None and data["consents"] == [] and data["blocks"] == []
    assert {r["message"] for r in data["contact_requests"]} == {""}
    client_page = personal_data.export(anna)["contact_requests"]
    assert [r["message"] for r in client_page] == [""]  # only the accepted one is left to see


def test_a_trainers_token_searches_the_directory_as_its_owner(client, ioana):
    make_listing(ioana, shown={"name", "country"})
    trainer = make_user(
        "trainer@example.org",
        role=Role.TRAINER,
        profile={"profession": "prosecutor", "country": "BE"},
    )
    _token, secret = ApiToken.issue(user=trainer, name="script")
    r = client.get("/api/v1/network/search", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200
    assert [(p["name"], p["country"]) for p in r.json()["results"]] == [("Ioana Popescu", "RO")]
    funder = make_user("funder@example.org", role=Role.FUNDER)
    _token, secret = ApiToken.issue(user=funder, name="script")
    r = client.get("/api/v1/network/search", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 403
