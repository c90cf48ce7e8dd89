"""The library editor: managers create and edit entries of every kind with the rules of the
content files; a save is audited, marked as edited in the browser and found by search."""

import datetime

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.library import search
from crossborder.library.models import Entry
from tests.factories import make_user
from tests.library.conftest import make_entry

pytestmark = pytest.mark.django_db

BODY = " ".join(["The Court examined the recruitment, transport and control of the workers."] * 6)


def entry_post(**change):
    data = {
        "kind": "case",
        "title": "Doe v Ruritania",
        "title_fr": "Doe c. Ruritanie",
        "title_de": "",
        "slug": "",
        "summary": "Forced labour on a building site; the State failed to investigate.",
        "summary_fr": "",
        "summary_de": "",
        "body": BODY,
        "access": "public",
        "status": "published",
        "professions": ["judge", "prosecutor"],
        "countries": "gr, pl",
        "tags": [str(Tag.objects.get(code="A").pk), str(Tag.objects.get(code="L").pk)],
        "citations": "99999/25\nECLI:CE:ECHR:2025:0101JUD009999925",
        "sources": "ECtHR, Doe v Ruritania, no. 99999/25 | https://hudoc.echr.coe.int/eng",
        "details": (
            'court: "European Court of Human Rights"\ncase_number: "99999/25"\n'
            'date: 2025-01-01\necli: "ECLI:CE:ECHR:2025:0101JUD009999925"\n'
            'holding: "Article 4 ECHR was violated."\n'
        ),
        "reviewed": "2026-11-27",
    }
    data.update(change)
    return data


def test_a_manager_creates_an_entry_that_search_finds_at_once(client_of, manager):
    r = client_of(manager).post("/author/library/new/", entry_post())
    entry = Entry.objects.get(slug="doe-v-ruritania")
    assert r.status_code == 302 and r["Location"] == "/author/library/doe-v-ruritania/"
    assert entry.edited_at is not None and entry.reviewed == datetime.date(2026, 11, 27)
    assert entry.countries == ["GR", "PL"]
    assert entry.details["date"] == "2025-01-01"  # YAML dates stored as text, as the loader does
    assert entry.sources == [
        {"title": "ECtHR, Doe v Ruritania, no. 99999/25", "url": "https://hudoc.echr.coe.int/eng"}
    ]
    assert {t.code for t in entry.tags.all()} == {"A", "L"}
    assert AuditEntry.objects.get(action="library.entry.create").actor == manager
    levels = frozenset({"public"})
    assert [h.entry.pk for h in search.search(q="Ruritania", levels=levels).hits] == [entry.pk]
    cited = search.search(q="99999/25", levels=levels).hits
    assert cited[0].entry.pk == entry.pk and cited[0].cited  # its citation key works too
    assert entry.history.first().history_user == manager


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"details": 'court: "ECtHR"\n'}, "details", "Missing case_number, date, ecli, holding"),
        ({"details": "court: [unclosed"}, "details", "This is not valid YAML (line"),
        ({"details": "- just\n- a list"}, "details", "Write the details as"),
        (
            {"sources": "A report | http://example.org"},
            "sources",
            "A link must start with https://",
        ),
        ({"sources": ""}, "sources", "Name at least one source."),
        (
            {"sources": " | https://example.org"},
            "sources",
            "At least one source, each with a title",
        ),
        ({"countries": "GR, XX"}, "countries", "Unknown country code “XX”"),
        ({"body": "Too short."}, "body", "The text is too short (at least 60 words)"),
        ({"body": BODY + " <script>x()</script>"}, "body", "a &lt;script&gt; tag"),
        ({"reviewed": ""}, "reviewed", "This field is required."),
        ({"title": ""}, "title", "This field is required."),
        ({"access": "secret"}, "access", "Select a valid choice."),
        ({"kind": "practice", "details": "x: 1"}, "details", "Missing illustrative, country"),
        ({"details": ""}, "details", "Fill in the details its kind needs"),
        (
            {
                "kind": "practice",
                "details": "illustrative: false\ncountry: GR\nproblem: a\naction: b\n"
                "results: c\ncontact: d\n",
            },
            "body",
            "A good practice written for training must say it is illustrative",
        ),
    ],
)
def test_it_refuses_what_the_content_files_would_refuse(client_of, manager, change, field, message):
    r = client_of(manager).post("/author/library/new/", entry_post(**change))
    assert r.status_code == 400
    body = r.content.decode()
    assert message in body
    assert f'id="id_{field}_error"' in body  # shown at the field it is about
    assert not Entry.objects.exists() and not AuditEntry.objects.exists()


def test_it_edits_an_entry_keeps_its_slug_and_reindexes_it(client_of, manager):
    entry = make_entry("old-report", kind="guidance", title="An old report")
    entry.details = {"publisher": "Europol", "date": "2020-10-18"}
    entry.save()
    c = client_of(manager)
    page = c.get("/author/library/old-report/").content.decode()
    assert "publisher: Europol" in page  # the details as YAML
    r = c.post(
        "/author/library/old-report/",
        entry_post(
            kind="guidance",
            slug="renamed",
            title="A renamed Europol assessment",
            details="publisher: Europol\ndate: '2020-10-18'\n",
        ),
    )
    assert r.status_code == 302
    entry.refresh_from_db()
    assert entry.slug == "old-report" and entry.title == "A renamed Europol assessment"
    assert entry.edited_at is not None
    hits = search.search(q="assessment", levels=frozenset({"public"})).hits
    assert [h.entry.pk for h in hits] == [entry.pk]
    assert AuditEntry.objects.get(action="library.entry.update").object_id == str(entry.pk)


def test_a_failed_edit_changes_nothing(client_of, manager):
    entry = make_entry("kept", kind="guidance", title="Kept as it was")
    entry.details = {"publisher": "Europol", "date": "2020-10-18"}
    entry.save()
    r = client_of(manager).post(
        "/author/library/kept/", entry_post(kind="guidance", title="Changed", details="x: 1")
    )
    assert r.status_code == 400
    assert "Missing publisher, date" in r.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Kept as it was" and entry.edited_at is None


def test_a_practice_a_practitioner_submitted_need_not_be_illustrative(
    client_of, manager, participant
):
    make_entry("practice-from-the-field", kind="practice", author=participant)
    details = "illustrative: false\ncountry: PL\nproblem: a\naction: b\nresults: c\ncontact: d\n"
    r = client_of(manager).post(
        "/author/library/practice-from-the-field/",
        entry_post(kind="practice", body="Short and real.", details=details),
    )
    assert r.status_code == 302
    assert Entry.objects.get().body == "Short and real."


def test_only_programme_staff_edit_the_library(client, client_of, trainer, participant):
    make_entry("some-entry")
    for user in (trainer, participant):
        c = client_of(user)
        assert c.get("/author/library/").status_code == 403
        assert c.get("/author/library/some-entry/").status_code == 403
        assert c.post("/author/library/new/", entry_post()).status_code == 403
    assert Entry.objects.count() == 1


def test_the_list_filters_and_costs_four_queries_however_many_entries(
    client_of, manager, django_assert_num_queries
):
    make_entry("first-guide", title="First guide")
    make_entry("a-case", kind="case", title="A judgment")
    c = client_of(manager)
    body = c.get("/author/library/?kind=case").content.decode()
    assert "A judgment" in body and "First guide" not in body
    body = c.get("/author/library/?q=guide").content.decode()
    assert "First guide" in body and "A judgment" not in body
    for n in range(12):
        make_entry(f"more-{n}")
    with django_assert_num_queries(4):  # the session, the user, the count, one page of entries
        assert "More 11" in c.get("/author/library/").content.decode()


def test_the_admin_too_may_edit_the_library(client_of, admin_user):
    assert client_of(admin_user).get("/author/library/new/?kind=tool").status_code == 200
    body = client_of(admin_user).get("/author/library/new/?kind=tool").content.decode()
    assert "purpose: &quot;&quot;" in body  # the details a cooperation tool needs, to fill in


def test_an_unknown_user_role_cannot_reach_the_editor(client):
    make_user("someone@example.org")
    assert client.get("/author/library/")["Location"].startswith("/accounts/login/")
