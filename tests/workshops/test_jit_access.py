"""Who may read, edit, review and comment on a group's JIT draft (crossborder/access)."""

import pytest

from crossborder import access
from crossborder.workshops.models import ExerciseRun
from tests.factories import make_user
from tests.workshops.test_jit_pages import make_jit_run

pytestmark = pytest.mark.django_db


def test_the_draft_decisions_as_a_matrix(participant, trainer, manager, admin_user, funder):
    run, (first, second, _third) = make_jit_run(participant=participant, trainer=trainer)
    other_trainer = make_user("other-trainer@example.org", role="trainer")
    # (user, read own group 1, read group 2, edit group 1, review/comment)
    expected = {
        participant: (True, False, True, False),
        trainer: (True, True, False, True),
        manager: (True, True, False, True),
        admin_user: (True, True, False, True),
        funder: (False, False, False, False),
        other_trainer: (False, False, False, False),
    }
    for user, (read1, read2, edit1, review) in expected.items():
        got = (
            access.can_read_draft(user, run, first),
            access.can_read_draft(user, run, second),
            access.can_edit_draft(user, run, first),
            access.can_review_drafts(user, run.workshop) and access.can_comment_on_draft(user, run),
        )
        assert got == (read1, read2, edit1, review), user.email


def test_members_edit_only_while_the_run_is_open(participant, trainer):
    run, (first, *_rest) = make_jit_run(participant=participant, trainer=trainer)
    for status, editable in (("prepared", False), ("open", True), ("closed", False)):
        ExerciseRun.objects.filter(pk=run.pk).update(status=status)
        run.refresh_from_db()
        assert access.can_edit_draft(participant, run, first) is editable
        assert access.can_read_draft(participant, run, first)


def test_a_speaker_of_the_slots_sessions_reviews_without_training_a_group(participant):
    run, _groups = make_jit_run(participant=participant)  # groups without a trainer
    speaker_user = make_user("speaker@example.org", role="trainer")
    session = run.workshop.sessions.first()
    from tests.factories import make_speaker

    session.speakers.add(make_speaker("slot-speaker", "Slot Speaker", user=speaker_user))
    assert access.is_slot_trainer(speaker_user, run.workshop)
    assert access.can_review_drafts(speaker_user, run.workshop)


def test_signed_out_visitors_may_do_nothing(participant):
    from django.contrib.auth.models import AnonymousUser

    run, (first, *_rest) = make_jit_run(participant=participant)
    anonymous = AnonymousUser()
    assert not access.can_read_draft(anonymous, run, first)
    assert not access.can_edit_draft(anonymous, run, first)
    assert not access.can_review_drafts(anonymous, run.workshop)
