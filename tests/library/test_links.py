"""Sessions, modules and questions link to library entries; an entry shows where it is used."""

import pytest

from crossborder.audit.models import AuditEntry
from tests.factories import make_seminar
from tests.library.conftest import make_entry

pytestmark = pytest.mark.django_db


def test_a_manager_links_entries_to_a_session_and_both_pages_show_it(client, client_of, manager):
    seminar = make_seminar()
    guide = make_entry("jit-guide", title="JIT guide for beginners")
    session = seminar.sessions.get(title="Act, means, purpose")
    assert "JIT guide for beginners" not in client.get(seminar.get_absolute_url()).content.decode()

    editor = client_of(manager)
    form = editor.get(f"/manage/sessions/{session.pk}/").context["form"]
    assert "JIT guide for beginners" in str(form["library_entries"])
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(
        day=seminar.days[0].isoformat(),
        start_time="09:00",
        end_time="10:30",
        speakers=[s.pk for s in session.speakers.all()],
        tags=[t.pk for t in session.tags.all()],
        library_entries=[guide.pk],
    )
    assert editor.post(f"/manage/sessions/{session.pk}/", data).status_code == 302
    assert list(session.library_entries.all()) == [guide]
    editor.logout()

    seminar_page = client.get(seminar.get_absolute_url()).content.decode()
    assert '<a href="/library/jit-guide/">JIT guide for beginners</a>' in seminar_page
    entry_page = client.get("/library/jit-guide/").content.decode()
    assert "Where it is used in the curriculum" in entry_page
    assert f"#session-{session.pk}" in entry_page and "Act, means, purpose" in entry_page
    assert AuditEntry.objects.filter(action="session.update").exists()


def test_an_entry_lists_the_modules_and_questions_that_cite_it(client, library, vetted_judge):
    client.force_login(vetted_judge)
    page = client.get("/library/sm-v-croatia/").content.decode()
    assert 'href="/learn/human-rights-case-law/"' in page
    assert "Cited by" in page


def test_modules_a_reader_may_not_open_are_not_listed(client, library):
    page = client.get("/library/sm-v-croatia/").content.decode()  # an anonymous visitor
    assert 'href="/learn/human-rights-case-law/"' not in page  # a module for registered users


def test_a_module_page_lists_its_library_entries(client, library, vetted_judge):
    client.force_login(vetted_judge)
    page = client.get("/learn/human-rights-case-law/").content.decode()
    assert "/library/sm-v-croatia/" in page


def test_draft_seminar_sessions_are_not_listed_for_visitors(client):
    seminar = make_seminar(status="draft")
    guide = make_entry("draft-guide")
    guide.sessions.add(seminar.sessions.first())
    assert "Seminar sessions" not in client.get("/library/draft-guide/").content.decode()


def test_an_entry_page_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from tests.factories import make_seminar

    seminar = make_seminar()
    entry = make_entry("hub-entry")
    few = [make_entry(f"rel-{i}") for i in range(2)]
    entry.related.set(few)
    entry.sessions.set(seminar.sessions.all()[:1])
    client.get("/library/hub-entry/")
    with django_assert_max_num_queries(12) as captured:
        client.get("/library/hub-entry/")
    baseline = len(captured.captured_queries)
    entry.related.set([make_entry(f"more-{i}") for i in range(15)])
    entry.sessions.set(seminar.sessions.all())
    with django_assert_max_num_queries(baseline):
        page = client.get("/library/hub-entry/").content.decode()
    assert "/library/more-14/" in page
