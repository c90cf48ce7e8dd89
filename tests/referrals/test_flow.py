"""An NGO publishes its profile, a manager approves it; edits, contact changes, rejection,
withdrawal and co-editors, each with its audit entry; bad input changes nothing."""

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.referrals.models import ReferralEdit, ReferralProfile
from tests.factories import REFERRAL_DEFAULTS, make_ngo_user, make_referral_profile

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {**REFERRAL_DEFAULTS, **changes}
    data["reviewed"] = "on" if data.pop("reviewed") else ""
    return data


def actions(profile) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            object_id=str(profile.pk), object_type="referrals.referralprofile"
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def editor(db):
    return make_ngo_user()


def test_an_ngo_publishes_a_profile_that_waits_for_approval(client, editor, participant):
    client.force_login(editor)
    r = client.post("/referrals/new/", form_data())
    profile = ReferralProfile.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/referrals/{profile.uid}/"
    assert profile.status == "pending"
    assert list(profile.editors.all()) == [editor]
    assert sorted(profile.offers.values_list("service", flat=True)) == ["legal", "shelter"]
    assert sorted(profile.languages.values_list("code", flat=True)) == ["en", "pt"]
    page = client.get(r["Location"]).content.decode()
    assert "Awaiting approval" in page and "Associação Ondas do Tejo" in page
    assert actions(profile) == ["referrals.profile.submit"]
    client.force_login(participant)
    assert client.get(f"/referrals/{profile.uid}/").status_code == 404
    assert "Ondas do Tejo" not in client.get("/referrals/").content.decode()


def test_a_manager_approves_it_and_practitioners_find_it(client, editor, manager, participant):
    profile = make_referral_profile(editor)
    client.force_login(manager)
    queue = client.get("/referrals/approvals/").content.decode()
    assert "Associação Ondas do Tejo" in queue and "New profile" in queue
    r = client.post(f"/referrals/{profile.uid}/decide/", {"decision": "approve", "note": ""})
    assert r.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "approved" and profile.decided_by == manager
    assert actions(profile)[-1] == "referrals.profile.approve"
    assert "Nothing to check" in client.get("/referrals/approvals/").content.decode()
    client.force_login(participant)
    page = client.get("/referrals/", {"country": "PT", "service": "shelter"}).content.decode()
    assert "Associação Ondas do Tejo" in page and "+351 00 555 0171" in page


def test_a_rejection_needs_a_reason_the_editors_read(client, editor, manager):
    profile = make_referral_profile(editor)
    client.force_login(manager)
    client.post(f"/referrals/{profile.uid}/decide/", {"decision": "reject", "note": "  "})
    profile.refresh_from_db()
    assert profile.status == "pending"
    r = client.post(
        f"/referrals/{profile.uid}/decide/",
        {"decision": "reject", "note": "The phone number belongs to a hotel, not to you."},
        follow=True,
    )
    assert "Decision recorded" in r.content.decode()
    profile.refresh_from_db()
    assert profile.status == "rejected"
    entry = AuditEntry.objects.get(action="referrals.profile.reject")
    assert entry.details["note"] == "The phone number belongs to a hotel, not to you."
    client.force_login(editor)
    page = client.get(f"/referrals/{profile.uid}/").content.decode()
    assert "Not approved" in page and "belongs to a hotel" in page
    # Corrected, it goes back to the queue.
    client.post(f"/referrals/{profile.uid}/edit/", form_data(phone="+351 00 555 0172"))
    profile.refresh_from_db()
    assert profile.status == "pending" and profile.phone == "+351 00 555 0172"
    assert actions(profile)[-1] == "referrals.profile.resubmit"


def test_an_unknown_decision_changes_nothing(client, editor, manager):
    profile = make_referral_profile(editor)
    client.force_login(manager)
    r = client.post(f"/referrals/{profile.uid}/decide/", {"decision": "withdraw"}, follow=True)
    assert "Select a valid choice" in r.content.decode()
    profile.refresh_from_db()
    assert profile.status == "pending" and actions(profile) == ["referrals.profile.submit"]


def test_editing_the_referral_text_keeps_an_approved_profile_visible(
    client, editor, manager, participant
):
    profile = make_referral_profile(editor, approved_by=manager)
    client.force_login(editor)
    r = client.post(
        f"/referrals/{profile.uid}/edit/",
        form_data(
            how_to_refer="Call first; we now also meet people at the airport.",
            services=["shelter", "legal", "medical"],
        ),
    )
    assert r.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "approved" and not profile.has_pending_changes
    edit = ReferralEdit.objects.filter(profile=profile).first()
    assert edit.editor == editor and sorted(edit.fields) == ["how_to_refer", "services"]
    client.force_login(participant)
    page = client.get(f"/referrals/{profile.uid}/").content.decode()
    assert "meet people at the airport" in page and "Medical care" in page
    assert "referral-approvals" not in page


def test_new_contact_details_wait_for_a_manager_while_the_old_ones_stay(
    client, editor, manager, participant
):
    profile = make_referral_profile(editor, approved_by=manager)
    client.force_login(editor)
    r = client.post(
        f"/referrals/{profile.uid}/edit/", form_data(phone="+351 00 555 0999"), follow=True
    )
    assert "once a programme manager has checked them" in r.content.decode()
    profile.refresh_from_db()
    assert profile.status == "approved" and profile.phone == "+351 00 555 0171"
    assert profile.pending_changes == {"phone": "+351 00 555 0999"}
    # The editor's form shows what they proposed.
    assert (
        'value="+351 00 555 0999"' in client.get(f"/referrals/{profile.uid}/edit/").content.decode()
    )
    client.force_login(participant)
    page = client.get(f"/referrals/{profile.uid}/").content.decode()
    assert "+351 00 555 0171" in page and "0999" not in page
    api = client.get("/api/v1/referrals/").json()
    assert api["results"][0]["phone"] == "+351 00 555 0171"
    client.force_login(manager)
    assert "Changed contact details" in client.get("/referrals/approvals/").content.decode()
    page = client.get(f"/referrals/{profile.uid}/").content.decode()
    assert "+351 00 555 0999" in page and "Approve the new details" in page
    client.post(f"/referrals/{profile.uid}/decide/", {"decision": "approve"})
    profile.refresh_from_db()
    assert profile.phone == "+351 00 555 0999" and profile.pending_changes == {}
    entry = AuditEntry.objects.filter(action="referrals.profile.approve").latest("pk")
    assert entry.details["applied"] == {"phone": "+351 00 555 0999"}


def test_refused_contact_details_leave_the_profile_as_it_was(client, editor, manager):
    profile = make_referral_profile(editor, approved_by=manager)
    client.force_login(editor)
    client.post(f"/referrals/{profile.uid}/edit/", form_data(email="info@other-org.example"))
    client.force_login(manager)
    client.post(
        f"/referrals/{profile.uid}/decide/",
        {"decision": "reject", "note": "This address is not on your website."},
    )
    profile.refresh_from_db()
    assert profile.status == "approved" and profile.email == "referrals@ondas-do-tejo.example"
    assert not profile.has_pending_changes


def test_a_manager_withdraws_a_published_profile(client, editor, manager, participant):
    profile = make_referral_profile(editor, approved_by=manager)
    client.force_login(manager)
    client.post(
        f"/referrals/{profile.uid}/decide/",
        {"decision": "withdraw", "note": "Reported: the organisation closed in May."},
    )
    profile.refresh_from_db()
    assert profile.status == "rejected"
    assert actions(profile)[-1] == "referrals.profile.withdraw"
    client.force_login(participant)
    assert client.get(f"/referrals/{profile.uid}/").status_code == 404


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "ines.carvalho@gmail.com", "personal mailbox"),
        ("phone", "call us", "with its country code"),
        ("phone", "+351 12", "with its country code"),
        ("website", "javascript:alert(1)", "Enter a valid URL"),
        ("services", [], "Choose at least one service"),
        ("reviewed", False, "Confirm that you have checked"),
        ("country", "XX", "Select a valid choice"),
    ],
)
def test_bad_input_is_named_and_saves_nothing(client, editor, field, value, message):
    client.force_login(editor)
    r = client.post("/referrals/new/", form_data(**{field: value}))
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not ReferralProfile.objects.exists()


def test_an_editor_adds_and_removes_a_colleague(client, editor, manager):
    profile = make_referral_profile(editor, approved_by=manager)
    colleague = make_ngo_user("joao@ngo.example")
    police = make_ngo_user("police@example.org", profession="law_enforcement")
    client.force_login(editor)
    r = client.post(
        f"/referrals/{profile.uid}/editors/", {"email": "police@example.org"}, follow=True
    )
    assert "No civil-society account has this address" in r.content.decode()
    r = client.post(
        f"/referrals/{profile.uid}/editors/", {"email": "nobody@ngo.example"}, follow=True
    )
    assert "No civil-society account has this address" in r.content.decode()
    assert police not in profile.editors.all()
    client.post(f"/referrals/{profile.uid}/editors/", {"email": "JOAO@ngo.example"})
    assert set(profile.editors.all()) == {editor, colleague}
    client.force_login(colleague)
    assert client.get(f"/referrals/{profile.uid}/edit/").status_code == 200
    client.post(f"/referrals/{profile.uid}/editors/", {"remove": str(editor.pk)})
    assert list(profile.editors.all()) == [colleague]
    r = client.post(
        f"/referrals/{profile.uid}/editors/", {"remove": str(colleague.pk)}, follow=True
    )
    assert "keeps at least one editor" in r.content.decode()
    assert list(profile.editors.all()) == [colleague]
    assert actions(profile)[-2:] == ["referrals.editor.add", "referrals.editor.remove"]


def test_my_profiles_lists_what_the_person_edits(client, editor, manager):
    make_referral_profile(editor, approved_by=manager)
    make_referral_profile(make_ngo_user("x@ngo.example"), name="Fundacja Kompas Wisły")
    client.force_login(editor)
    page = client.get("/referrals/mine/").content.decode()
    assert "Associação Ondas do Tejo" in page and "Kompas" not in page
