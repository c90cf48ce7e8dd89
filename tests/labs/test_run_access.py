"""The RUN part's access decisions: who sees their own truth, and which labs /labs/ lists."""

import pytest
from django.utils import timezone

from crossborder import access
from crossborder.labs.models import Lab, Submission
from tests.factories import make_user
from tests.labs.world import make_lab_world
from tests.test_dashboard import make_module

pytestmark = pytest.mark.django_db


def test_a_group_sees_its_truth_only_after_the_reveal(participant, manager):
    lab, groups = make_lab_world(participant=participant)
    submission = Submission.objects.create(lab=lab, group=groups[0], submitted_at=timezone.now())
    assert not access.can_see_own_lab_truth(participant, lab, groups[0], submission)
    lab.revealed_at = timezone.now()
    assert access.can_see_own_lab_truth(participant, lab, groups[0], submission)
    assert access.can_see_own_lab_truth(manager, lab, None, None)


def test_a_self_study_learner_sees_their_truth_once_submitted(participant):
    module = make_module(lessons=0, level="public")
    lab = Lab.objects.create(title="Alone", module=module, seed=1, status="open")
    other = make_user("o@example.org")
    mine = Submission.objects.create(lab=lab, user=participant)
    assert not access.can_see_own_lab_truth(participant, lab, None, mine)
    mine.submitted_at = timezone.now()
    assert access.can_see_own_lab_truth(participant, lab, None, mine)
    assert not access.can_see_own_lab_truth(other, lab, None, mine)  # not theirs
    assert not access.can_see_own_lab_truth(other, lab, None, None)


def test_visible_labs_by_role(participant, trainer, manager, funder):
    lab, _groups = make_lab_world(participant=participant, trainer=trainer)
    elsewhere, _ = make_lab_world(slug="lab-porto")
    prepared = Lab.objects.create(title="Later", workshop=lab.workshop, seed=2)
    module = make_module("alone", lessons=0, level="restricted")
    restricted = Lab.objects.create(title="Vetted only", module=module, seed=3, status="open")
    assert access.visible_labs(participant) == [lab]  # not prepared, not restricted
    assert set(access.visible_labs(trainer)) == {lab, prepared}
    assert set(access.visible_labs(manager)) == {lab, elsewhere, prepared, restricted}
    assert access.visible_labs(funder) == []
