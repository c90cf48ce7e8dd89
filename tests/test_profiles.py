"""Practitioner profiles: completing, editing, bad input, vetting, audit of views."""

import pytest

from crossborder.accounts.models import Profile, Vetting
from crossborder.audit.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "Zoë",
    "last_name": "Ó Súilleabháin",
    "profession": "labour_inspector",
    "country": "IE",
    "organisation": "Workplace Relations Commission",
    "job_title": "Inspector",
    "gender": "female",
    "working_languages": ["en", "ga"],
    "language": "en",
    "bio": "Inspections in agriculture and meat processing.",
}


@pytest.fixture
def newcomer(db):
    return make_user("newcomer@example.org", first_name="New", last_name="Comer")


def test_it_invites_a_newcomer_to_complete_the_profile(client_of, newcomer):
    body = client_of(newcomer).get("/dashboard/").content.decode()
    assert "Complete your profile" in body


def test_it_creates_the_profile_and_writes_the_audit_trail(client_of, newcomer):
    r = client_of(newcomer).post("/profile/", VALID, follow=True)
    assert r.status_code == 200
    assert "Your profile has been saved." in r.content.decode()
    profile = Profile.objects.get(user=newcomer)
    assert profile.country.code == "IE" and profile.is_eu
    assert profile.working_languages == ["en", "ga"]
    newcomer.refresh_from_db()
    assert newcomer.last_name == "Ó Súilleabháin"
    entry = AuditEntry.objects.get(action="profile.create")
    assert entry.actor == newcomer and entry.object_id == str(profile.pk)


def test_it_edits_an_existing_profile(client_of, participant):
    data = {**VALID, "country": "UA", "organisation": "National Police of Ukraine"}
    client_of(participant).post("/profile/", data)
    participant.profile.refresh_from_db()
    assert participant.profile.country.code == "UA"
    assert not participant.profile.is_eu
    assert AuditEntry.objects.filter(action="profile.update").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("country", "XX", "Select a valid choice. XX is not one of the available choices."),
        ("country", "", "This field is required."),
        ("first_name", "A" * 81, "Ensure this value has at most 80 characters (it has 81)."),
        ("profession", "astronaut", "Select a valid choice. astronaut is not one of"),
        ("organisation", "   ", "This field is required."),
        ("working_languages", ["en", "xx"], "Select a valid choice. xx is not one of"),
        ("bio", "b" * 1501, "Ensure this value has at most 1500 characters"),
    ],
)
def test_it_rejects_bad_input_with_a_field_message_and_saves_nothing(
    client_of, newcomer, field, value, message
):
    r = client_of(newcomer).post("/profile/", {**VALID, field: value})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Profile.objects.filter(user=newcomer).exists()
    assert not AuditEntry.objects.exists()


def test_it_does_not_let_a_participant_vet_anyone(client_of, participant, trainer):
    other = make_user("x@example.org", profile={"profession": "judge"})
    r = client_of(participant).post(
        f"/people/{other.pk}/vetting/", {"vetting": "verified", "note": "trust me"}
    )
    assert r.status_code == 403
    other.profile.refresh_from_db()
    assert other.profile.vetting == Vetting.NONE


def test_it_lets_a_manager_vet_a_judge_with_an_audit_entry(client_of, manager):
    judge = make_user("judge@example.org", profile={"profession": "judge", "country": "DE"})
    r = client_of(manager).post(
        f"/people/{judge.pk}/vetting/",
        {"vetting": "verified", "note": "Confirmed by the court registry"},
        follow=True,
    )
    assert "Vetting status updated." in r.content.decode()
    judge.profile.refresh_from_db()
    assert judge.profile.is_vetted
    assert judge.profile.vetted_by == manager
    entry = AuditEntry.objects.get(action="profile.vetting")
    assert entry.details == {
        "from": "none",
        "to": "verified",
        "note": "Confirmed by the court registry",
    }


def test_it_requires_a_reason_for_a_vetting_decision(client_of, manager):
    judge = make_user("judge@example.org", profile={"profession": "judge"})
    r = client_of(manager).post(f"/people/{judge.pk}/vetting/", {"vetting": "verified"})
    assert r.status_code == 400
    assert "This field is required." in r.content.decode()
    judge.profile.refresh_from_db()
    assert judge.profile.vetting == Vetting.NONE


def test_it_records_every_view_of_someone_elses_profile(client_of, manager, participant):
    c = client_of(manager)
    assert c.get(f"/people/{participant.pk}/").status_code == 200
    c.get(f"/people/{participant.pk}/")
    views = AuditEntry.objects.filter(kind="view", actor=manager)
    assert views.count() == 2
    assert views.first().object_repr.startswith("Ana Horvat")


def test_it_records_which_people_a_manager_saw_in_the_directory(client_of, manager, participant):
    client_of(manager).get("/people/?country=HR")
    entry = AuditEntry.objects.get(action="view.people")
    assert entry.details["ids"] == [participant.profile.pk]
    assert entry.details["filters"]["country"] == "HR"


def test_it_refuses_a_participant_someone_elses_profile(client_of, participant, trainer):
    other = make_user("y@example.org", profile={"profession": "judge"})
    assert client_of(participant).get(f"/people/{other.pk}/").status_code == 403
    assert not AuditEntry.objects.filter(kind="view").exists()
