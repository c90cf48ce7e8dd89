"""The referral profiles' part of a person's data: export who edited what; erasure removes the
person and keeps the organisation's profile."""

import json

import pytest

from crossborder.referrals import personal_data
from crossborder.referrals.models import ReferralEdit, ReferralProfile
from tests.factories import REFERRAL_DEFAULTS, make_ngo_user, make_referral_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(manager):
    editor = make_ngo_user()
    colleague = make_ngo_user("joao@ngo.example")
    profile = make_referral_profile(editor, approved_by=manager)
    from crossborder.referrals.services import add_referral_editor, update_referral_profile

    add_referral_editor(profile=profile, user=colleague, by=editor)
    update_referral_profile(
        profile=profile, data={**REFERRAL_DEFAULTS, "hours": "Every day 8–22"}, by=editor
    )
    return editor, colleague, profile


def test_the_export_says_what_the_person_edited(world):
    editor, _colleague, profile = world
    data = personal_data.export(editor)
    json.dumps(data)  # machine-readable
    assert data["editor_of"] == [
        {
            "organisation": "Associação Ondas do Tejo",
            "country": "PT",
            "profile": profile.uid,
            "editor_since": data["editor_of"][0]["editor_since"],
        }
    ]
    assert [e["fields"] for e in data["edits"]] == [["created"], ["hours"]]
    assert data["decisions_last_taken"] == []
    assert str(personal_data.LABEL) == "Referral profiles"


def test_the_export_of_a_manager_lists_their_decisions(world, manager):
    data = personal_data.export(manager)
    assert data["editor_of"] == [] and data["edits"] == []
    assert data["decisions_last_taken"][0]["status"] == "approved"


def test_erasure_removes_the_person_and_keeps_the_profile(world, manager):
    editor, colleague, profile = world
    personal_data.erase(editor)
    profile.refresh_from_db()
    assert profile.status == "approved" and profile.hours == "Every day 8–22"
    assert list(profile.editors.all()) == [colleague]
    assert ReferralEdit.objects.filter(profile=profile).count() == 2
    assert not ReferralEdit.objects.filter(editor=editor).exists()
    assert personal_data.export(editor) == {
        "editor_of": [],
        "edits": [],
        "decisions_last_taken": [],
    }
    personal_data.erase(manager)
    assert ReferralProfile.objects.get().decided_by is None
    # The account itself can then go: nothing of the referrals app stops it.
    editor.delete()
    assert ReferralProfile.objects.approved().count() == 1
