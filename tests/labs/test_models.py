"""The lab's tables refuse what makes no sense, whatever the forms above them check."""

import pytest
from django.db import IntegrityError, transaction

from crossborder.labs.models import Flag, Lab, Submission
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab_and_groups(participant):
    return make_lab_world(participant=participant)


def test_it_stores_the_hand_made_dataset(lab_and_groups):
    lab, groups = lab_and_groups
    assert lab.entities.count() == 17
    assert lab.transactions.count() == 10
    assert lab.lead.key == "ACC-002"
    assert lab.entities.filter(truth_role="network").count() == 10
    assert len(groups) == 3


def test_a_group_flags_an_item_once(lab_and_groups):
    lab, groups = lab_and_groups
    submission = Submission.objects.create(lab=lab, group=groups[0])
    petrov = lab.entities.get(key="PER-001")
    Flag.objects.create(submission=submission, entity=petrov, category="third_party")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(submission=submission, entity=petrov, category="funnel")


def test_a_flag_is_on_one_entity_or_one_transaction(lab_and_groups):
    lab, groups = lab_and_groups
    submission = Submission.objects.create(lab=lab, group=groups[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(submission=submission, category="funnel")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(
            submission=submission,
            entity=lab.entities.first(),
            transaction=lab.transactions.first(),
            category="funnel",
        )


def test_a_submission_belongs_to_a_group_or_a_learner(lab_and_groups, participant):
    lab, groups = lab_and_groups
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(lab=lab, group=groups[0], user=participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(lab=lab)
    Submission.objects.create(lab=lab, group=groups[1])
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(lab=lab, group=groups[1])


def test_a_lab_is_held_in_a_workshop_or_a_module():
    with pytest.raises(IntegrityError), transaction.atomic():
        Lab.objects.create(title="Nowhere", seed=1)


def test_the_overview_shows_the_dataset_to_a_participant_and_hides_a_prepared_lab(
    client, participant
):
    lab, _groups = make_lab_world(participant=participant)
    lab.brief = "An STR from Banco Atlântico about account **ACC-002**."
    lab.save(update_fields=["brief"])
    client.force_login(participant)
    page = client.get(f"/labs/{lab.pk}/").content.decode()
    assert "<strong>ACC-002</strong>" in page
    assert "Group 1" in page
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]  # not the site menu
    assert "network" not in main.lower().replace("network_", "")  # the answer stays hidden
    lab.status = "prepared"
    lab.save(update_fields=["status"])
    assert client.get(f"/labs/{lab.pk}/").status_code == 403
