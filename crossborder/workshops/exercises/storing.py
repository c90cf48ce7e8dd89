"""Storing a checked exercise folder: the exercise updated in place, its role cards and injects
matched by key (so the runs held with it keep their rows)."""

from django.utils import timezone

from ..models import Exercise, Inject, RoleCard


def store(parsed) -> Exercise:
    """Create or update one exercise in place: its roles and injects matched by key."""
    values = {k: v for k, v in parsed.exercise.items() if k != "slug"}
    exercise, _created = Exercise.objects.update_or_create(
        slug=parsed.exercise["slug"],
        defaults={**values, "content_hash": parsed.digest, "loaded_at": timezone.now()},
    )
    _sync(RoleCard, exercise, parsed.roles)
    _sync(Inject, exercise, [{k: v for k, v in i.items() if k != "line"} for i in parsed.injects])
    return exercise


def _sync(model, exercise: Exercise, rows: list[dict]) -> None:
    existing = {o.key: o for o in model.objects.filter(exercise=exercise)}
    model.objects.filter(exercise=exercise).exclude(key__in=[r["key"] for r in rows]).delete()
    for row in rows:
        obj = existing.get(row["key"])
        if obj is None:
            model.objects.create(exercise=exercise, **row)
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            obj.save(update_fields=changed)
