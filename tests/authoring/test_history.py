"""History pages: versions with who and when, a readable diff, restore (a new version, audited,
the question bank refreshed), access as for editing the item."""

import pytest

from crossborder.accounts.models import Role
from crossborder.audit.models import AuditEntry
from crossborder.learning.models import Question
from crossborder.learning.services import question_bank
from crossborder.library.models import Entry
from tests.factories import make_user

from .helpers import make_module

pytestmark = pytest.mark.django_db


def _edit(obj, by, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    obj._history_user = by
    obj.save()


@pytest.fixture
def module(trainer):
    return make_module(owners=[trainer])


def test_it_lists_versions_with_who_and_when(client_of, trainer, module):
    question = module.questions.get(key="numeric")
    _edit(question, trainer, data={"answer": 31, "tolerance": 0})
    page = client_of(trainer).get(f"/author/history/question/{question.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Jan Peeters" in body and "Changed" in body and "Created" in body
    assert body.count("Restore this version") == 1  # not offered for the current one


def test_the_diff_shows_changed_fields_and_long_text_line_by_line(client_of, trainer, module):
    lesson = module.lessons.create(
        order=1, slug="first", title="First", body="One\nTwo\nThree\nFour\nFive\nSix"
    )
    _edit(lesson, trainer, title="First steps", body="One\nTwo\nThree and a half\nFour\nFive\nSix")
    version = lesson.history.order_by("-history_id").first()
    body = client_of(trainer).get(f"/author/history/lesson/{lesson.pk}/{version.history_id}/")
    html = body.content.decode()
    assert "<del>First</del>" in html and "<ins>First steps</ins>" in html
    assert 'class="diff-del"' in html and "Three and a half" in html
    assert "Six" not in html.split("line-diff")[1].split("</pre>")[0]  # only nearby context


def test_restoring_an_old_question_version_puts_it_back_in_the_bank(client_of, trainer, module):
    question = module.questions.get(key="numeric")
    first = question.history.order_by("history_id").first()
    assert question_bank(module.quiz.pk)["questions"][question.pk]["data"]["answer"] == 30
    _edit(question, trainer, data={"answer": 45, "tolerance": 0}, text="Wrong key")
    assert question_bank(module.quiz.pk)["questions"][question.pk]["data"]["answer"] == 45
    c = client_of(trainer)
    r = c.post(f"/author/history/question/{question.pk}/{first.history_id}/restore/")
    assert r.status_code == 302
    question.refresh_from_db()
    assert question.data["answer"] == 30 and question.text == "Within how many days?"
    assert question.edited_at is not None
    banked = question_bank(module.quiz.pk)["questions"][question.pk]
    assert banked["data"]["answer"] == 30
    newest = question.history.order_by("-history_id").first()
    assert banked["version"] == newest.history_id
    assert newest.history_user == trainer
    assert newest.history_change_reason == "restored version 1"  # its own count, not the id
    assert question.history.count() == 3  # created, edited, restored: one new version
    entry = AuditEntry.objects.get(action="question.restore")
    assert entry.actor == trainer and entry.details["restored"] == first.history_id


def test_restoring_keeps_tags_of_the_version_in_one_new_version(client_of, manager, module):
    from crossborder.curriculum.models import Tag

    question = module.questions.get(key="duration")
    question.tags.set(Tag.objects.filter(code__in=["A"]))
    tagged = question.history.order_by("-history_id").first()
    question.tags.set(Tag.objects.filter(code__in=["B", "C"]))
    before = question.history.count()
    client_of(manager).post(f"/author/history/question/{question.pk}/{tagged.history_id}/restore/")
    assert sorted(question.tags.values_list("code", flat=True)) == ["A"]
    assert question.history.count() == before + 1


def test_only_those_who_may_edit_the_item_see_its_history(client_of, participant, module):
    question = module.questions.first()
    version = question.history.first()
    other = make_user("other.trainer@example.org", role=Role.TRAINER)
    for user in (participant, other):
        c = client_of(user)
        assert c.get(f"/author/history/question/{question.pk}/").status_code == 404
        assert (
            c.post(
                f"/author/history/question/{question.pk}/{version.history_id}/restore/"
            ).status_code
            == 404
        )
    assert c.get(f"/author/history/nothing/{question.pk}/").status_code == 404


def test_library_entries_have_history_for_managers_only(client_of, trainer, manager):
    entry = Entry.objects.create(
        slug="jit-guide",
        kind="guidance",
        title="JIT guide",
        summary="About JITs.",
        body="Text. " * 80,
        access="public",
        sources=[{"title": "Eurojust"}],
    )
    first = entry.history.first()
    _edit(entry, manager, summary="Joint investigation teams, step by step.")
    assert client_of(trainer).get(f"/author/history/entry/{entry.pk}/").status_code == 404
    c = client_of(manager)
    assert "JIT guide" in c.get(f"/author/history/entry/{entry.pk}/").content.decode()
    c.post(f"/author/history/entry/{entry.pk}/{first.history_id}/restore/")
    entry.refresh_from_db()
    assert entry.summary == "About JITs."


def test_the_history_link_include_points_at_the_page(module):
    from django.template import Context, Template

    question = module.questions.first()
    html = Template('{% include "authoring/_history_link.html" with object=q %}').render(
        Context({"q": question})
    )
    assert f'href="/author/history/question/{question.pk}/"' in html


def test_the_history_page_uses_the_same_number_of_queries_however_many_versions(
    client_of, trainer, module, django_assert_max_num_queries
):
    question = module.questions.first()
    c = client_of(trainer)
    with django_assert_max_num_queries(30) as captured:
        c.get(f"/author/history/question/{question.pk}/")
    baseline = len(captured)
    for n in range(5):
        _edit(question, trainer, text=f"Version {n}")
    with django_assert_max_num_queries(baseline):
        body = c.get(f"/author/history/question/{question.pk}/").content.decode()
    assert body.count("Show changes") == 6
    assert Question.objects.get(pk=question.pk).text == "Version 4"
