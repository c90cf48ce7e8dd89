"""The editor's preview: the question as the learner sees it (the quiz's own partial), and
"Try it" graded by the real grading code, with htmx and without JavaScript; nothing saved."""

import pytest

from crossborder.learning.models import Question
from tests.authoring.kinds import KINDS
from tests.authoring.questions_post import editor_post, form_values

pytestmark = pytest.mark.django_db


def preview_url(module):
    return f"/author/modules/{module.slug}/questions/preview/"


def try_post(kind, answer, action="try", **fields):
    spec = KINDS[kind]
    post = editor_post(
        kind,
        action=action,
        settings=spec.get("settings"),
        rows=spec.get("rows"),
        **{**spec.get("fields", {}), **fields},
    )
    post.update(answer)
    return post


@pytest.mark.parametrize("kind", sorted(k for k in KINDS if "right" in KINDS[k]))
def test_it_grades_a_right_and_a_wrong_try_like_the_quiz(client_of, trainer, module, entry, kind):
    client = client_of(trainer)
    right = client.post(
        preview_url(module), try_post(kind, KINDS[kind]["right"]), HTTP_HX_REQUEST="true"
    )
    assert right.status_code == 200
    assert "Points: 1 / 1" in right.content.decode()
    assert "(right)" in right.content.decode()
    wrong = client.post(
        preview_url(module), try_post(kind, KINDS[kind]["wrong"]), HTTP_HX_REQUEST="true"
    )
    page = wrong.content.decode()
    assert "Points: 1 / 1" not in page
    assert "(wrong)" in page or "(partly right)" in page
    if "wrong_feedback" in KINDS[kind]:
        assert KINDS[kind]["wrong_feedback"] in page
    assert not Question.objects.exists()


def test_it_shows_the_partial_credit_of_a_wildcard_answer(client_of, trainer, module, entry):
    r = client_of(trainer).post(preview_url(module), try_post("short", {"response": "Europol"}))
    page = r.content.decode()
    assert "Points: 0.5 / 1" in page and "(partly right)" in page and "Close." in page


def test_it_renders_the_preview_with_the_quizs_own_question_partial(
    client_of, trainer, module, entry
):
    post = try_post("numeric", {}, action="preview")
    r = client_of(trainer).post(preview_url(module), post)
    page = r.content.decode()
    assert 'inputmode="decimal" name="response"' in page  # the quiz's numeric input
    assert "Try it" in page and "Points" not in page


def test_it_keeps_the_answer_given_in_the_preview(client_of, trainer, module, entry):
    r = client_of(trainer).post(
        preview_url(module), try_post("ordering", KINDS["ordering"]["wrong"])
    )
    page = r.content.decode()
    assert '<option value="2" selected>Protect</option>' in page


def test_it_explains_a_try_that_is_no_answer(client_of, trainer, module, entry):
    r = client_of(trainer).post(preview_url(module), try_post("numeric", {"response": "ten"}))
    assert "Not an answer: a number is expected" in r.content.decode()


def test_it_counts_the_words_of_an_essay_without_grading_it(client_of, trainer, module, entry):
    r = client_of(trainer).post(
        preview_url(module), try_post("essay", {"response": "Act, means and purpose."})
    )
    page = r.content.decode()
    assert "Not graded automatically" in page and "4 words" in page


def test_it_lists_what_keeps_the_preview_from_showing(client_of, trainer, module, entry):
    post = try_post("single", {}, action="preview")
    post["choices-0-fraction"] = "10"
    r = client_of(trainer).post(preview_url(module), post)
    assert r.status_code == 200
    page = r.content.decode()
    assert "The preview appears once these are corrected" in page
    assert "Choices: no choice is right." in page


def test_it_tries_without_javascript_on_the_editor_page(client_of, trainer, module, entry):
    """The plain form: "Try it" posts the whole editor to its page, which shows the graded
    try; the question is not saved."""
    url = f"/author/modules/{module.slug}/questions/new/"
    r = client_of(trainer).post(url, try_post("multiple", {"response": ["0"]}))
    assert r.status_code == 200
    page = r.content.decode()
    assert "Points: 0.5 / 1" in page
    assert 'value="0" id="q0-0" checked' in page
    assert not Question.objects.exists()


def test_it_previews_a_stored_question_and_tries_its_edited_key(client_of, trainer, module, entry):
    client = client_of(trainer)
    spec = KINDS["numeric"]
    client.post(
        f"/author/modules/{module.slug}/questions/new/",
        editor_post("numeric", settings=spec["settings"], rows=spec["rows"]),
    )
    question = Question.objects.get()
    page = client.get(f"/author/modules/{module.slug}/questions/{question.pk}/").content.decode()
    assert f'id="q{question.pk}-n"' in page  # the stored question, previewed on opening
    post = form_values(page)
    post.update({"numbers-0-answer": "12", "action": "try", "response": "12"})
    r = client.post(preview_url(module), post)
    assert "Points: 1 / 1" in r.content.decode()
    question.refresh_from_db()
    assert question.data["answers"][0]["answer"] == 10.0  # a try never saves
    assert question.history.count() == 1


def test_it_adds_empty_rows_after_a_preview_without_javascript(client_of, trainer, module, entry):
    url = f"/author/modules/{module.slug}/questions/new/"
    r = client_of(trainer).post(url, try_post("ordering", {}, action="preview"))
    page = r.content.decode()
    assert 'name="items-TOTAL_FORMS" value="5"' in page  # three items and two empty rows


def test_it_links_the_source_to_its_library_entry(client_of, trainer, module, entry):
    r = client_of(trainer).post(preview_url(module), try_post("true_false", {}, action="preview"))
    assert '<cite><a href="/library/directive-2011-36/">Directive 2011/36/EU</a></cite>' in (
        r.content.decode()
    )
