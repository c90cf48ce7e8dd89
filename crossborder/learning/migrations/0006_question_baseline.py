"""Every question gets a first historical record (its version), and every attempt drawn before
versions existed is pinned to those records: a later edit of a question then never changes it.

The same as simple-history's `populate_history` command (a "+" record per object without one,
its tags included), written through the migration's models so it runs at this point in time."""

from django.db import migrations
from django.utils import timezone

BATCH = 500


def add_baseline(apps, schema_editor):
    Question = apps.get_model("learning", "Question")
    HistoricalQuestion = apps.get_model("learning", "HistoricalQuestion")
    HistoricalTags = apps.get_model("learning", "HistoricalQuestion_tags")
    Attempt = apps.get_model("learning", "Attempt")
    have = set(HistoricalQuestion.objects.values_list("id", flat=True).distinct())
    fields = [f.attname for f in Question._meta.concrete_fields]
    now = timezone.now()
    tags = {}
    through = Question.tags.through.objects.values_list("pk", "question_id", "tag_id")
    for pk, question_id, tag_id in through:
        tags.setdefault(question_id, []).append((pk, tag_id))
    records = [
        HistoricalQuestion(
            **{name: getattr(question, name) for name in fields},
            history_date=now,
            history_type="+",
            history_change_reason="baseline",
        )
        for question in Question.objects.exclude(pk__in=have).order_by("pk")
    ]
    for start in range(0, len(records), BATCH):
        HistoricalQuestion.objects.bulk_create(records[start : start + BATCH])
    latest = {}
    for question_id, history_id in HistoricalQuestion.objects.order_by("history_id").values_list(
        "id", "history_id"
    ):
        latest[question_id] = history_id
    baseline = HistoricalQuestion.objects.filter(history_change_reason="baseline").values_list(
        "history_id", "id"
    )
    HistoricalTags.objects.bulk_create(
        [
            HistoricalTags(id=pk, history_id=history_id, question_id=question_id, tag_id=tag_id)
            for history_id, question_id in baseline
            for pk, tag_id in tags.get(question_id, [])
        ],
        batch_size=BATCH,
    )
    pending = []
    for attempt in Attempt.objects.filter(question_versions={}).only("pk", "question_ids"):
        attempt.question_versions = {
            str(pk): latest[pk] for pk in attempt.question_ids if pk in latest
        }
        pending.append(attempt)
        if len(pending) == BATCH:
            Attempt.objects.bulk_update(pending, ["question_versions"])
            pending = []
    Attempt.objects.bulk_update(pending, ["question_versions"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0005_authoring")]

    operations = [migrations.RunPython(add_baseline, migrations.RunPython.noop)]
