"""Contacts made through the network in the follow-up indicators: aggregates, unchanged when a
person deletes their data."""

import pytest

from crossborder.network import personal_data
from crossborder.network.models import ContactRequest
from tests.factories import make_attendee, make_listing, make_user

from .conftest import make_viewer

pytestmark = pytest.mark.django_db


def _stats(client):
    data = client.get("/api/v1/reports/indicators").json()
    section = next(s for s in data["sections"] if s["key"] == "network")
    return {s["key"]: s["value"] for s in section["stats"]}


def test_it_counts_contacts_made_through_the_network(client, ports, ioana, manager, funder):
    make_listing(ioana)
    mihai = make_user(
        "mihai@politiaromana.example.ro",
        first_name="Mihai",
        profile={"profession": "law_enforcement", "country": "RO"},
    )
    make_attendee(ports, mihai)
    anna = make_viewer("member")  # a German prosecutor who did not attend
    for sender in (anna, mihai):
        ContactRequest.objects.create(
            sender=sender, recipient=ioana, message="Hello", status="accepted"
        )
    ContactRequest.objects.create(sender=anna, recipient=mihai, message="Hello")  # waiting
    client.force_login(manager)
    figures = {"listed": 1, "in_contact": 2, "contacts": 2, "across_borders": 1}
    assert _stats(client) == figures
    client.force_login(funder)
    assert _stats(client) == {**figures, "listed": "< 5", "in_contact": "< 5"}

    personal_data.erase(ioana)
    client.force_login(manager)
    assert _stats(client) == {**figures, "listed": 0}  # no longer listed; the contacts stay
