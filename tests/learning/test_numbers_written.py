"""Numbers are written as people type them, everywhere a numerical key or answer is shown or
written back: no trailing ".0", and no rounding into an exponent (format "g" turned a key of
1 234 567 into "1.23457e+06", which the editor then saved as 1 234 570)."""

import pytest

from crossborder.learning.numeric import split, written
from tests.authoring.helpers import make_module
from tests.authoring.questions_post import form_values
from tests.factories import start_quiz

pytestmark = pytest.mark.django_db

MILLIONS = [("numeric", "numeric", "How many euros were confiscated?", {"answer": 1234567})]


@pytest.mark.parametrize(
    "value, text",
    [(15000.0, "15000"), (1234567, "1234567"), (0.5, "0.5"), (-3.25, "-3.25"), (1e20, "1e+20")],
)
def test_it_writes_a_number_so_that_it_reads_back_the_same(value, text):
    assert written(value) == text
    assert split(text)[0] == float(value)


def test_the_editor_keeps_a_key_of_seven_digits_when_saved_unchanged(client_of, trainer):
    module = make_module(owners=[trainer], questions=MILLIONS)
    question = module.questions.get()
    url = f"/author/modules/{module.slug}/questions/{question.pk}/"
    client = client_of(trainer)
    post = form_values(client.get(url).content.decode())
    assert post["numbers-0-answer"] == "1234567"
    post.update(action="save", source="https://eur-lex.europa.eu/eli/dir/2011/36/oj")
    assert client.post(url, post).status_code == 302
    question.refresh_from_db()
    assert question.data["answers"][0]["answer"] == 1234567


def test_the_result_shows_the_answer_and_the_key_as_typed(client_of, participant):
    module = make_module(questions=MILLIONS)
    question = module.questions.get()
    client = client_of(participant)
    attempt = start_quiz(client, module)
    client.post(f"/attempts/{attempt.pk}/answers/{question.pk}/", {"response": "1234567"})
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert 'value="1234567"' in page  # the quiz form, before submitting
    client.post(f"/attempts/{attempt.pk}/submit/")
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Your answer: 1234567 · Right answer: 1234567" in page
