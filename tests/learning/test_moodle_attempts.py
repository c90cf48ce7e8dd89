"""What a learner meets of an imported bank: hidden questions never drawn, descriptions shown
but not scored, images at working URLs, select-missing-words gaps as labelled selects, graded as
Moodle grades, and the result page."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.learning.models import Attempt, Module

pytestmark = pytest.mark.django_db
FIXTURE = (Path(__file__).parent / "fixtures" / "moodle4_thb_bank.xml").read_bytes()


@pytest.fixture
def bank(client_of, manager):
    module = Module.objects.create(slug="thb-legal", title="THB legal framework", level="public")
    c = client_of(manager)
    r = c.post(f"/learn/{module.slug}/import/", {"file": SimpleUploadedFile("b.xml", FIXTURE)})
    c.post(f"/learn/{module.slug}/import/", {"confirm": "1", "token": r.context["token"]})
    from crossborder.learning.models import Quiz

    quiz = Quiz.objects.create(module=module, draw_count=50, pass_mark=50)
    quiz.questions.add(module.questions.get(kind="description"))
    return module


def _attempt(client, module) -> Attempt:
    client.post(f"/learn/{module.slug}/quiz/")
    return Attempt.objects.get(quiz__module=module)


def test_hidden_questions_are_never_drawn_and_descriptions_only_when_fixed(
    client_of, participant, bank
):
    attempt = _attempt(client_of(participant), bank)
    kinds = {bank.questions.get(pk=pk).idnumber for pk in attempt.question_ids}
    assert "THB-B-002" not in kinds  # hidden in Moodle
    assert kinds == {
        "THB-A-001",
        "THB-A-002",
        "THB-A-003",
        "THB-A-004",
        "THB-A-005",
        "THB-A-006",
        "THB-A-007",
        "THB-A-008",
        "THB-B-001",
        "THB-B-003",
    }


def test_an_attempt_shows_images_gaps_and_descriptions_and_grades_like_moodle(
    client_of, participant, bank
):
    c = client_of(participant)
    attempt = _attempt(c, bank)
    page = c.get(f"/attempts/{attempt.pk}/").content.decode()
    first = bank.questions.get(idnumber="THB-A-001")
    assert first.text in page  # the sanitised HTML with the stored image's URL
    assert re.search(
        r'<img src="/media/questions/[0-9a-f]{20}/Europol_chart\.png" alt="Europol chart', page
    )
    assert "Read the following case before answering the next questions." in page
    gaps = bank.questions.get(idnumber="THB-A-008")
    for n in range(3):
        assert f'<label for="q{gaps.pk}-g{n}" class="visually-hidden">Gap {n + 1}</label>' in page
        assert f'<select name="g{n}" id="q{gaps.pk}-g{n}"' in page
    assert "[[1]]" not in page
    ids = {q.idnumber: q.pk for q in bank.questions.all()}

    def save(idnumber, data):
        r = c.post(f"/attempts/{attempt.pk}/answers/{ids[idnumber]}/", data)
        assert r.status_code == 302

    save("THB-A-001", {"response": "0"})  # 1
    save("THB-A-002", {"response": ["0", "1", "2", "3"]})  # 0: the −100 % one was ticked
    save("THB-A-003", {"response": "true"})  # 1
    save("THB-A-004", {"response": "siena"})  # 0: case-sensitive
    save("THB-A-005", {"response": "90km"})  # 1
    save("THB-A-006", {"response": "In my jurisdiction the prosecutor may decline…"})  # trainer
    save("THB-A-008", {"g0": "0", "g1": "2", "g2": "1"})  # 1 of 3 gaps
    save("THB-B-001", {"g0": "0", "g1": "1", "g2": "2"})  # 3 of 3
    save("THB-B-003", {"response": "2.5"})  # 0.5
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    scores = {a.question.idnumber: a.score for a in attempt.answers.select_related("question")}
    assert scores == {
        "THB-A-001": 1.0,
        "THB-A-002": 0.0,
        "THB-A-003": 1.0,
        "THB-A-004": 0.0,
        "THB-A-005": 1.0,
        "THB-A-006": None,
        "THB-A-008": pytest.approx(1 / 3, abs=1e-6),
        "THB-B-001": 1.0,
        "THB-B-003": 0.5,
    }
    assert attempt.max_score == 9.0  # ten questions, the description not counted
    assert attempt.score == pytest.approx(1 + 0 + 1 + 0 + 1 + 1 / 3 + 1 + 0.5, abs=1e-3)
    result = c.get(f"/attempts/{attempt.pk}/").content.decode()
    assert '<mark class="gap right">act ✓</mark>' in result
    assert '<mark class="gap wrong"><s>purpose</s> → means</mark>' in result
    assert "awaiting a trainer" in result
    assert "<p>Your answer is partially correct.</p>" in result  # the gaps, 1 of 3
    assert "<p>Your answer is correct.</p>" in result
    assert "Right answer: 90 km" in result


def test_a_wrong_group_or_unknown_unit_is_not_saved_and_says_why(client_of, participant, bank):
    c = client_of(participant)
    attempt = _attempt(c, bank)
    q = bank.questions.get(idnumber="THB-A-005")
    r = c.post(
        f"/attempts/{attempt.pk}/answers/{q.pk}/", {"response": "90 miles"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 400 and "unknown unit" in r.content.decode()
    assert not attempt.answers.exists()
