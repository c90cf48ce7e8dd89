"""Regrade: after a key correction a manager previews whose scores change, then applies it:
scores, pass/fail and versions move, with one audit entry."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.learning.models import Answer, Attempt
from tests.authoring.questions_post import form_values
from tests.factories import make_user, start_quiz

from .helpers import make_module

pytestmark = pytest.mark.django_db


def _take(c, module, answers: dict):
    attempt = start_quiz(c, module)
    for question, value in answers.items():
        r = c.post(
            f"/attempts/{attempt.pk}/answers/{question.pk}/",
            {"response": value},
            headers={"HX-Request": "true"},
        )
        assert r.status_code == 200
    c.post(f"/attempts/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def taken(client, participant):
    """Two learners took the quiz: Ana answered the numeric question 45, Piotr 30 (the key)."""
    module = make_module()
    numeric = module.questions.get(key="numeric")
    single = module.questions.get(key="duration")
    client.force_login(participant)
    ana = _take(client, module, {numeric: "45", single: "0"})
    other = make_user("piotr@example.org", first_name="Piotr", last_name="Nowak")
    client.force_login(other)
    piotr = _take(client, module, {numeric: "30", single: "0"})
    assert (ana.score, ana.passed, piotr.score, piotr.passed) == (0.0, False, 1.0, True)
    # The key was wrong: the answer is 45 days.
    numeric.data = {"answer": 45, "tolerance": 0}
    numeric.save()
    return module, numeric, ana, piotr


def test_a_key_correction_changes_no_submitted_attempt_by_itself(taken):
    _module, _numeric, ana, piotr = taken
    ana.refresh_from_db()
    piotr.refresh_from_db()
    assert (ana.score, piotr.score) == (0.0, 1.0)


def test_the_preview_lists_whose_scores_change_and_changes_nothing(client_of, manager, taken):
    _module, numeric, ana, _piotr = taken
    page = client_of(manager).get(f"/author/questions/{numeric.pk}/regrade/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ana Horvat" in html and "Piotr Nowak" in html
    assert "fail → pass" in html and "pass → fail" in html
    assert "0 / 2 (0.0 %)" in html and "1 / 2 (50.0 %)" in html
    assert "Regrade 2 attempts" in html
    ana.refresh_from_db()
    assert ana.score == 0.0
    assert not AuditEntry.objects.filter(action="question.regrade").exists()


def test_applying_the_regrade_moves_scores_results_and_versions_with_one_audit_entry(
    client_of, manager, participant, taken
):
    _module, numeric, ana, piotr = taken
    version = numeric.history.order_by("-history_id").first().history_id
    c = client_of(manager)
    r = c.post(f"/author/questions/{numeric.pk}/regrade/", {"version": version})
    assert r.status_code == 302
    ana.refresh_from_db()
    piotr.refresh_from_db()
    assert (ana.score, ana.passed) == (1.0, True)
    assert (piotr.score, piotr.passed) == (0.0, False)
    assert ana.question_versions[str(numeric.pk)] == version
    assert Answer.objects.get(attempt=ana, question=numeric).score == 1.0
    entry = AuditEntry.objects.get(action="question.regrade")
    assert entry.actor == manager
    assert entry.details["version"] == version and entry.details["attempts"] == 2
    assert {c["learner"] for c in entry.details["changed"]} == {
        "participant@example.org",
        "piotr@example.org",
    }
    # The learner now sees the corrected question and the new score.
    page = client_of(participant).get(ana.get_absolute_url()).content.decode()
    assert "1 of 2 points" in page
    # Nothing left to regrade; applying again changes nothing.
    c = client_of(manager)
    assert (
        "nothing to regrade" in c.get(f"/author/questions/{numeric.pk}/regrade/").content.decode()
    )
    r = c.post(f"/author/questions/{numeric.pk}/regrade/", {"version": version}, follow=True)
    assert "already holds the current version" in r.content.decode()
    assert AuditEntry.objects.filter(action="question.regrade").count() == 1


def test_it_refuses_a_regrade_when_the_question_changed_after_the_preview(
    client_of, manager, taken
):
    _module, numeric, ana, _piotr = taken
    previewed = numeric.history.order_by("-history_id").first().history_id
    numeric.data = {"answer": 46, "tolerance": 0}
    numeric.save()
    c = client_of(manager)
    r = c.post(f"/author/questions/{numeric.pk}/regrade/", {"version": previewed}, follow=True)
    assert "changed after this preview" in r.content.decode()
    r = c.post(f"/author/questions/{numeric.pk}/regrade/", {"version": "x"}, follow=True)
    assert "version: the previewed version is missing" in r.content.decode()
    ana.refresh_from_db()
    assert ana.score == 0.0
    assert not AuditEntry.objects.filter(action="question.regrade").exists()


def test_only_programme_staff_regrade(client_of, participant, trainer, taken):
    _module, numeric, ana, _piotr = taken
    for user in (participant, trainer):
        c = client_of(user)
        assert c.get(f"/author/questions/{numeric.pk}/regrade/").status_code == 403
        assert c.post(f"/author/questions/{numeric.pk}/regrade/", {"version": 1}).status_code == 403
    assert Attempt.objects.get(pk=ana.pk).score == 0.0


def test_the_preview_uses_the_same_number_of_queries_however_many_attempts(
    client, client_of, manager, taken, django_assert_max_num_queries
):
    module, numeric, _ana, _piotr = taken
    c = client_of(manager)
    url = f"/author/questions/{numeric.pk}/regrade/"
    with django_assert_max_num_queries(40) as captured:
        assert "Regrade 2 attempts" in c.get(url).content.decode()
    baseline = len(captured)  # now: the next request resets the connection's query log
    for n in range(3):
        learner = make_user(f"learner{n}@example.org")
        client.force_login(learner)
        _take(client, module, {numeric: "30"})
    numeric.data = {"answer": 44, "tolerance": 0}
    numeric.save()
    c = client_of(manager)
    with django_assert_max_num_queries(baseline):
        assert "Regrade 5 attempts" in c.get(url).content.decode()


def _correct_the_key(client, numeric, answer):
    """Save the question from its editor page as a browser would, with another key."""
    url = f"/author/modules/{numeric.module.slug}/questions/{numeric.pk}/"
    post = form_values(client.get(url).content.decode())
    post.update(action="save", source="https://eur-lex.europa.eu/eli/dir/2011/36/oj")
    post["numbers-0-answer"] = answer
    return client.post(url, post, follow=True).content.decode()


def test_saving_a_corrected_key_says_which_attempts_keep_the_old_version(
    client, client_of, participant, trainer, manager
):
    module = make_module(owners=[trainer])
    numeric = module.questions.get(key="numeric")
    client.force_login(participant)
    _take(client, module, {numeric: "45"})

    page = _correct_the_key(client_of(trainer), numeric, "45")
    assert "1 submitted attempt keeps the earlier version of this question and its score" in page
    assert f"/author/questions/{numeric.pk}/regrade/" not in page  # only staff regrade
    page = client_of(manager).get(f"/author/modules/{module.slug}/questions/{numeric.pk}/")
    assert f'href="/author/questions/{numeric.pk}/regrade/">Regrade past attempts' in (
        page.content.decode()
    )


def test_one_regraded_attempt_is_named_in_the_singular_with_a_note_in_the_audit_log(
    client, client_of, participant, manager, admin_user
):
    module = make_module()
    numeric = module.questions.get(key="numeric")
    client.force_login(participant)
    _take(client, module, {numeric: "45"})
    numeric.data = {"answer": 45, "tolerance": 0}
    numeric.save()
    version = numeric.history.order_by("-history_id").first().history_id
    r = client_of(manager).post(
        f"/author/questions/{numeric.pk}/regrade/", {"version": version}, follow=True
    )
    number = numeric.history.count()  # what people read: the question's own version count
    assert number < version or number == version  # history ids run across all questions
    assert f"1 attempt regraded with version {number}." in r.content.decode()
    log = client_of(admin_user).get("/audit/").content.decode()
    assert "participant@example.org: 0 → 1" in log
