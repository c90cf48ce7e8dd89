"""Migration 0006_question_baseline: every question existing before versions gets a first
version, and the attempts drawn before are pinned to it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import make_user

BEFORE = [("learning", "0005_authoring")]
AFTER = [("learning", "0006_question_baseline")]


@pytest.mark.django_db(transaction=True)
def test_the_baseline_gives_every_question_a_version_and_pins_earlier_attempts():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Module = old.get_model("learning", "Module")
    Question = old.get_model("learning", "Question")
    Quiz = old.get_model("learning", "Quiz")
    Attempt = old.get_model("learning", "Attempt")
    Tag = old.get_model("curriculum", "Tag")
    module = Module.objects.create(slug="m", title="M", level="public")
    quiz = Quiz.objects.create(module=module)
    one = Question.objects.create(module=module, key="one", kind="short", text="One?")
    two = Question.objects.create(module=module, key="two", kind="short", text="Two?")
    one.tags.set(Tag.objects.filter(code="A"))
    learner = make_user("learner@example.org")
    attempt = Attempt.objects.create(
        quiz=quiz,
        user_id=learner.pk,
        number=1,
        question_ids=[one.pk, two.pk],
        deadline=timezone.now(),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    History = new.get_model("learning", "HistoricalQuestion")
    records = {r.id: r for r in History.objects.all()}
    assert set(records) == {one.pk, two.pk}
    assert records[one.pk].text == "One?" and records[one.pk].history_type == "+"
    tags = new.get_model("learning", "HistoricalQuestion_tags").objects.filter(
        history_id=records[one.pk].history_id
    )
    assert [t.tag_id for t in tags] == list(
        Tag.objects.filter(code="A").values_list("pk", flat=True)
    )
    pinned = new.get_model("learning", "Attempt").objects.get(pk=attempt.pk).question_versions
    assert pinned == {
        str(one.pk): records[one.pk].history_id,
        str(two.pk): records[two.pk].history_id,
    }
