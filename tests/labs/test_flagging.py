"""Flags through the service both the flag form and the API use: what it refuses, and that a
refusal stores nothing."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.labs.flagging import (
    FlagError,
    FlagRequest,
    add_flags,
    flagged_keys,
    remove_flag,
    submission_of,
)
from crossborder.labs.models import Flag
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(participant):
    lab, groups = make_lab_world(participant=participant)
    return lab, groups[0], participant


def test_it_stores_flags_for_the_group_and_audits_them(world):
    lab, group, person = world
    add_flags(
        lab=lab,
        group=group,
        by=person,
        requests=[
            FlagRequest("PER-001", "third_party", 3, "Directs the agency and uses the ads' phone"),
            FlagRequest("trx-0005", "structuring"),
        ],
    )
    flags = flagged_keys(submission_of(lab, user=person, group=group))
    assert set(flags) == {"PER-001", "TRX-0005"}
    assert flags["PER-001"].confidence == 3
    assert flags["TRX-0005"].transaction.amount == 9800
    assert AuditEntry.objects.filter(action="lab.flag").count() == 1


@pytest.mark.parametrize(
    ("requests", "message"),
    [
        ([FlagRequest("PER-999", "funnel")], "“PER-999” is not in this lab's dataset."),
        (
            [FlagRequest("PER-001", "funnel"), FlagRequest("per-001", "funnel")],
            "“PER-001” is flagged twice in this request.",
        ),
        ([FlagRequest("PER-001", "gut_feeling")], "“gut_feeling” is not a red-flag category"),
        ([FlagRequest("PER-001", "funnel", 7)], "must be 1 (low), 2 (medium) or 3 (high)"),
        ([FlagRequest("PER-001", "funnel", 2, "x" * 501)], "longer than 500 characters"),
        ([], "No flag was given."),
    ],
)
def test_it_refuses_bad_flags_and_stores_none(world, requests, message):
    lab, group, person = world
    good = [FlagRequest("ACC-002", "funnel")]
    with pytest.raises(FlagError, match=message.replace("(", r"\(").replace(")", r"\)")):
        add_flags(lab=lab, group=group, by=person, requests=good + requests if requests else [])
    assert not Flag.objects.exists()


def test_a_second_flag_on_the_same_item_is_refused(world):
    lab, group, person = world
    add_flags(lab=lab, group=group, by=person, requests=[FlagRequest("AD-001", "shared_details")])
    with pytest.raises(FlagError, match="Already flagged by your group: AD-001"):
        add_flags(lab=lab, group=group, by=person, requests=[FlagRequest("AD-001", "ad_payments")])
    assert Flag.objects.get().category == "shared_details"


def test_nothing_changes_once_the_lab_is_closed_or_the_flags_submitted(world):
    lab, group, person = world
    add_flags(lab=lab, group=group, by=person, requests=[FlagRequest("AD-001", "shared_details")])
    flag = Flag.objects.get()
    lab.status = "closed"
    lab.save(update_fields=["status"])
    with pytest.raises(FlagError, match="The lab is closed"):
        add_flags(lab=lab, group=group, by=person, requests=[FlagRequest("AD-002", "funnel")])
    with pytest.raises(FlagError, match="The lab is closed"):
        remove_flag(lab=lab, flag_id=flag.pk, by=person, group=group)
    lab.status = "open"
    lab.save(update_fields=["status"])
    submission = submission_of(lab, user=person, group=group)
    submission.submitted_at = submission.created_at
    submission.save(update_fields=["submitted_at"])
    with pytest.raises(FlagError, match="submitted on"):
        add_flags(lab=lab, group=group, by=person, requests=[FlagRequest("AD-002", "funnel")])
    assert Flag.objects.count() == 1


def test_a_person_removes_only_their_groups_flags(world, trainer):
    lab, group, person = world
    add_flags(lab=lab, group=group, by=person, requests=[FlagRequest("AD-001", "shared_details")])
    flag = Flag.objects.get()
    other_group = lab.workshop.groups.exclude(pk=group.pk).first()
    with pytest.raises(FlagError, match="not one of your group's"):
        remove_flag(lab=lab, flag_id=flag.pk, by=trainer, group=other_group)
    remove_flag(lab=lab, flag_id=flag.pk, by=person, group=group)
    assert not Flag.objects.exists()
