"""Cohort spaces: who may enter a seminar's space, whom its members list shows (and with which
fields), the discussion (escaped, rate-limited, deleted by its author, hidden by moderators,
reported), the person's data, and a fixed number of queries."""

import re
from datetime import date

import pytest

from crossborder.accounts.models import Role
from crossborder.audit.models import AuditEntry
from crossborder.network.models import FIELDS, AbuseReport, CohortPost
from crossborder.privacy.services import delete_account, personal_data
from crossborder.seminars.models import Session, Speaker
from tests.factories import make_attendee, make_listing, make_seminar, make_user

from .conftest import SEMINAR_TITLE, make_viewer
from .test_visibility import _shown_in

pytestmark = pytest.mark.django_db

URL = "/network/cohorts/ports-2026/"


def _members(html: str) -> str:
    match = re.search(r'id="members-heading"(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def attendee(ports, kind="member"):
    user = make_viewer(kind)
    make_attendee(ports, user)
    return user


# --- who enters --------------------------------------------------------------------------------


def test_those_who_attended_enter_and_others_do_not(client, ports, ioana):
    client.force_login(ioana)
    r = client.get(URL)
    assert r.status_code == 200
    assert f"Cohort of {SEMINAR_TITLE}" in r.content.decode()
    assert SEMINAR_TITLE in client.get("/network/cohorts/").content.decode()

    stranger = make_viewer("member")  # a complete profile, but not at this seminar
    client.force_login(stranger)
    assert client.get(URL).status_code == 404
    assert client.get("/network/cohorts/no-such-seminar/").status_code == 404
    assert SEMINAR_TITLE not in client.get("/network/cohorts/").content.decode()
    assert client.post(URL, {"body": "Hello"}).status_code == 404
    assert not CohortPost.objects.exists()


def test_a_seminar_not_yet_held_has_no_space(client, db):
    seminar = make_seminar("later-2027", status="applications_closed", sessions=False)
    user = make_viewer("member")
    make_attendee(seminar, user)
    client.force_login(user)
    assert client.get("/network/cohorts/later-2027/").status_code == 404


def test_a_trainer_who_spoke_and_staff_enter_the_funder_does_not(client, db):
    seminar = make_seminar("ports-2026", status="held")
    trainer = make_user("jan.peeters@example.be", role=Role.TRAINER, first_name="Jan")
    other_trainer = make_user("other.trainer@example.org", role=Role.TRAINER)
    speaker = Speaker.objects.create(
        slug="jan", name="Jan Peeters", function="Trainer", organisation="Police", country="BE"
    )
    speaker.user = trainer
    speaker.save()
    Session.objects.filter(seminar=seminar).exclude(kind="break").first().speakers.add(speaker)
    client.force_login(trainer)
    assert client.get(URL).status_code == 200
    client.force_login(other_trainer)
    assert client.get(URL).status_code == 404
    client.force_login(make_viewer("staff"))
    assert client.get(URL).status_code == 200
    client.force_login(make_viewer("funder"))
    assert client.get(URL).status_code == 404
    assert client.get("/network/cohorts/").status_code == 403


# --- the members list: the directory's rules ---------------------------------------------------


@pytest.mark.parametrize("viewer_kind", ["member", "vetted", "staff"])
@pytest.mark.parametrize("audience", ["members", "vetted"])
@pytest.mark.parametrize("field", FIELDS)
def test_the_members_list_shows_only_what_a_person_chose(
    client, ports, ioana, field, audience, viewer_kind
):
    make_listing(ioana, shown={field, "seminars"}, audience=audience, tags=["cyber"])
    viewer = make_viewer(viewer_kind)
    if viewer_kind != "staff":
        make_attendee(ports, viewer)
    client.force_login(viewer)
    members = _members(client.get(URL).content.decode())
    sees = audience == "members" or viewer_kind == "vetted"
    assert _shown_in(members) == ({field, "seminars"} if sees else set())


def test_who_hides_the_seminars_attended_or_is_not_listed_is_not_in_the_list(client, ports, ioana):
    viewer = attendee(ports)
    client.force_login(viewer)
    make_listing(ioana, shown=set(FIELDS) - {"seminars"})
    assert "Ioana" not in _members(client.get(URL).content.decode())
    ioana.network_listing.delete()
    make_listing(ioana, listed=False)
    assert "Ioana" not in _members(client.get(URL).content.decode())


def test_a_listed_person_of_another_cohort_is_not_in_the_list(client, ports):
    other = make_seminar("other-2026", status="held", sessions=False)
    elsewhere = make_user(
        "piet@example.nl",
        first_name="Piet",
        last_name="Jansen",
        profile={"profession": "judge", "country": "NL", "organisation": "Rechtbank"},
    )
    make_attendee(other, elsewhere)
    make_listing(elsewhere)
    client.force_login(attendee(ports))
    assert "Piet" not in _members(client.get(URL).content.decode())


def test_an_incomplete_profile_is_told_how_to_see_the_members(client, ports, ioana):
    make_listing(ioana)
    newcomer = make_viewer("incomplete")
    make_attendee(ports, newcomer)
    client.force_login(newcomer)
    members = _members(client.get(URL).content.decode())
    assert "Complete your profile" in members and "Ioana" not in members


# --- the discussion ----------------------------------------------------------------------------


def test_a_message_is_posted_escaped_and_audited(client, ports, ioana):
    client.force_login(ioana)
    body = '<script>alert(1)</script> <a hx-get="/admin/" href="#">look</a>\nSecond line'
    r = client.post(URL, {"body": body})
    assert r.status_code == 302
    post = CohortPost.objects.get()
    assert (post.author, post.seminar, post.body) == (ioana, ports, body)
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html and 'hx-get="/admin/"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<br>Second line" in html
    assert AuditEntry.objects.filter(action="network.cohort.posted", actor=ioana).exists()
    # another member reads it
    client.force_login(attendee(ports))
    assert "&lt;script&gt;" in client.get(URL).content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_an_empty_or_too_long_message_is_refused_and_nothing_changes(client, ports, ioana, body):
    client.force_login(ioana)
    r = client.post(URL, {"body": body})
    assert r.status_code == 400
    assert 'class="field-error"' in r.content.decode()
    assert not CohortPost.objects.exists()


def test_a_flood_of_messages_is_stopped(client, ports, ioana, settings):
    settings.NETWORK_RATES = {"post": (2, 3600)}
    client.force_login(ioana)
    for n in range(2):
        assert client.post(URL, {"body": f"Message {n}"}).status_code == 302
    r = client.post(URL, {"body": "One too many"})
    assert r.status_code == 429
    assert CohortPost.objects.count() == 2


def test_the_author_deletes_a_message_nobody_else_does(client, ports, ioana):
    post = CohortPost.objects.create(seminar=ports, author=ioana, body="Mine")
    other = attendee(ports)
    client.force_login(other)
    html = client.get(URL).content.decode()
    assert "Delete my message" not in html
    assert client.post(f"{URL}messages/{post.pk}/delete/").status_code == 403
    client.force_login(ioana)
    assert "Delete my message" in client.get(URL).content.decode()
    assert client.post(f"{URL}messages/{post.pk}/delete/").status_code == 302
    assert not CohortPost.objects.exists()
    assert AuditEntry.objects.filter(action="network.cohort.deleted").exists()


def test_a_message_of_another_cohort_is_not_found_through_this_one(client, ports, ioana):
    other = make_seminar("other-2026", status="held", sessions=False)
    elsewhere = CohortPost.objects.create(seminar=other, author=ioana, body="Elsewhere")
    client.force_login(ioana)
    assert client.post(f"{URL}messages/{elsewhere.pk}/delete/").status_code == 404
    assert CohortPost.objects.filter(pk=elsewhere.pk).exists()


def test_a_moderator_hides_a_message_and_shows_it_again(client, ports, ioana, manager):
    post = CohortPost.objects.create(seminar=ports, author=ioana, body="Send me the victims' names")
    member = attendee(ports)
    client.force_login(member)
    assert client.post(f"{URL}messages/{post.pk}/hide/", {"hidden": "1"}).status_code == 403
    client.force_login(manager)
    assert client.post(f"{URL}messages/{post.pk}/hide/", {"hidden": "1"}).status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by == manager
    staff_page = client.get(URL).content.decode()
    assert "the victims&#x27; names" in staff_page and "Hidden by the moderators" in staff_page
    for reader in (member, ioana):
        client.force_login(reader)
        assert "victims&#x27; names" not in client.get(URL).content.decode()
    client.force_login(ioana)
    assert "0 messages" in client.get("/network/cohorts/").content.decode()
    client.force_login(manager)
    client.post(f"{URL}messages/{post.pk}/hide/", {"hidden": "0"})
    post.refresh_from_db()
    assert not post.is_hidden
    assert AuditEntry.objects.filter(action="network.cohort.shown").exists()


def test_a_member_reports_a_message_to_the_moderators(client, ports, ioana, manager):
    post = CohortPost.objects.create(seminar=ports, author=ioana, body="Call me at home tonight")
    member = attendee(ports)
    client.force_login(member)
    report_url = f"{URL}messages/{post.pk}/report/"
    assert "Report this message" in client.get(URL).content.decode()
    assert client.get(report_url).status_code == 200
    r = client.post(report_url, {"reason": "short"})
    assert r.status_code == 400 and not AbuseReport.objects.exists()
    r = client.post(report_url, {"reason": "Personal pressure, not about a case."})
    assert r.status_code == 302
    report = AbuseReport.objects.get()
    assert (report.post, report.reporter, report.reported) == (post, member, ioana)
    client.force_login(manager)
    page = client.get("/manage/network/reports/").content.decode()
    assert "Call me at home tonight" in page and f"#post-{post.pk}" in page
    # one's own message is not reported
    client.force_login(ioana)
    assert client.get(report_url).status_code == 403


# --- data rights and speed ---------------------------------------------------------------------


def test_the_persons_messages_are_in_their_data_and_go_with_the_account(ports, ioana):
    CohortPost.objects.create(seminar=ports, author=ioana, body="What I took home")
    other = attendee(ports)
    CohortPost.objects.create(seminar=ports, author=other, body="Someone else's")
    messages = personal_data(ioana)["sections"]["network"]["data"]["cohort_messages"]
    assert [(m["seminar"], m["message"]) for m in messages] == [("ports-2026", "What I took home")]
    delete_account(user=ioana)
    assert list(CohortPost.objects.values_list("body", flat=True)) == ["Someone else's"]


def _people(count, ports, start=0):
    for n in range(start, start + count):
        user = make_user(
            f"member{n}@example.org",
            first_name=f"Member{n}",
            profile={"profession": "prosecutor", "country": "PT", "organisation": "PGR"},
        )
        make_attendee(ports, user)
        make_listing(user, tags=["L", "cyber"])
        CohortPost.objects.create(seminar=ports, author=user, body=f"Message {n}")


def test_the_page_takes_a_fixed_number_of_queries(client, ports, django_assert_max_num_queries):
    viewer = attendee(ports, "vetted")
    client.force_login(viewer)
    _people(3, ports)
    with django_assert_max_num_queries(25) as small:
        assert client.get(URL).status_code == 200
    _people(30, ports, start=3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = client.get(URL)
    html = r.content.decode()
    assert html.count('class="hit network-card"') == 33
    assert "Page 1 of 2" in html
    with django_assert_max_num_queries(8):
        client.get("/network/cohorts/")


def test_the_list_counts_the_visible_messages(client, ports, ioana):
    CohortPost.objects.create(seminar=ports, author=ioana, body="One")
    CohortPost.objects.create(seminar=ports, author=ioana, body="Two")
    client.force_login(ioana)
    assert "2 messages" in client.get("/network/cohorts/").content.decode()


def test_the_date_range_shows_on_the_cohort_page(client, ports, ioana):
    assert ports.start_date == date(2026, 4, 14)
    client.force_login(ioana)
    assert "14 Apr 2026–15 Apr 2026" in client.get(URL).content.decode()
