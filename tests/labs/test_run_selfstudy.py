"""Self-study: a module's lab, worked on by each learner alone, scored individually, counted
in module progress; the learner sees what they missed as soon as they have submitted."""

import pytest

from crossborder.labs.flagging import FlagRequest, add_flags
from crossborder.labs.models import Lab, Submission
from crossborder.labs.running.services import submit_flags
from crossborder.learning.services import progress, progress_of
from tests.factories import make_user
from tests.labs.world import make_lab_dataset
from tests.test_dashboard import attempt, make_module, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def module():
    return make_module(lessons=2)


@pytest.fixture
def lab(module):
    lab = Lab.objects.create(
        title="Self-study: follow the money", module=module, seed=3, status="open"
    )
    make_lab_dataset(lab)
    return lab


@pytest.fixture
def other():
    return make_user(
        "other@example.org",
        first_name="Ola",
        last_name="Berg",
        profile={"profession": "prosecutor", "country": "SE"},
    )


def test_each_learner_flags_and_submits_alone(lab, participant, other):
    add_flags(lab=lab, by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    add_flags(lab=lab, by=other, requests=[FlagRequest("ACC-002", "funnel")])  # not a duplicate
    mine = submit_flags(lab=lab, by=participant)
    assert mine.user == participant and mine.group is None
    assert mine.scores["network"]["found"] == 1
    assert Submission.objects.get(user=other).submitted_at is None


def test_the_module_is_complete_only_with_the_lab_submitted(lab, module, participant):
    read(participant, module, 2)
    attempt(participant, module, passed=True)
    p = progress(participant, module)
    # 2 lessons read + the quiz passed, of 2 lessons + quiz + 1 lab: 3 / 4 = 75 %.
    assert (p["labs"], p["labs_submitted"], p["complete"], p["percent"]) == (1, 0, False, 75)
    add_flags(lab=lab, by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    submit_flags(lab=lab, by=participant)
    p = progress(participant, module)
    assert (p["labs_submitted"], p["complete"], p["percent"]) == (1, True, 100)


def test_a_lab_not_yet_opened_does_not_count(lab, module, participant):
    Lab.objects.filter(pk=lab.pk).update(status="prepared")
    read(participant, module, 2)
    attempt(participant, module, passed=True)
    p = progress(participant, module)
    assert (p["labs"], p["complete"], p["percent"]) == (0, True, 100)


def test_progress_takes_one_query_more_whatever_the_number_of_labs(
    lab, module, participant, django_assert_num_queries
):
    second = make_module("second", lessons=1)
    Lab.objects.create(title="Another", module=second, seed=4, status="closed")
    with django_assert_num_queries(4):
        out = progress_of(participant, [module, second])
    assert (out[module.pk]["labs"], out[second.pk]["labs"]) == (1, 1)


def test_the_learner_sees_what_they_missed_after_submitting(client_of, lab, participant, other):
    client = client_of(participant)
    add_flags(lab=lab, by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    assert "What you missed" not in client.get(f"/labs/{lab.pk}/").content.decode()
    submit_flags(lab=lab, by=participant)
    page = client.get(f"/labs/{lab.pk}/").content.decode()
    assert "Your score" in page and "What you missed" in page
    assert "Sparkle Facility Services" in page
    # another learner who has not submitted sees neither the truth nor the first one's flags
    add_flags(lab=lab, by=other, requests=[FlagRequest("PER-004", "funnel")])
    page = client_of(other).get(f"/labs/{lab.pk}/").content.decode()
    assert "What you missed" not in page and "ACC-002" not in page.split("run-heading")[-1]


def test_the_module_page_links_to_its_lab(client_of, lab, module, participant):
    page = client_of(participant).get(module.get_absolute_url()).content.decode()
    assert f"/labs/{lab.pk}/" in page and "0 of 1 labs submitted" in page
    assert [lab] == list(client_of(participant).get("/labs/").context["labs"])


def test_a_module_owner_runs_its_lab(client_of, lab, module, trainer):
    module.owners.add(trainer)
    client = client_of(trainer)
    assert [lab] == list(client.get("/labs/").context["labs"])
    page = client.get(f"/labs/{lab.pk}/trainer/").content.decode()
    assert "Learners" in page
    learner = make_user("l@example.org", first_name="Lea", last_name="Moser")
    add_flags(lab=lab, by=learner, requests=[FlagRequest("ACC-002", "funnel")])
    submit_flags(lab=lab, by=learner)
    page = client.get(f"/labs/{lab.pk}/trainer/").content.decode()
    assert "Lea Moser" in page and "submitted" in page


def test_the_dashboard_counts_the_lab_in_the_modules_progress(client_of, lab, module, participant):
    read(participant, module, 2)
    attempt(participant, module, passed=True)
    client = client_of(participant)
    [row] = client.get("/dashboard/").context["my_modules"]
    assert row["percent"] == 75  # 2 lessons + quiz of 2 lessons + quiz + 1 lab
    add_flags(lab=lab, by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    submit_flags(lab=lab, by=participant)
    [row] = client.get("/dashboard/").context["my_modules"]
    assert row["percent"] == 100
