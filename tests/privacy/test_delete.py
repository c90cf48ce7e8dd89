"""Delete my account: re-authenticate, type the word; the identity goes, the figures stay."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY

from crossborder.accounts.models import ApiToken, Profile, User
from crossborder.audit.models import AuditEntry
from crossborder.credentials.models import Credential
from crossborder.enrolment.models import Application
from crossborder.evaluation.models import SurveyAnswer, SurveyInvitation
from crossborder.learning.models import Answer, Attempt
from crossborder.library.models import Comment, Entry
from crossborder.privacy.services import delete_account
from crossborder.seminars.models import CalendarToken, Speaker
from crossborder.workshops.models import DraftComment, Membership
from tests.evaluation.reports.programme import build_programme
from tests.factories import PASSWORD

from .conftest import ESSAY, MOTIVATION, SURVEY_TEXT, touch_everything

pytestmark = pytest.mark.django_db
URL = "/account/delete/"
INDICATORS = "/api/v1/reports/indicators"


def _reauthenticate(client):
    r = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert r.status_code == 302, r.content[:300]


def _state(user):
    user = User.objects.get(pk=user.pk)
    return (
        user.email,
        user.first_name,
        user.is_active,
        user.password,
        EmailAddress.objects.filter(user=user).count(),
        Application.objects.filter(user=user, motivation=MOTIVATION).count(),
        AuditEntry.objects.filter(action="account.delete").count(),
    )


def test_the_page_explains_what_goes_and_what_stays(client_of, participant):
    r = client_of(participant).get(URL)
    assert r.status_code == 200
    page = r.content.decode()
    assert "What goes" in page and "What stays, anonymously" in page
    assert 'Type <strong class="confirm-word">DELETE</strong>' in page


def test_without_a_fresh_sign_in_it_asks_for_the_password_and_changes_nothing(
    client_of, participant
):
    before = _state(participant)
    r = client_of(participant).post(URL, {"confirm": "DELETE"})
    assert r.status_code == 302
    assert r["Location"] == "/accounts/reauthenticate/?next=%2Faccount%2Fdelete%2F"
    assert _state(participant) == before


@pytest.mark.parametrize("typed", ["", "delet", "SUPPRIMER", "<b>DELETE</b>"])
def test_a_wrong_confirmation_word_changes_nothing(client_of, participant, typed):
    client = client_of(participant)
    _reauthenticate(client)
    before = _state(participant)
    r = client.post(URL, {"confirm": typed})
    assert r.status_code == 400
    page = r.content.decode()
    assert "Type DELETE to delete your account" in page or "Type the word to confirm" in page
    assert "<b>DELETE</b>" not in page  # what was typed is escaped
    assert _state(participant) == before
    assert client.session[SESSION_KEY] == str(participant.pk)


def test_an_administrator_cannot_delete_their_own_account(client_of, admin_user):
    client = client_of(admin_user)
    assert client.get(URL).status_code == 403
    assert User.objects.get(pk=admin_user.pk).is_active


def test_deletion_removes_the_identity_keeps_the_records_and_signs_out(
    client_of, participant, manager, everywhere
):
    client = client_of(participant)
    # Asked for the password first; the confirmed request goes on once it is given.
    r = client.post(URL, {"confirm": "delete "})
    r = client.post(r["Location"], {"password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert client.get("/dashboard/").status_code == 302  # signed out
    person = User.objects.get(pk=participant.pk)
    assert person.email == f"deleted-{person.pk}@deleted.invalid"
    assert (person.first_name, person.last_name, person.is_active) == ("", "", False)
    assert not person.has_usable_password()
    for model in (EmailAddress, Authenticator, ApiToken, CalendarToken):
        assert not model.objects.filter(user=person).exists(), model
    profile = Profile.objects.get(user=person)
    assert (profile.organisation, profile.bio) == ("", "")
    assert (profile.profession, profile.country.code) == ("law_enforcement", "HR")
    # What the statistics need stays, without the person's words.
    application = Application.objects.get(user=person, call__seminar=everywhere["seminar"])
    assert application.status == "attended" and application.motivation == ""
    assert application.nominator_email == "" and application.session_attendance.count() == 1
    assert Membership.objects.filter(application=application).count() == 1
    assert Attempt.objects.filter(user=person).count() == 2
    assert not Answer.objects.filter(response=ESSAY).exists()
    assert not SurveyAnswer.objects.filter(text=SURVEY_TEXT).exists()
    invitation = SurveyInvitation.objects.get(user=person)
    assert invitation.answered and invitation.token != everywhere["invitation_token"]
    assert not Comment.objects.exists() and not DraftComment.objects.exists()
    assert not Entry.objects.filter(slug="zagreb-interviews").exists()
    speaker = Speaker.objects.get(pk=everywhere["speaker"].pk)
    assert speaker.user is None and speaker.name == "Former speaker" and speaker.bio == ""
    credential = Credential.objects.get(pk=everywhere["credential"].pk)
    assert credential.revoked_at and credential.facts["holder_name"] == ""
    assert credential.open_badge is None
    # The audit trail says an account was deleted, and nowhere names the person.
    entry = AuditEntry.objects.get(action="account.delete")
    assert entry.actor is None and entry.actor_email == "" and entry.object_repr == ""
    assert entry.details["role"] == "participant"
    trail = json.dumps(
        list(AuditEntry.objects.values("actor_email", "object_repr", "details")), default=str
    )
    assert "participant@example.org" not in trail and "Horvat" not in trail
    assert AuditEntry.objects.filter(actor=person, action="profile.update").exists()


def test_the_email_address_can_register_again(client, participant):
    delete_account(user=participant)
    r = client.post(
        "/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Horvat",
            "email": "participant@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    fresh = User.objects.get(email="participant@example.org")
    assert fresh.pk != participant.pk and fresh.is_active


def test_deletion_keeps_the_indicator_figures_unchanged(client_of, manager, funder):
    world = build_programme()
    person = world["a"][1].user  # attended Vienna and The Hague, passed the module
    touch_everything(person, manager=manager)  # and attended Lisbon, sat a test, answered

    def figures():
        return [client_of(who).get(INDICATORS).json() for who in (manager, funder)]

    before = figures()
    delete_account(user=person)
    assert figures() == before
    staff = {s["key"]: s for s in before[0]["sections"]}
    assert {"reach", "diversity", "attendance"} <= set(staff)
    trained = next(st for st in staff["reach"]["stats"] if st["key"] == "trained")
    assert trained["value"] == 8  # the person counts once, before and after
    assert not User.objects.get(pk=person.pk).email.startswith("applicant1")


def test_a_deleted_account_leaves_the_people_list_and_its_api(client_of, manager, participant):
    delete_account(user=participant)
    client = client_of(manager)
    page = client.get("/people/").content.decode()
    assert "Horvat" not in page and "deleted.invalid" not in page
    assert client.get("/api/v1/people").json()["count"] == 0
    assert str(User.objects.get(pk=participant.pk)) == "Deleted account"


def test_deletion_ends_the_persons_other_sessions(client, participant):
    from django.test import Client

    phone = Client()
    phone.force_login(participant)
    assert phone.get("/dashboard/").status_code == 200
    delete_account(user=participant)
    r = phone.get("/dashboard/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
