"""Learners never see a draft or archived module anywhere; its authors see it marked."""

import pytest

from crossborder.learning.models import Lesson, Module
from crossborder.library.models import Entry
from tests.factories import make_user

from .helpers import make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(trainer):
    module = make_module("jit-first-30-days", status="draft", owners=[trainer], title="JIT draft")
    Lesson.objects.create(module=module, order=1, slug="setting-up", title="Set-up", body="Text")
    return module


@pytest.fixture
def archived(trainer):
    return make_module("old-module", status="archived", owners=[trainer], title="Old module")


@pytest.fixture
def other_trainer(db):
    from crossborder.accounts.models import Role

    return make_user("other.trainer@example.org", role=Role.TRAINER)


def test_a_participant_never_sees_a_draft_or_archived_module(
    client_of, participant, draft, archived
):
    c = client_of(participant)
    listing = c.get("/learn/").content.decode()
    assert "JIT draft" not in listing and "Old module" not in listing
    for module in (draft, archived):
        assert c.get(module.get_absolute_url()).status_code == 404
        assert c.post(f"/learn/{module.slug}/quiz/").status_code == 404
        assert c.get(f"/api/v1/modules/{module.slug}").status_code == 404
        r = c.post("/api/v1/attempts", {"module": module.slug}, content_type="application/json")
        assert r.status_code == 404
    assert c.get("/learn/jit-first-30-days/setting-up/").status_code == 404
    slugs = [m["slug"] for m in c.get("/api/v1/modules").json()]
    assert "jit-first-30-days" not in slugs and "old-module" not in slugs
    assert not draft.quiz.attempts.exists()


def test_visitors_and_other_trainers_do_not_see_it_either(client, client_of, draft, other_trainer):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "JIT draft" not in client.get("/learn/").content.decode()
    c = client_of(other_trainer)
    assert c.get(draft.get_absolute_url()).status_code == 404
    assert "JIT draft" not in c.get("/learn/").content.decode()


def test_its_owner_and_managers_see_it_marked_draft(client_of, trainer, manager, draft):
    for user in (trainer, manager):
        c = client_of(user)
        listing = c.get("/learn/").content.decode()
        assert "JIT draft" in listing and 'class="badge status-draft">Draft<' in listing
        page = c.get(draft.get_absolute_url())
        assert page.status_code == 200 and "status-draft" in page.content.decode()
        assert c.get("/learn/jit-first-30-days/setting-up/").status_code == 200
        assert "jit-first-30-days" in [m["slug"] for m in c.get("/api/v1/modules").json()]


def test_the_library_lists_no_draft_module_among_related_modules(
    client_of, participant, trainer, draft
):
    entry = Entry.objects.create(
        slug="jit-guide",
        kind="guidance",
        title="JIT guide",
        summary="About JITs.",
        body="Text. " * 80,
        access="public",
        sources=[{"title": "Eurojust"}],
    )
    entry.modules.add(draft)
    entry.questions.add(draft.questions.first())
    page = client_of(participant).get(entry.get_absolute_url()).content.decode()
    assert "JIT draft" not in page
    page = client_of(trainer).get(entry.get_absolute_url()).content.decode()
    assert "JIT draft" in page


def test_the_module_list_reads_owners_once_however_many_drafts(
    client_of, trainer, django_assert_max_num_queries
):
    make_module("a-draft", status="draft", owners=[trainer], title="A draft")
    c = client_of(trainer)
    with django_assert_max_num_queries(30) as captured:
        c.get("/learn/")
    baseline = len(captured)
    for n in range(4):
        make_module(f"draft-{n}", status="draft", owners=[trainer], title=f"Draft {n}")
    with django_assert_max_num_queries(baseline):
        body = c.get("/learn/").content.decode()
    assert body.count("status-draft") == 5
    assert Module.objects.filter(status="draft").count() == 5
