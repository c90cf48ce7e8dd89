"""Contact requests: sent, told by email after commit, accepted (then, and only then, both see
each other's address) or declined; the daily limit, escaping, blocking and abuse reports."""

import pytest
from django.core import mail

from crossborder.network.models import AbuseReport, Block, ContactRequest
from tests.factories import make_listing

from .conftest import make_viewer

pytestmark = pytest.mark.django_db

MESSAGE = "We have a labour exploitation case with Romanian victims in Cologne; may I call you?"


@pytest.fixture
def listing(ioana):
    return make_listing(ioana, tags=["L"])


@pytest.fixture
def anna():
    return make_viewer("member")


def _send(client, listing, message=MESSAGE):
    return client.post(f"/network/people/{listing.public_id}/contact/", {"message": message})


def test_it_sends_a_request_and_shares_addresses_only_once_accepted(
    client, listing, anna, ioana, django_capture_on_commit_callbacks
):
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True):
        r = _send(client, listing)
    assert r.status_code == 302 and r["Location"] == "/network/contacts/"
    contact = ContactRequest.objects.get()
    assert (contact.sender, contact.recipient, contact.status) == (anna, ioana, "pending")
    assert [m.to for m in mail.outbox] == [[ioana.email]]
    assert "/network/contacts/" in mail.outbox[0].body
    assert anna.email not in mail.outbox[0].body  # the address waits for the answer
    page = client.get("/network/contacts/").content.decode()
    assert "Waiting for an answer" in page and ioana.email not in page

    client.force_login(ioana)
    dashboard = client.get("/dashboard/").content.decode()
    assert "1 contact request is waiting for your answer." in dashboard
    page = client.get("/network/contacts/").content.decode()
    assert "Anna Schmidt" in page and MESSAGE in page and anna.email not in page
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"/network/contacts/{contact.pk}/answer/", {"answer": "accept"})
    assert r.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "accepted" and contact.answered_at is not None
    assert mail.outbox[-1].to == [anna.email]
    assert anna.email in client.get("/network/contacts/").content.decode()
    client.force_login(anna)
    assert ioana.email in client.get("/network/contacts/").content.decode()
    # answered once: a second answer changes nothing
    client.force_login(ioana)
    client.post(f"/network/contacts/{contact.pk}/answer/", {"answer": "decline"})
    contact.refresh_from_db()
    assert contact.status == "accepted"


def test_it_lets_the_recipient_decline_and_keeps_addresses_hidden(client, listing, anna, ioana):
    client.force_login(anna)
    _send(client, listing)
    contact = ContactRequest.objects.get()
    client.force_login(ioana)
    client.post(f"/network/contacts/{contact.pk}/answer/", {"answer": "decline"})
    contact.refresh_from_db()
    assert contact.status == "declined"
    assert anna.email not in client.get("/network/contacts/").content.decode()
    client.force_login(anna)
    page = client.get("/network/contacts/").content.decode()
    assert "Declined" in page and ioana.email not in page


def test_it_refuses_an_answer_from_anyone_but_the_recipient(client, listing, anna, ioana):
    client.force_login(anna)
    _send(client, listing)
    contact = ContactRequest.objects.get()
    r = client.post(f"/network/contacts/{contact.pk}/answer/", {"answer": "accept"})
    assert r.status_code == 404
    contact.refresh_from_db()
    assert contact.status == "pending"


def test_it_escapes_html_and_htmx_attributes_in_a_message(client, listing, anna, ioana):
    hostile = '<div hx-get="/network/export.csv" hx-trigger="load">x</div><script>alert(1)</script>'
    client.force_login(anna)
    _send(client, listing, message=hostile)
    client.force_login(ioana)
    page = client.get("/network/contacts/").content.decode()
    assert "<script>alert(1)" not in page and '<div hx-get="/network' not in page
    assert "&lt;div hx-get=&quot;/network/export.csv&quot;" in page


@pytest.mark.parametrize(
    "message, error",
    [
        ("Hi", "at least 20 characters"),
        ("x" * 501, "at most 500 characters"),
    ],
)
def test_it_refuses_a_message_too_short_or_too_long(client, listing, anna, message, error):
    client.force_login(anna)
    r = _send(client, listing, message=message)
    assert r.status_code == 400 and error in r.content.decode()
    assert not ContactRequest.objects.exists()


def test_it_limits_a_flood_of_requests_per_day(client, anna, settings):
    settings.NETWORK_REQUESTS_PER_DAY = 3
    from tests.factories import make_user

    people = [
        make_listing(
            make_user(f"peer{n}@example.org", first_name=f"Peer{n}", profile={"country": "SK"})
        )
        for n in range(4)
    ]
    client.force_login(anna)
    for listing in people[:3]:
        assert _send(client, listing).status_code == 302
    r = _send(client, people[3])
    assert r.status_code == 302 and r["Location"] == f"/network/people/{people[3].public_id}/"
    assert ContactRequest.objects.count() == 3
    page = client.get(r["Location"]).content.decode()
    assert "most contact requests allowed in a day" in page


def test_it_refuses_a_second_request_while_the_first_waits(client, listing, anna):
    client.force_login(anna)
    _send(client, listing)
    r = _send(client, listing)
    assert ContactRequest.objects.count() == 1
    assert "already asked this person" in client.get(r["Location"]).content.decode()


def test_it_silently_withholds_requests_from_a_blocked_person(
    client, listing, anna, ioana, django_capture_on_commit_callbacks
):
    client.force_login(anna)
    _send(client, listing)
    first = ContactRequest.objects.get()
    client.force_login(ioana)
    client.post(f"/network/contacts/{first.pk}/block/")
    assert Block.objects.filter(blocker=ioana, blocked=anna).exists()
    mail.outbox.clear()

    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True):
        r = _send(client, listing, message=MESSAGE + " Please answer.")
    assert r["Location"] == "/network/contacts/"  # the same answer as for anyone else
    assert mail.outbox == []
    assert "Waiting for an answer" in client.get("/network/contacts/").content.decode()
    statuses = dict(ContactRequest.objects.values_list("pk", "status"))
    assert statuses.pop(first.pk) == "declined" and list(statuses.values()) == ["withheld"]
    client.force_login(ioana)
    page = client.get("/network/contacts/").content.decode()
    assert "Please answer." not in page and page.count(MESSAGE) == 1
    assert "People you blocked" in page
    assert client.get("/dashboard/").content.decode().count("waiting for your answer") == 0


def test_it_takes_abuse_reports_to_the_moderators(client, listing, anna, ioana, manager):
    client.force_login(anna)
    _send(client, listing)
    contact = ContactRequest.objects.get()
    client.force_login(ioana)
    r = client.post(f"/network/contacts/{contact.pk}/report/", {"reason": "short"})
    assert not AbuseReport.objects.exists()
    r = client.post(
        f"/network/contacts/{contact.pk}/report/", {"reason": "He asks for victims' addresses."}
    )
    assert r.status_code == 302
    assert client.get("/manage/network/reports/").status_code == 403
    client.force_login(manager)
    page = client.get("/manage/network/reports/").content.decode()
    assert "victims&#x27; addresses" in page and MESSAGE in page
    report = AbuseReport.objects.get()
    client.post(f"/manage/network/reports/{report.pk}/close/", {"outcome": "Warned the sender."})
    report.refresh_from_db()
    assert (report.status, report.closed_by, report.outcome) == (
        "closed",
        manager,
        "Warned the sender.",
    )


def test_it_lets_only_the_recipient_block_or_report(client, listing, anna):
    client.force_login(anna)
    _send(client, listing)
    contact = ContactRequest.objects.get()
    assert client.post(f"/network/contacts/{contact.pk}/block/").status_code == 404
    r = client.post(f"/network/contacts/{contact.pk}/report/", {"reason": "Ten letters at least"})
    assert r.status_code == 404
    assert not Block.objects.exists() and not AbuseReport.objects.exists()


def test_it_refuses_a_request_to_someone_listed_for_vetted_people_only(client, ioana, anna):
    listing = make_listing(ioana, audience="vetted")
    client.force_login(anna)
    assert _send(client, listing).status_code == 404
    assert not ContactRequest.objects.exists()
