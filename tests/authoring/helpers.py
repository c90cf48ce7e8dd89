"""A small module built in the test (faster than the whole curriculum): one quiz that draws
every question of its bank."""

from crossborder.learning.models import Module, Question, Quiz

SINGLE = {
    "options": [
        {"text": "Six months", "correct": False},
        {"text": "Two years", "correct": True},
        {"text": "Ten years", "correct": False},
    ]
}


def make_module(slug="jit-basics", *, status="published", owners=(), questions=None, **fields):
    module = Module.objects.create(
        slug=slug,
        title=fields.pop("title", "Joint investigation teams: the basics"),
        level=fields.pop("level", "public"),
        status=status,
        **fields,
    )
    module.owners.set(owners)
    Quiz.objects.create(module=module, draw_count=10, shuffle=False, pass_mark=50)
    for key, kind, text, data in questions or [
        ("duration", "single", "How long may a JIT agreement first run?", SINGLE),
        ("numeric", "numeric", "Within how many days?", {"answer": 30, "tolerance": 0}),
    ]:
        Question.objects.create(
            module=module, key=key, kind=kind, text=text, data=data, source="Test source"
        )
    return module
