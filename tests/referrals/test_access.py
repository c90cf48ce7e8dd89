"""Who finds, publishes, edits and approves referral profiles: the decisions as a matrix, and
the pages answering them."""

import pytest

from crossborder import access
from crossborder.accounts.models import Role
from tests.factories import make_ngo_user, make_referral_profile, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(participant, trainer, manager, funder, admin_user):
    return {
        "visitor": None,
        "police": participant,
        "trainer": trainer,
        "manager": manager,
        "funder": funder,
        "admin": admin_user,
        "editor": make_ngo_user("editor@ngo.example"),
        "other_ngo": make_ngo_user("other@ngo.example"),
    }


def _user(people, who):
    from django.contrib.auth.models import AnonymousUser

    return people[who] or AnonymousUser()


# (who, may search, may create a profile, may edit the editor's profile, may approve,
#  sees the pending profile, sees the approved profile)
MATRIX = [
    ("visitor", False, False, False, False, False, False),
    ("police", True, False, False, False, False, True),
    ("trainer", True, False, False, False, False, True),
    ("funder", True, False, False, False, False, True),
    ("manager", True, False, False, True, True, True),
    ("admin", True, False, False, True, True, True),
    ("editor", True, True, True, False, True, True),
    ("other_ngo", True, True, False, False, False, True),
]


@pytest.mark.parametrize("who,search,create,edit,approve,pending,approved", MATRIX)
def test_the_decisions_follow_the_matrix(
    people, who, search, create, edit, approve, pending, approved
):
    user = _user(people, who)
    waiting = make_referral_profile(people["editor"])
    published = make_referral_profile(
        people["editor"], name="Fundacja Kompas Wisły", approved_by=people["manager"]
    )
    assert access.can_search_referrals(user) is search
    assert access.can_create_referral_profile(user) is create
    assert access.can_edit_referral_profile(user, published) is edit
    assert access.can_approve_referral_profiles(user) is approve
    assert access.can_view_referral_profile(user, waiting) is pending
    assert access.can_view_referral_profile(user, published) is approved


@pytest.mark.parametrize("who,search,create,edit,approve,pending,approved", MATRIX)
def test_the_pages_answer_as_the_decisions(
    client, people, who, search, create, edit, approve, pending, approved
):
    waiting = make_referral_profile(people["editor"])
    published = make_referral_profile(
        people["editor"], name="Fundacja Kompas Wisły", approved_by=people["manager"]
    )
    if people[who]:
        client.force_login(people[who])

    def status(url):
        return client.get(url).status_code

    signed_out = 302  # to the sign-in page
    assert status("/referrals/") == (200 if search else signed_out)
    assert status("/referrals/new/") == (200 if create else 403 if people[who] else signed_out)
    assert status(f"/referrals/{published.uid}/edit/") == (
        200 if edit else 403 if people[who] else signed_out
    )
    assert status("/referrals/approvals/") == (
        200 if approve else 403 if people[who] else signed_out
    )
    assert status(f"/referrals/{waiting.uid}/") == (
        200 if pending else 404 if people[who] else signed_out
    )
    assert status(f"/referrals/{published.uid}/") == (200 if approved else signed_out)


def test_an_editor_who_changed_profession_no_longer_edits(client, manager):
    editor = make_ngo_user()
    profile = make_referral_profile(editor, approved_by=manager)
    editor.profile.profession = "other_authority"
    editor.profile.save()
    client.force_login(editor)
    assert client.get(f"/referrals/{profile.uid}/edit/").status_code == 403
    r = client.post(f"/referrals/{profile.uid}/editors/", {"email": "x@ngo.example"})
    assert r.status_code == 403


def test_a_deactivated_editor_is_refused(client, manager):
    editor = make_ngo_user()
    profile = make_referral_profile(editor, approved_by=manager)
    editor.is_active = False
    editor.save()
    assert not access.can_edit_referral_profile(editor, profile)
    assert not access.can_search_referrals(editor)


def test_a_participant_cannot_decide_on_a_profile(client, participant):
    profile = make_referral_profile()
    client.force_login(participant)
    r = client.post(f"/referrals/{profile.uid}/decide/", {"decision": "approve"})
    assert r.status_code == 404  # a pending profile does not exist for them
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_an_ngo_user_cannot_approve_their_own_profile(client):
    editor = make_ngo_user()
    profile = make_referral_profile(editor)
    client.force_login(editor)
    r = client.post(f"/referrals/{profile.uid}/decide/", {"decision": "approve"})
    assert r.status_code == 403
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_the_menu_offers_referral_services_to_signed_in_people(participant, funder):
    from crossborder.navigation import navigation

    for user in (participant, funder, make_user("t@example.org", role=Role.TRAINER)):
        assert "referrals" in [item.name for item in navigation(user)]
