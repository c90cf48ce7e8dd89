"""The bank page of a module: questions in nested categories, filters, bulk actions (move,
tag, hide), a fixed number of queries, and only for the module's editors."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.learning import services
from crossborder.learning.models import Module, Question

pytestmark = pytest.mark.django_db


def bank_url(module, query=""):
    return f"/author/modules/{module.slug}/questions/{query}"


def add(module, key, *, category="", kind="true_false", text="A statement.", **fields):
    return Question.objects.create(
        module=module,
        key=key,
        name=key.title(),
        category=category,
        kind=kind,
        text=text,
        data={"answer": True},
        source="directive-2011-36",
        **fields,
    )


@pytest.fixture
def bank(module):
    return {
        "consent": add(module, "consent", category="Element A/Definition", labels=["consent"]),
        "means": add(module, "means", category="Element A/Definition/Means", text="Deception"),
        "money": add(module, "money", category="Element B", kind="essay", hidden=True),
        "loose": add(module, "loose"),
    }


def shown(page) -> list[str]:
    return re.findall(r'name="ids" value="(\d+)"', page)


def test_it_shows_the_questions_in_nested_categories(client_of, trainer, module, bank):
    page = client_of(trainer).get(bank_url(module)).content.decode()
    headings = re.findall(
        r'<section class="bank-category depth-(\d)".*?<h2[^>]*>(.*?)<small', page, re.S
    )
    names = [(depth, re.sub(r"<[^>]+>", "", h).split(": ")[-1].strip()) for depth, h in headings]
    assert names == [
        ("0", "Top"),
        ("1", "Element A"),
        ("2", "Definition"),
        ("3", "Means"),
        ("1", "Element B"),
    ]
    assert "Element A/Definition/Means: " in page  # the whole path, for screen readers


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?category=Element+A/Definition", ["consent", "means"]),
        ("?category=Element+B", ["money"]),
        ("?tag=consent", ["consent"]),
        ("?kind=essay", ["money"]),
        ("?hidden=yes", ["money"]),
        ("?hidden=no", ["consent", "means", "loose"]),
        ("?q=deception", ["means"]),
        ("?q=LOOSE", ["loose"]),
        ("?kind=essay&hidden=no", []),
    ],
)
def test_it_filters_the_bank(client_of, trainer, module, bank, query, expected):
    page = client_of(trainer).get(bank_url(module, query)).content.decode()
    assert sorted(shown(page)) == sorted(str(bank[k].pk) for k in expected)
    if not expected:
        assert "No question matches the filters." in page


def test_it_filters_by_curriculum_tag_too(client_of, trainer, module, bank):
    bank["loose"].tags.add(Tag.objects.get(code="L"))
    page = client_of(trainer).get(bank_url(module, "?tag=L")).content.decode()
    assert shown(page) == [str(bank["loose"].pk)]


def bulk(client, module, action, ids, **fields):
    return client.post(
        bank_url(module, "bulk/"),
        {"action": action, "ids": [str(q.pk) for q in ids], "back": "kind=true_false", **fields},
    )


def test_it_moves_questions_into_a_new_sub_category_typed_as_a_path(
    client_of, trainer, module, bank
):
    r = bulk(
        client_of(trainer),
        module,
        "move",
        [bank["consent"], bank["loose"]],
        category=" top / Element C /  Prevention ",
    )
    assert r.status_code == 302
    assert r["Location"] == bank_url(module, "?kind=true_false")
    for key in ("consent", "loose"):
        bank[key].refresh_from_db()
        assert bank[key].category == "Element C/Prevention"
        assert bank[key].edited_at is not None
        assert bank[key].history.first().history_user == trainer
        assert bank[key].history.count() == 2
    bank["means"].refresh_from_db()
    assert bank["means"].category == "Element A/Definition/Means"
    audit = AuditEntry.objects.get(action="questions.move")
    assert audit.details == {
        "category": "Element C/Prevention",
        "questions": sorted([bank["consent"].pk, bank["loose"].pk]),
    }
    page = client_of(trainer).get(r["Location"]).content.decode()
    assert "2 questions moved to “Element C/Prevention”." in page
    assert "Prevention" in page


def test_it_adds_a_tag_once(client_of, trainer, module, bank):
    bulk(client_of(trainer), module, "tag", [bank["consent"], bank["means"]], tag="Consent ")
    bank["consent"].refresh_from_db()
    bank["means"].refresh_from_db()
    assert bank["consent"].labels == ["consent"]
    assert bank["means"].labels == ["Consent"]
    assert AuditEntry.objects.filter(action="questions.tag").count() == 1


def test_it_hides_and_shows_questions(
    client_of, trainer, module, bank, django_capture_on_commit_callbacks
):
    client = client_of(trainer)
    assert bank["consent"].pk in services.question_bank(module.quiz.pk)["pool"]
    with django_capture_on_commit_callbacks(execute=True):
        bulk(client, module, "hide", [bank["consent"]])
    bank["consent"].refresh_from_db()
    assert bank["consent"].hidden
    assert bank["consent"].pk not in services.question_bank(module.quiz.pk)["pool"]  # never drawn
    bulk(client, module, "unhide", [bank["consent"], bank["money"]])
    assert not Question.objects.filter(hidden=True).exists()
    assert AuditEntry.objects.filter(action="questions.unhide").exists()


@pytest.mark.parametrize(
    ("action", "ids", "fields", "message"),
    [
        ("move", [], {"category": "X"}, "Questions: tick at least one question."),
        ("tag", ["consent"], {"tag": "  "}, "Tag: type the tag to add."),
        ("drop", ["consent"], {}, "Action: choose what to do with the ticked questions."),
        ("move", ["consent"], {"category": "x" * 256}, "Category: at most 255 characters"),
    ],
)
def test_it_refuses_an_incomplete_bulk_action(
    client_of, trainer, module, bank, action, ids, fields, message
):
    client = client_of(trainer)
    r = bulk(client, module, action, [bank[k] for k in ids], **fields)
    assert message in client.get(r["Location"]).content.decode()
    assert not AuditEntry.objects.exists()
    assert all(q.history.count() == 1 for q in Question.objects.all())


def test_it_leaves_questions_of_other_modules_alone(client_of, trainer, module, bank):
    other = Module.objects.create(slug="other", title="Other", level="public")
    theirs = add(other, "theirs", category="Kept")
    bulk(client_of(trainer), module, "move", [theirs, bank["loose"]], category="Moved")
    theirs.refresh_from_db()
    assert theirs.category == "Kept"


def test_it_reads_the_bank_in_the_same_few_queries_however_big(client_of, trainer, module):
    client = client_of(trainer)
    tag = Tag.objects.get(code="A")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(bank_url(module)).status_code == 200
        return len(ctx.captured_queries)

    add(module, "first", category="One").tags.add(tag)
    few = queries()
    for n in range(30):
        add(module, f"q{n}", category=f"Cat {n % 5}/Sub {n % 3}", labels=[f"t{n}"]).tags.add(tag)
    assert queries() == few
    # the session, the user, the module, its owners, the questions and their curriculum tags
    assert few == 6


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("trainer", 200),
        ("manager", 200),
        ("admin_user", 200),
        ("other_trainer", 404),
        ("participant", 404),
        ("funder", 404),
    ],
)
def test_it_opens_the_bank_and_the_editor_only_to_the_modules_editors(
    client, request, module, bank, entry, who, status
):
    client.force_login(request.getfixturevalue(who))
    question = bank["consent"]
    assert client.get(bank_url(module)).status_code == status
    assert client.get(bank_url(module, "new/?kind=single")).status_code == status
    assert client.get(bank_url(module, f"{question.pk}/")).status_code == status
    preview = client.post(bank_url(module, "preview/"), {"kind": "description", "text": "x"})
    assert preview.status_code == status
    post = client.post(bank_url(module, "bulk/"), {"action": "hide", "ids": [question.pk]})
    assert post.status_code == (302 if status == 200 else 404)
    question.refresh_from_db()
    assert question.hidden == (status == 200)


def test_it_sends_a_visitor_to_sign_in(client, module):
    r = client.get(bank_url(module))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_it_finds_a_question_only_through_its_own_module(client_of, trainer, module, bank):
    other = Module.objects.create(slug="other", title="Other", level="public")
    other.owners.add(trainer)
    question = bank["consent"]
    assert (
        client_of(trainer).get(f"/author/modules/other/questions/{question.pk}/").status_code == 404
    )


def test_it_ignores_ids_that_cannot_be_questions(client_of, trainer, module, bank):
    r = client_of(trainer).post(
        bank_url(module, "bulk/"), {"action": "hide", "ids": ["²", "99999999999999999999", "x"]}
    )
    assert (
        "Questions: tick at least one question."
        in client_of(trainer).get(r["Location"]).content.decode()
    )
