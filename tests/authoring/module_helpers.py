"""Modules, lessons and questions for the module-editor tests (made directly, as the files or
another author would have made them)."""

from crossborder.learning.models import Lesson, Module, Question, Quiz


def make_module(slug="smuggling-or-trafficking", *, owners=(), status="draft", draw=2, **fields):
    module = Module.objects.create(
        slug=slug,
        title=fields.pop("title", "Smuggling or trafficking?"),
        summary=fields.pop("summary", "Telling the two crimes apart."),
        level=fields.pop("level", "public"),
        status=status,
        **fields,
    )
    module.owners.set(owners)
    Quiz.objects.create(module=module, draw_count=draw)
    return module


def make_lesson(module, n=1, **fields):
    return Lesson.objects.create(
        module=module,
        order=fields.pop("order", n),
        slug=fields.pop("slug", f"lesson-{n}"),
        title=fields.pop("title", f"Lesson {n}"),
        body=fields.pop("body", f"Text of lesson {n}."),
        **fields,
    )


def make_question(module, n=1, *, kind="single", hidden=False):
    data = {"options": [{"text": "Yes", "correct": True}, {"text": "No", "correct": False}]}
    if kind == "description":
        data = {}
    return Question.objects.create(
        module=module,
        key=f"q{n}",
        kind=kind,
        text=f"Question {n}?",
        data=data,
        explanation="Because.",
        source="Directive 2011/36/EU",
        hidden=hidden,
    )
