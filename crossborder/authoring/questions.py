"""Changing a module's question bank in the browser: create and update one question, and the bulk
actions of the bank page (move to a category, add a tag, hide or show). Each writes a new
version of every question it changes (django-simple-history), marks it edited in the browser
(`edited_at`: load_content leaves it alone), drops the cached bank of the quizzes that may draw
it, and writes an audit entry."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from crossborder.audit.models import record
from crossborder.learning.interchange.common import slug_for
from crossborder.learning.models import Module, Question, Quiz
from crossborder.learning.services import forget_banks


def _forget_banks(module: Module, question_ids) -> None:
    quizzes = Quiz.objects.filter(Q(module=module) | Q(questions__in=question_ids))
    ids = set(quizzes.values_list("pk", flat=True))
    transaction.on_commit(lambda: forget_banks(ids))


def _free_key(module: Module, name: str) -> str:
    taken = set(module.questions.values_list("key", flat=True))
    base = key = slug_for(name)
    n = 2
    while key in taken:
        key, n = f"{base[:85]}-{n}", n + 1
    return key


@transaction.atomic
def save_question(*, module: Module, fields: dict, tags, by, question: Question | None = None):
    """Create a question in the module's bank (question=None) or change one; `fields` are the
    editor's cleaned values (QuestionEditor.built). A change is a new version; attempts keep
    the version they were drawn with."""
    created = question is None
    if created:
        question = Question(module=module, key=_free_key(module, fields["name"]))
    changed = [name for name, value in fields.items() if getattr(question, name) != value]
    for name, value in fields.items():
        setattr(question, name, value)
    question.edited_at = timezone.now()
    question.save()
    before = set(question.tags.values_list("pk", flat=True)) if not created else set()
    question.tags.set(tags)
    if before != {t.pk for t in tags}:
        changed.append("tags")
    record(
        actor=by,
        action="question.create" if created else "question.update",
        obj=question,
        details={"module": module.slug, "kind": question.kind, "changed": sorted(changed)},
    )
    _forget_banks(module, [question.pk])
    return question


def _bulk(*, module: Module, ids, by, action: str, change, details: dict) -> int:
    questions = list(module.questions.filter(pk__in=ids))
    if not questions:
        return 0
    now = timezone.now()
    for question in questions:
        change(question)
        question.edited_at = now
    fields = ["category", "labels", "hidden", "edited_at"]
    bulk_update_with_history(questions, Question, fields, default_user=by, default_date=now)
    record(
        actor=by,
        action=action,
        obj=module,
        details={**details, "questions": sorted(q.pk for q in questions)},
    )
    _forget_banks(module, [q.pk for q in questions])
    return len(questions)


@transaction.atomic
def move_questions(*, module: Module, ids, category: str, by) -> int:
    """Put the chosen questions of the bank into a category (a path; new paths make new ones)."""

    def change(question):
        question.category = category

    return _bulk(
        module=module,
        ids=ids,
        by=by,
        action="questions.move",
        change=change,
        details={"category": category},
    )


@transaction.atomic
def tag_questions(*, module: Module, ids, label: str, by) -> int:
    """Add a tag to the chosen questions (those that have it already keep it once)."""

    def change(question):
        if label.casefold() not in {t.casefold() for t in question.labels}:
            question.labels = [*question.labels, label]

    return _bulk(
        module=module, ids=ids, by=by, action="questions.tag", change=change, details={"tag": label}
    )


@transaction.atomic
def hide_questions(*, module: Module, ids, hidden: bool, by) -> int:
    """Hide the chosen questions from learners (never drawn) or show them again."""

    def change(question):
        question.hidden = hidden

    return _bulk(
        module=module,
        ids=ids,
        by=by,
        action="questions.hide" if hidden else "questions.unhide",
        change=change,
        details={},
    )
