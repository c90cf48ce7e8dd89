"""Impossible answer keys and unsafe texts: refused with a message naming the field, nothing
saved (no question, no version, no audit entry), and a stored question left as it was."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.learning.models import Question
from tests.authoring.kinds import KINDS
from tests.authoring.questions_post import editor_post

pytestmark = pytest.mark.django_db

TWO = [{"text": "Act", "fraction": "100"}, {"text": "Means", "fraction": "0"}]

BAD = {
    "no right choice": (
        "single",
        {"rows": {"choices": [{"text": "Act", "fraction": "50"}, {"text": "Means"}]}},
        "Choices: no choice is right. Give one choice a grade of 100 %.",
    ),
    "fractions short of 100 %": (
        "multiple",
        {
            "rows": {
                "choices": [
                    {"text": "Act", "fraction": "50"},
                    {"text": "Means", "fraction": "30"},
                    {"text": "Visa", "fraction": "-100"},
                ]
            }
        },
        "Choices: the grades of the right choices add up to 80 %; they must add up to 100 %.",
    ),
    "negative tolerance": (
        "numeric",
        {"rows": {"numbers": [{"answer": "10", "tolerance": "-1", "fraction": "100"}]}},
        "Answers, row 1, Tolerance (±): It cannot be below zero.",
    ),
    "not a number": (
        "numeric",
        {"rows": {"numbers": [{"answer": "ten", "fraction": "100"}]}},
        "Answers, row 1, Answer: “ten” is not a number.",
    ),
    "a pair without its match": (
        "matching",
        {
            "rows": {
                "pairs": [
                    {"left": "Eurojust", "right": "Judicial cooperation"},
                    {"left": "Europol", "right": ""},
                    {"left": "Frontex", "right": "Borders"},
                ]
            }
        },
        "Pairs, row 2: “Europol” has no match; fill both sides or clear the row.",
    ),
    "one choice only": (
        "single",
        {"rows": {"choices": [{"text": "Act", "fraction": "100"}]}},
        "Choices: give at least two choices.",
    ),
    "the same choice twice": (
        "single",
        {"rows": {"choices": [*TWO, {"text": "act", "fraction": "0"}]}},
        "Choices: two choices are the same.",
    ),
    "an ordering of one item": (
        "ordering",
        {"rows": {"items": [{"text": "Identify"}]}},
        "Items: an ordering question needs at least two items.",
    ),
    "no accepted answer": ("short", {}, "Accepted answers: give at least one accepted answer."),
    "a gap with no word": (
        "gapselect",
        {
            "fields": {"text": "An [[1]] and a [[3]]."},
            "rows": {"words": [{"text": "act", "group": "1"}, {"text": "means", "group": "2"}]},
        },
        "Words for the gaps: gap [[3]] refers to word 3, which is not in the list.",
    ),
    "no gap": (
        "gapselect",
        {"fields": {"text": "No gap."}, "rows": {"words": [{"text": "act", "group": "1"}]}},
        "Question text: it has no gap; write [[1]] where the first word goes.",
    ),
    "a script": (
        "single",
        {"fields": {"text": "Hi<script>alert(1)</script>"}, "rows": {"choices": TWO}},
        "Question text: &lt;script&gt; elements are not allowed.",
    ),
    "an event handler": (
        "single",
        {
            "rows": {
                "choices": [{"text": '<img src=x onerror="alert(1)">', "fraction": "100"}, TWO[1]]
            }
        },
        "Choices, row 1, Choice: The attribute “onerror” is not allowed",
    ),
    "an htmx attribute": (
        "true_false",
        {
            "fields": {"explanation": '<p hx-get="/admin/" hx-trigger="load">x</p>'},
            "settings": {"answer": "true"},
        },
        "General feedback (explanation): The attribute “hx-get” is not allowed",
    ),
    "an event handler in an ordering item": (
        "ordering",
        {"rows": {"items": [{"text": "Identify"}, {"text": "<b onmouseover=alert(1)>Refer</b>"}]}},
        "Items in the right order, row 2, Item: The attribute “onmouseover” is not allowed",
    ),
    "a source that is neither": (
        "true_false",
        {"fields": {"source": "my notes"}, "settings": {"answer": "true"}},
        "Source: “my notes” is neither a library entry nor an https:// address.",
    ),
    "no name": (
        "true_false",
        {"fields": {"name": ""}, "settings": {"answer": "true"}},
        "Name: This field is required.",
    ),
    "no text": (
        "true_false",
        {"fields": {"text": ""}, "settings": {"answer": "true"}},
        "Question text: This field is required.",
    ),
    "more words asked than allowed": (
        "essay",
        {"settings": {"min_words": "100", "max_words": "50"}},
        "The most words are fewer than the fewest words.",
    ),
}


def post_bad(client, module, kind, spec, url=None):
    post = editor_post(
        kind, settings=spec.get("settings"), rows=spec.get("rows"), **spec.get("fields", {})
    )
    return client.post(url or f"/author/modules/{module.slug}/questions/new/", post)


@pytest.mark.parametrize("case", sorted(BAD))
def test_it_refuses_an_impossible_or_unsafe_question_and_saves_nothing(
    client_of, trainer, module, entry, case
):
    kind, spec, message = BAD[case]
    r = post_bad(client_of(trainer), module, kind, spec)
    assert r.status_code == 400
    page = r.content.decode()
    assert "Nothing was saved. Please correct:" in page
    assert message in page
    assert not Question.objects.exists()
    assert not Question.history.exists()
    assert not AuditEntry.objects.filter(action__startswith="question").exists()


def test_it_refuses_an_idnumber_already_used_in_the_module(client_of, trainer, module, entry):
    Question.objects.create(module=module, key="x", idnumber="THB-1", kind="description", text="x")
    spec = {"fields": {"idnumber": "THB-1"}, "settings": {"answer": "true"}}
    r = post_bad(client_of(trainer), module, "true_false", spec)
    assert r.status_code == 400
    assert "ID number: “THB-1” is already used in this module&#x27;s bank." in r.content.decode()
    assert Question.objects.count() == 1


def test_it_leaves_a_stored_question_as_it_was_when_a_change_is_refused(
    client_of, trainer, module, entry
):
    client = client_of(trainer)
    good = KINDS["numeric"]
    client.post(
        f"/author/modules/{module.slug}/questions/new/",
        editor_post("numeric", settings=good["settings"], rows=good["rows"]),
    )
    question = Question.objects.get()
    stored = (question.data, question.name, question.edited_at)
    bad = {"answer": "10", "tolerance": "-0.5", "fraction": "100"}
    r = client.post(
        f"/author/modules/{module.slug}/questions/{question.pk}/",
        editor_post("numeric", name="Changed", settings=good["settings"], rows={"numbers": [bad]}),
    )
    assert r.status_code == 400
    assert "Tolerance (±): It cannot be below zero." in r.content.decode()
    question.refresh_from_db()
    assert (question.data, question.name, question.edited_at) == stored
    assert question.history.count() == 1


def test_it_sanitises_what_it_does_not_refuse(client_of, trainer, module, entry):
    spec = {
        "fields": {"text": '<p style="color:red">Read <a href="javascript:x()">this</a></p>'},
        "settings": {"answer": "true"},
    }
    r = post_bad(client_of(trainer), module, "true_false", spec)
    assert r.status_code == 302
    assert Question.objects.get().text == '<p>Read <a rel="noopener noreferrer">this</a></p>'
