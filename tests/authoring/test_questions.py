"""The question editor: every kind created and edited through the pages, each save a new
version by the signed-in person, audited, marked edited, and the quiz's cached bank dropped."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.learning import services
from crossborder.learning.grading import clean_response, grade
from crossborder.learning.models import Question
from tests.authoring.kinds import KINDS
from tests.authoring.questions_post import editor_post, form_values

pytestmark = pytest.mark.django_db


def new_url(module, kind=""):
    return f"/author/modules/{module.slug}/questions/new/" + (f"?kind={kind}" if kind else "")


def edit_url(question):
    return f"/author/modules/{question.module.slug}/questions/{question.pk}/"


def create(client, module, kind, **fields):
    spec = KINDS[kind]
    post = editor_post(
        kind,
        settings=spec.get("settings"),
        rows=spec.get("rows"),
        **{"name": f"A {kind} question", **spec.get("fields", {}), **fields},
    )
    return client.post(new_url(module), post)


def answer(question, fields):
    """A response as the quiz reads it from its form, cleaned and graded by the real code."""
    from tests.authoring.questions_post import RESPONSE_FIELDS

    raw = RESPONSE_FIELDS[question.kind](question, fields)
    return grade(question, clean_response(question, raw))


def test_it_offers_every_kind_of_question(client_of, trainer, module):
    r = client_of(trainer).get(new_url(module))
    assert r.status_code == 200
    for kind, label in Question.Kind.choices:
        assert f"?kind={kind}" in r.content.decode()
        assert str(label) in r.content.decode()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_it_creates_each_kind_that_grades_as_the_quiz_grades(
    client_of, trainer, module, entry, kind
):
    client = client_of(trainer)
    assert client.get(new_url(module, kind)).status_code == 200
    r = create(client, module, kind, labels="definition, Element A", idnumber=f"THB-{kind}")
    assert r.status_code == 302, r.content.decode()
    question = Question.objects.get(module=module)
    assert r["Location"] == edit_url(question)
    assert question.kind == kind
    assert question.idnumber == f"THB-{kind}"
    assert question.category == "Element A/Definition"
    assert question.labels == ["definition", "Element A"]
    assert question.source == "directive-2011-36"
    assert question.edited_at is not None
    spec = KINDS[kind]
    if "right" in spec:
        assert answer(question, spec["right"]) == 1.0
        assert answer(question, spec["wrong"]) < 1.0
    version = question.history.get()
    assert version.history_type == "+" and version.history_user == trainer
    audit = AuditEntry.objects.get(action="question.create")
    assert audit.actor == trainer and audit.object_id == str(question.pk)
    assert client.get(edit_url(question)).status_code == 200


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_it_edits_each_kind_through_its_page_as_a_new_version(
    client_of, trainer, module, entry, kind
):
    client = client_of(trainer)
    create(client, module, kind)
    question = Question.objects.get(module=module)
    data_before = question.data
    page = client.get(edit_url(question))
    post = form_values(page.content.decode())
    post.update(action="save", name="Renamed", hidden="on")
    r = client.post(edit_url(question), post)
    assert r.status_code == 302, r.content.decode()
    question.refresh_from_db()
    assert question.name == "Renamed" and question.hidden
    assert question.data == data_before  # the form shows the key as stored, and saves it so
    assert question.history.count() == 2
    assert question.history.first().history_user == trainer
    assert AuditEntry.objects.filter(action="question.update", object_id=str(question.pk)).exists()


def test_it_saves_the_curriculum_tags_and_the_combined_feedback(client_of, trainer, module, entry):
    client = client_of(trainer)
    tags = list(Tag.objects.filter(code__in=["A", "L"]).values_list("pk", flat=True))
    r = create(
        client,
        module,
        "single",
        tags=[str(pk) for pk in tags],
        feedback_correct="**Well done.**",
        feedback_incorrect="<p>Read Art. 2 again.</p>",
    )
    assert r.status_code == 302
    question = Question.objects.get()
    assert set(question.tags.values_list("code", flat=True)) == {"A", "L"}
    assert question.feedback == {
        "correct": "<p><strong>Well done.</strong></p>",
        "incorrect": "<p>Read Art. 2 again.</p>",
    }


def test_it_accepts_an_https_source(client_of, trainer, module):
    r = create(client_of(trainer), module, "true_false", source="https://eur-lex.europa.eu/x")
    assert r.status_code == 302
    assert Question.objects.get().source == "https://eur-lex.europa.eu/x"


def test_it_keeps_the_grading_of_a_shipped_multiple_response_question(client_of, trainer, module):
    """The curriculum marks options right or wrong only: the editor shows them as shares of
    100 % (wrong ones taking as much off), and saving unchanged grades every answer alike."""
    shipped = Question.objects.create(
        module=module,
        key="q07",
        kind="multiple",
        text="Which are acts?",
        source="Directive 2011/36/EU, Art. 2",
        data={
            "options": [
                {"text": "Recruitment", "correct": True},
                {"text": "Harbouring", "correct": True},
                {"text": "Transfer", "correct": True},
                {"text": "A visa", "correct": False},
            ]
        },
    )
    before = {r: grade(shipped, list(r)) for r in [(0, 1, 2), (0, 1), (0, 3), (3,), (0, 1, 2, 3)]}
    client = client_of(trainer)
    post = form_values(client.get(edit_url(shipped)).content.decode())
    post["action"] = "save"
    r = client.post(edit_url(shipped), post)
    assert r.status_code == 302, r.content.decode()
    shipped.refresh_from_db()
    assert shipped.source == "Directive 2011/36/EU, Art. 2"  # its citation, left as it was
    after = {r: grade(shipped, list(r)) for r in before}
    assert after == pytest.approx(before, abs=1e-6)


def test_it_drops_the_cached_bank_of_the_quiz(
    client_of, trainer, module, entry, django_capture_on_commit_callbacks
):
    create(client_of(trainer), module, "true_false")
    question = Question.objects.get()
    assert question.pk in services.question_bank(module.quiz.pk)["questions"]  # now cached
    post = form_values(client_of(trainer).get(edit_url(question)).content.decode())
    post.update(action="save", hidden="on")
    with django_capture_on_commit_callbacks(execute=True):
        with_hidden = client_of(trainer).post(edit_url(question), post)
    assert with_hidden.status_code == 302
    assert question.pk not in services.question_bank(module.quiz.pk)["questions"]


def test_it_gives_new_questions_their_own_key(client_of, trainer, module, entry):
    client = client_of(trainer)
    create(client, module, "true_false", name="Consent")
    create(client, module, "true_false", name="Consent")
    assert sorted(module.questions.values_list("key", flat=True)) == ["consent", "consent-2"]
