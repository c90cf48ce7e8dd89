"""Opening, closing, revealing and submitting: what each refuses (nothing changes), the audit
trail, and the demo's rehearsed submissions."""

import random

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.labs.flagging import FlagRequest, add_flags
from crossborder.labs.models import Lab, Submission
from crossborder.labs.running.services import (
    LabError,
    close_lab,
    open_lab,
    rehearse_submissions,
    reveal_lab,
    submit_flags,
)
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(participant, manager):
    lab, groups = make_lab_world(participant=participant, status="prepared")
    return lab, groups, participant, manager


def test_open_close_reveal_in_order_with_audit(world):
    lab, _groups, _person, manager = world
    open_lab(lab=lab, by=manager)
    assert lab.status == "open" and lab.opened_at
    with pytest.raises(LabError, match="Close the lab before revealing"):
        reveal_lab(lab=lab, by=manager)
    with pytest.raises(LabError, match="already open"):
        open_lab(lab=lab, by=manager)
    close_lab(lab=lab, by=manager)
    assert Lab.objects.get(pk=lab.pk).status == "closed"
    with pytest.raises(LabError, match="Only an open lab can be closed"):
        close_lab(lab=lab, by=manager)
    reveal_lab(lab=lab, by=manager)
    assert Lab.objects.get(pk=lab.pk).revealed_at is not None
    with pytest.raises(LabError, match="already been revealed"):
        reveal_lab(lab=lab, by=manager)
    with pytest.raises(LabError, match="cannot be opened again"):
        open_lab(lab=lab, by=manager)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["lab.open", "lab.close", "lab.reveal"]


def test_a_lab_whose_data_is_not_generated_cannot_be_opened(world):
    lab, _groups, _person, manager = world
    Lab.objects.filter(pk=lab.pk).update(generated_at=None, generation="running")
    lab.refresh_from_db()
    with pytest.raises(LabError, match="not ready"):
        open_lab(lab=lab, by=manager)
    assert Lab.objects.get(pk=lab.pk).status == "prepared"


def test_submit_scores_once_and_refuses_a_second_time(world):
    lab, groups, person, manager = world
    open_lab(lab=lab, by=manager)
    add_flags(lab=lab, group=groups[0], by=person, requests=[FlagRequest("ACC-002", "funnel")])
    submission = submit_flags(lab=lab, by=person, group=groups[0])
    assert submission.submitted_at and submission.submitted_by == person
    stored = Submission.objects.get(pk=submission.pk)
    assert stored.scores["overall"] == {
        "flags": 1, "correct": 1, "items": 17, "precision": 1.0, "recall": 0.0588,
        "weighted_precision": 1.0,
    }  # fmt: skip
    with pytest.raises(LabError, match="already been submitted"):
        submit_flags(lab=lab, by=person, group=groups[0])
    assert AuditEntry.objects.filter(action="lab.submit").count() == 1


def test_an_empty_submission_is_refused(world):
    lab, groups, person, manager = world
    open_lab(lab=lab, by=manager)
    with pytest.raises(LabError, match="Flag at least one"):
        submit_flags(lab=lab, by=person, group=groups[0])
    assert not Submission.objects.filter(submitted_at__isnull=False).exists()


def test_a_submission_after_the_lab_closes_is_refused(world):
    lab, groups, person, manager = world
    open_lab(lab=lab, by=manager)
    add_flags(lab=lab, group=groups[0], by=person, requests=[FlagRequest("ACC-002", "funnel")])
    close_lab(lab=lab, by=manager)
    with pytest.raises(LabError, match="The lab is closed"):
        submit_flags(lab=lab, by=person, group=groups[0])
    assert Submission.objects.get().submitted_at is None


def test_rehearsed_submissions_follow_the_shares_and_are_deterministic(world):
    lab, groups, _person, manager = world
    open_lab(lab=lab, by=manager)
    done = rehearse_submissions(
        lab=lab, shares={groups[0]: 1.0, groups[1]: 0.5, groups[2]: 0.2}, rng=random.Random(4)
    )
    recalls = [s.scores["overall"]["recall"] for s in done]
    # 17 suspicious items: all of them, round(8.5) = 8 and round(3.4) = 3.
    assert recalls == [1.0, round(8 / 17, 4), round(3 / 17, 4)]
    assert all(s.submitted for s in done)
    assert all(s.scores["overall"]["precision"] < 1 for s in done)  # wrong flags as well
    first = {s.group_id: s.scores for s in done}

    lab2, groups2 = make_lab_world(slug="lab-lisbon-2")
    again = rehearse_submissions(
        lab=lab2, shares={groups2[0]: 1.0, groups2[1]: 0.5, groups2[2]: 0.2}, rng=random.Random(4)
    )
    assert [s.scores for s in again] == list(first.values())


def test_rehearsed_groups_flag_at_most_the_given_number_of_transactions(world):
    lab, groups, _person, manager = world
    open_lab(lab=lab, by=manager)
    suspicious_payments = lab.transactions.exclude(truth_flags=[], truth_network=False).count()
    assert suspicious_payments > 2
    (done,) = rehearse_submissions(
        lab=lab, shares={groups[0]: 1.0}, rng=random.Random(4), max_transactions=2
    )
    right = done.flags.filter(transaction__isnull=False).exclude(
        transaction__truth_flags=[], transaction__truth_network=False
    )
    assert right.count() == 2
    # every member of the network is still flagged
    network = lab.entities.filter(truth_role="network")
    assert set(done.flags.filter(entity__in=network).values_list("entity", flat=True)) == set(
        network.values_list("pk", flat=True)
    )
