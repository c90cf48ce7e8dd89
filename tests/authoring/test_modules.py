"""The authoring home and the module editor: create as a draft, publish only when the module
has lessons and enough questions, archive and restore; who may do what."""

import pytest

from crossborder.accounts.models import Role
from crossborder.audit.models import AuditEntry
from crossborder.curriculum.models import Tag
from crossborder.learning.models import Module, Quiz
from tests.factories import make_user

from .module_helpers import make_lesson, make_module, make_question

pytestmark = pytest.mark.django_db


def module_post(**change):
    data = {
        "title": "Labour exploitation in agriculture",
        "title_fr": "L'exploitation par le travail dans l'agriculture",
        "title_de": "Arbeitsausbeutung in der Landwirtschaft",
        "slug": "",
        "summary": "Seasonal work, recruitment debts and the indicators of forced labour.",
        "summary_fr": "Travail saisonnier, dettes de recrutement et indicateurs du travail forcé.",
        "summary_de": "",
        "level": "registered",
        "duration_minutes": "45",
        "professions": ["labour_inspector", "prosecutor"],
        "tags": [str(Tag.objects.get(code="A").pk), str(Tag.objects.get(code="L").pk)],
        "objectives": "Recognise forced labour\nPlan a joint inspection",
        "objectives_fr": "Reconnaître le travail forcé\nPréparer une inspection conjointe",
        "objectives_de": "",
        "sources": "Directive 2011/36/EU",
        "quiz-draw_count": "3",
        "quiz-attempts_allowed": "2",
        "quiz-time_limit_minutes": "20",
        "quiz-pass_mark": "75",
        "quiz-feedback": "after_submit",
        "quiz-closes_at": "",
        "quiz-shuffle": "on",
    }
    data.update(change)
    return {k: v for k, v in data.items() if v is not None}


def test_a_trainer_creates_a_draft_module_they_own_with_its_quiz(client_of, trainer):
    r = client_of(trainer).post("/author/modules/new/", module_post())
    module = Module.objects.get(slug="labour-exploitation-in-agriculture")
    assert r.status_code == 302 and r["Location"] == f"/author/modules/{module.slug}/"
    assert module.status == Module.Status.DRAFT
    assert list(module.owners.all()) == [trainer]
    assert module.edited_at is not None
    assert module.objectives == ["Recognise forced labour", "Plan a joint inspection"]
    assert module.objectives_fr[1] == "Préparer une inspection conjointe"
    assert module.objectives_de == []  # shown in English to German readers
    assert module.professions == ["labour_inspector", "prosecutor"]
    assert {t.code for t in module.tags.all()} == {"A", "L"}
    assert module.title_fr.startswith("L'exploitation")
    quiz = module.quiz
    assert (quiz.draw_count, quiz.attempts_allowed, quiz.time_limit_minutes, quiz.pass_mark) == (
        3,
        2,
        20,
        75,
    )
    entry = AuditEntry.objects.get(action="module.create")
    assert entry.actor == trainer and entry.object_id == str(module.pk)
    assert module.history.first().history_user == trainer  # history records who saved it


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"summary": ""}, "summary", "This field is required."),
        ({"level": "secret"}, "level", "Select a valid choice."),
        ({"slug": "new"}, "slug", "This short name is reserved"),
        ({"slug": "Not a slug!"}, "slug", "Enter a valid"),
        ({"quiz-pass_mark": "150"}, "quiz-pass_mark", "at most 100"),
        ({"quiz-attempts_allowed": "0"}, "quiz-attempts_allowed", "At least 1."),
        ({"quiz-draw_count": "-1"}, "quiz-draw_count", "greater than or equal to 0"),
        ({"quiz-closes_at": "tomorrow"}, "quiz-closes_at", "Enter a valid date/time."),
        ({"professions": ["astronaut"]}, "professions", "Select a valid choice."),
        (
            {"objectives_de": "Zwangsarbeit erkennen"},
            "objectives_de",
            "Give one line for each of the 2 English objectives",
        ),
    ],
)
def test_it_refuses_bad_module_input_and_stores_nothing(client_of, trainer, change, field, message):
    r = client_of(trainer).post("/author/modules/new/", module_post(**change))
    assert r.status_code == 400
    body = r.content.decode()
    assert message in body
    assert f'id="id_{field}_error"' in body  # the message is at the field it names
    assert not Module.objects.exists() and not Quiz.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_refuses_a_slug_another_module_uses(client_of, trainer):
    make_module("taken")
    r = client_of(trainer).post("/author/modules/new/", module_post(slug="taken"))
    assert r.status_code == 400
    assert "Module with this Slug already exists." in r.content.decode()
    assert Module.objects.count() == 1


def test_it_goes_from_draft_to_published_only_with_lessons_and_enough_questions(
    client_of, trainer, participant
):
    author = client_of(trainer)
    author.post("/author/modules/new/", module_post(**{"quiz-draw_count": "3"}))
    module = Module.objects.get()
    url = f"/author/modules/{module.slug}/"
    page = author.get(url).content.decode()
    assert "The module has no lessons" in page  # shown before trying

    r = author.post(url + "status/", {"action": "publish"}, follow=True)
    body = r.content.decode()
    assert "The module has no lessons: add at least one before publishing." in body
    assert "the quiz draws 3 questions but the bank has only 0 visible questions" in body
    module.refresh_from_db()
    assert module.status == "draft"

    make_lesson(module)
    make_question(module, 1)
    make_question(module, 2)
    make_question(module, 3, hidden=True)  # hidden: never drawn
    make_question(module, 4, kind="description")  # not a question to draw
    r = author.post(url + "status/", {"action": "publish"}, follow=True)
    assert "the quiz draws 3 questions but the bank has only 2 visible" in r.content.decode()
    assert Module.objects.get().status == "draft"
    assert not AuditEntry.objects.filter(action="module.status").exists()

    make_question(module, 5, kind="true_false")
    r = author.post(url + "status/", {"action": "publish"}, follow=True)
    assert "The module is published" in r.content.decode()
    module.refresh_from_db()
    assert module.status == "published"
    assert AuditEntry.objects.get(action="module.status").details == {
        "from": "draft",
        "to": "published",
    }
    client_of(participant)
    assert author.get(f"/learn/{module.slug}/").status_code == 200


def test_learners_never_see_a_draft_or_an_archived_module(client, client_of, participant, trainer):
    module = make_module(owners=[trainer], status="draft")
    make_lesson(module)
    assert client.get(f"/learn/{module.slug}/").status_code == 404
    assert client_of(participant).get(f"/learn/{module.slug}/").status_code == 404
    assert module.title not in client_of(participant).get("/learn/").content.decode()
    Module.objects.filter(pk=module.pk).update(status="archived")
    assert client_of(participant).get(f"/learn/{module.slug}/").status_code == 404
    assert client_of(trainer).get(f"/learn/{module.slug}/").status_code == 200  # its author


def test_it_archives_and_restores_a_module_as_a_draft(client_of, trainer):
    module = make_module(owners=[trainer], status="published")
    c = client_of(trainer)
    c.post(f"/author/modules/{module.slug}/status/", {"action": "archive"})
    module.refresh_from_db()
    assert module.status == "archived"
    c.post(f"/author/modules/{module.slug}/status/", {"action": "unarchive"})
    module.refresh_from_db()
    assert module.status == "draft"
    r = c.post(f"/author/modules/{module.slug}/status/", {"action": "unarchive"}, follow=True)
    assert "Only an archived module can be restored." in r.content.decode()
    r = c.post(f"/author/modules/{module.slug}/status/", {"action": "delete"}, follow=True)
    assert "That change of status is not possible." in r.content.decode()
    assert Module.objects.get().status == "draft"
    actions = list(AuditEntry.objects.values_list("details", flat=True))
    assert {"from": "published", "to": "archived"} in actions
    assert {"from": "archived", "to": "draft"} in actions


def test_it_edits_a_module_and_fixes_its_slug_once_published(client_of, trainer):
    module = make_module(owners=[trainer], status="published", draw=1)
    make_lesson(module)
    make_question(module)
    c = client_of(trainer)
    r = c.post(
        f"/author/modules/{module.slug}/",
        module_post(
            title="Smuggling or trafficking? (2027)",
            slug="renamed",
            **{
                "quiz-draw_count": "1",
            },
        ),
    )
    assert r.status_code == 302
    module.refresh_from_db()
    assert module.title == "Smuggling or trafficking? (2027)"
    assert module.slug == "smuggling-or-trafficking"  # published: the address stays
    assert module.edited_at is not None
    assert AuditEntry.objects.filter(action="module.update").count() == 1


def test_a_draft_changes_its_slug_and_keeps_it_when_the_field_is_emptied(client_of, trainer):
    module = make_module("first-name", owners=[trainer])
    c = client_of(trainer)
    r = c.post(f"/author/modules/{module.slug}/", module_post(slug="second-name"))
    assert r["Location"] == "/author/modules/second-name/"
    c.post("/author/modules/second-name/", module_post(slug=""))
    assert Module.objects.get().slug == "second-name"


def test_it_saves_quiz_settings_for_a_module_that_had_none(client_of, manager):
    module = make_module("no-quiz")
    module.quiz.delete()
    c = client_of(manager)
    r = c.post("/author/modules/no-quiz/status/", {"action": "publish"}, follow=True)
    assert "The module has no quiz settings yet" in r.content.decode()
    r = c.post("/author/modules/no-quiz/", module_post(slug="no-quiz", **{"quiz-pass_mark": "200"}))
    assert r.status_code == 400 and not Quiz.objects.exists()  # nothing made by a refused save
    c.post("/author/modules/no-quiz/", module_post(slug="no-quiz"))
    assert Quiz.objects.get().module == Module.objects.get()


def test_it_keeps_a_published_quiz_takeable(client_of, trainer):
    module = make_module(owners=[trainer], status="published", draw=1)
    make_lesson(module)
    make_question(module)
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/", module_post(**{"quiz-draw_count": "10"})
    )
    assert r.status_code == 400
    assert "The bank has only 1 visible questions to draw from." in r.content.decode()
    assert Quiz.objects.get().draw_count == 1
    assert Module.objects.get().title == "Smuggling or trafficking?"


def test_it_refuses_prerequisites_that_go_round_in_a_circle(client_of, manager):
    first = make_module("first")
    second = make_module("second")
    second.prerequisites.add(first)
    r = client_of(manager).post(
        "/author/modules/first/",
        module_post(slug="first", prerequisites=[str(second.pk)]),
    )
    assert r.status_code == 400
    assert "A chosen module already requires this one" in r.content.decode()
    assert not first.prerequisites.exists()


def test_only_managers_choose_the_owners(client_of, trainer, manager):
    other = make_user("trainer2@example.org", role=Role.TRAINER, last_name="Second")
    r = client_of(trainer).get("/author/modules/new/")
    assert 'name="owners"' not in r.content.decode()
    client_of(trainer).post("/author/modules/new/", module_post(owners=[str(other.pk)]))
    assert list(Module.objects.get().owners.all()) == [trainer]  # not the one they named

    r = client_of(manager).get("/author/modules/new/")
    assert 'name="owners"' in r.content.decode()
    client_of(manager).post(
        "/author/modules/new/", module_post(title="Second", owners=[str(other.pk)])
    )
    assert list(Module.objects.get(slug="second").owners.all()) == [other]


def test_a_trainer_edits_only_the_modules_they_own(client, client_of, trainer, participant):
    mine = make_module("mine", owners=[trainer])
    other = make_module("other")
    c = client_of(trainer)
    assert c.get(f"/author/modules/{mine.slug}/").status_code == 200
    assert c.get(f"/author/modules/{other.slug}/").status_code == 404
    r = c.post(f"/author/modules/{other.slug}/status/", {"action": "archive"})
    assert r.status_code == 404
    assert Module.objects.get(slug="other").status == "draft"
    assert client_of(participant).get(f"/author/modules/{mine.slug}/").status_code == 404
    assert client_of(participant).get("/author/").status_code == 403
    client.logout()
    assert client.get("/author/")["Location"].startswith("/accounts/login/")


def test_the_home_lists_a_trainers_own_modules_and_all_for_a_manager(client_of, trainer, manager):
    mine = make_module("mine", owners=[trainer], title="My draft")
    make_lesson(mine, 1)
    make_lesson(mine, 2)
    make_question(mine, 1)
    make_module("theirs", title="Someone else's", status="published")
    body = client_of(trainer).get("/author/").content.decode()
    assert "My draft" in body and "Someone else" not in body
    assert 'href="/author/modules/mine/questions/"' in body
    assert "Edit the library" not in body
    assert 'href="/author/modules/new/"' in body
    assert 'href="/author/"' in body  # the "Authoring" menu item
    body = client_of(manager).get("/author/").content.decode()
    assert "My draft" in body and "Someone else" in body
    assert "Edit the library" in body


def test_the_home_page_costs_three_queries_however_many_modules(
    client_of, manager, trainer, django_assert_num_queries
):
    for n in range(1, 8):
        module = make_module(f"m{n}", owners=[trainer] if n % 2 else [])
        for k in range(1, n % 3 + 1):
            make_lesson(module, k)
            make_question(module, k)
    for user, shown in ((manager, 7), (trainer, 4)):
        c = client_of(user)
        c.get("/author/")
        with django_assert_num_queries(3):  # the session, the user, the modules with counts
            r = c.get("/author/")
        assert r.content.decode().count('class="badge status-draft"') == shown


def test_it_tells_the_author_in_their_language(client_of, trainer):
    module = make_module(owners=[trainer])
    c = client_of(trainer)
    c.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    r = c.post(f"/author/modules/{module.slug}/status/", {"action": "archive"}, follow=True)
    assert "Le module est archivé : les apprenants ne le voient plus." in r.content.decode()
    r = c.post(f"/author/modules/{module.slug}/status/", {"action": "publish"}, follow=True)
    assert "Seul un brouillon peut être publié." in r.content.decode()
    other = make_module("other", title="Joint investigation teams")
    Module.objects.filter(pk=other.pk).update(title_fr="Les équipes communes d'enquête")
    page = c.get(f"/author/modules/{module.slug}/").content.decode()
    assert f'<option value="{other.pk}">Les équipes communes d&#x27;enquête</option>' in page
