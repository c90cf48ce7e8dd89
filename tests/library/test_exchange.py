"""Good-practice exchange: submit, moderate (changes / publish / decline), comments by the vetted."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.library import search
from crossborder.library.models import Entry

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Shared interpreters for a joint team",
        "country": "AT",
        "summary": "One pool of interpreters served every partner of the team.",
        "problem": "Victims had to repeat their story to new interpreters.",
        "action": "The partners agreed on a pool of three interpreters.",
        "results": "Interviews were consistent and victims trusted the team.",
        "contact": "National JIT expert",
        "body": "## Details\n\nIt worked.<script>alert('x')</script><img src=x onerror=alert(1)>",
        "sources": "Fifth JIT evaluation report (2025)\n\nJITs Practical Guide",
        "professions": ["prosecutor", "law_enforcement"],
        "tags": [Tag.objects.get(code="A").pk, Tag.objects.get(code="S").pk],
        "access": "registered",
    }
    data.update(overrides)
    return data


def test_a_participant_submits_and_the_moderator_asks_for_changes_then_publishes(
    client, participant, manager, vetted_judge
):
    client.force_login(participant)
    response = client.post("/library/practices/new/", form_data())
    entry = Entry.objects.get(author=participant)
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.status == "submitted" and entry.kind == "practice"
    assert entry.sources == [
        {"title": "Fifth JIT evaluation report (2025)"},
        {"title": "JITs Practical Guide"},
    ]
    assert "Awaiting review" in client.get("/library/practices/mine/").content.decode()
    # not in search, not readable by others
    assert search.search(q="interpreters", levels={"public", "registered", "restricted"}).total == 0
    client.force_login(vetted_judge)
    assert client.get(entry.get_absolute_url()).status_code == 404

    client.force_login(manager)
    assert entry.title in client.get("/library/moderation/").content.decode()
    response = client.post(f"/library/{entry.slug}/moderate/", {"decision": "changes", "note": ""})
    entry.refresh_from_db()
    assert entry.status == "submitted"  # a note is required: nothing changed
    client.post(
        f"/library/{entry.slug}/moderate/",
        {"decision": "changes", "note": "Please name the source report."},
    )
    entry.refresh_from_db()
    assert entry.status == "changes"

    client.force_login(participant)
    page = client.get("/library/practices/mine/").content.decode()
    assert "Changes requested" in page and "Please name the source report." in page
    client.post(
        f"/library/{entry.slug}/edit/",
        form_data(sources="Fifth evaluation report of JITs, July 2025"),
    )
    entry.refresh_from_db()
    assert entry.status == "submitted"

    client.force_login(manager)
    client.post(
        f"/library/{entry.slug}/moderate/",
        {"decision": "publish", "access": "registered", "note": "Thanks"},
    )
    entry.refresh_from_db()
    assert entry.status == "published" and entry.reviewed is not None
    assert search.search(q="interpreters", levels={"public", "registered"}).hits[0].entry == entry
    actions = set(
        AuditEntry.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True)
    )
    assert {
        "library.practice.submit",
        "library.practice.changes",
        "library.practice.resubmit",
        "library.practice.publish",
    } <= actions

    client.force_login(participant)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "onerror" not in page
    assert "<h2>Details</h2>" in page


def test_a_submission_with_missing_fields_is_refused_and_nothing_is_stored(client, participant):
    client.force_login(participant)
    response = client.post(
        "/library/practices/new/",
        form_data(title="", sources=" \n ", tags=[Tag.objects.get(code="S").pk]),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Name at least one source." in text
    assert "Choose at least one curriculum element" in text
    assert not Entry.objects.exists()


def test_visitors_are_asked_to_sign_in_before_submitting(client):
    response = client.get("/library/practices/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_moderators_moderate_and_only_authors_edit(
    client, participant, unvetted_prosecutor, manager
):
    client.force_login(participant)
    client.post("/library/practices/new/", form_data())
    entry = Entry.objects.get()
    assert (
        client.post(
            f"/library/{entry.slug}/moderate/", {"decision": "publish", "access": "public"}
        ).status_code
        == 403
    )
    client.force_login(unvetted_prosecutor)
    assert client.get(f"/library/{entry.slug}/edit/").status_code == 404
    assert client.get("/library/moderation/").status_code == 403
    entry.refresh_from_db()
    assert entry.status == "submitted"


def test_vetted_practitioners_comment_on_published_practices(
    client, library, vetted_judge, unvetted_prosecutor
):
    practice = Entry.objects.filter(kind="practice", access="registered").first()
    client.force_login(unvetted_prosecutor)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Comments on good practices are open to vetted practitioners." in page
    assert client.post(f"/library/{practice.slug}/comments/", {"body": "Hi"}).status_code == 403

    client.force_login(vetted_judge)
    client.post(
        f"/library/{practice.slug}/comments/", {"body": "We did this in Kraków. <b>bold</b>"}
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "We did this in Kraków. &lt;b&gt;bold&lt;/b&gt;" in page
    assert practice.comments.count() == 1
    client.post(f"/library/{practice.slug}/comments/", {"body": "x" * 2001})
    assert practice.comments.count() == 1


def test_comments_are_not_open_on_other_kinds(client, library, vetted_judge):
    instrument = Entry.objects.get(slug="directive-2011-36-eu")
    client.force_login(vetted_judge)
    assert (
        client.post(f"/library/{instrument.slug}/comments/", {"body": "Hello"}).status_code == 403
    )
