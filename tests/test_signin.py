"""Sign-up, email verification, password reset, throttling and mandatory MFA for staff."""

import re

import pytest
from django.core import mail

from crossborder.accounts.models import Role, User
from crossborder.audit.models import AuditEntry
from tests.factories import PASSWORD, current_totp, make_user

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Małgorzata",
    "last_name": "Wójcik",
    "email": "m.wojcik@example.org",
    "password1": "a long and unusual passphrase 7",
    "password2": "a long and unusual passphrase 7",
}


def _link(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_it_signs_up_a_practitioner_after_email_verification(client):
    r = client.post("/accounts/signup/", SIGNUP)
    assert r.status_code == 302
    user = User.objects.get(email="m.wojcik@example.org")
    assert user.role == Role.PARTICIPANT
    assert (user.first_name, user.last_name) == ("Małgorzata", "Wójcik")
    assert len(mail.outbox) == 1
    # Until the address is confirmed, the account cannot sign in.
    client.logout()
    r = client.post("/accounts/login/", {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert r["Location"] == "/accounts/confirm-email/"
    r = client.get(_link(mail.outbox[-1]))
    r = client.post(_link(mail.outbox[-1]))
    assert r.status_code == 302
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"first_name": "x" * 81}, "Ensure this value has at most 80 characters"),
        ({"password2": "something else entirely"}, "You must type the same password each time."),
    ],
)
def test_it_rejects_a_bad_sign_up_with_a_field_message(client, change, message):
    r = client.post("/accounts/signup/", {**SIGNUP, **change})
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not User.objects.exists()


def test_a_second_sign_up_with_a_taken_address_reveals_nothing_and_tells_the_owner(
    client, participant
):
    taken = client.post("/accounts/signup/", {**SIGNUP, "email": "PARTICIPANT@example.org"})
    new = client.post("/accounts/signup/", {**SIGNUP, "email": "someone.new@example.org"})
    # the same answer for a taken and a new address: a page asking to confirm by email
    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]
    assert User.objects.filter(email__iexact="participant@example.org").count() == 1
    owner = [m for m in mail.outbox if m.to == [participant.email]]
    assert len(owner) == 1 and "already" in owner[0].body.lower()


def test_a_password_reset_for_an_unknown_address_looks_the_same(client, participant):
    known = client.post("/accounts/password/reset/", {"email": participant.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_it_sends_a_password_reset_link(client, participant):
    r = client.post("/accounts/password/reset/", {"email": participant.email})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_it_throttles_repeated_failed_sign_ins(client, participant):
    for _ in range(5):
        r = client.post("/accounts/login/", {"login": participant.email, "password": "wrong"})
        assert r.status_code == 200
    r = client.post("/accounts/login/", {"login": participant.email, "password": PASSWORD})
    assert "Too many failed login attempts" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_makes_a_manager_without_mfa_set_it_up_first(client):
    manager = make_user("m2@example.org", role=Role.MANAGER, mfa=False)
    client.force_login(manager)
    r = client.get("/people/")
    assert r.status_code == 302
    assert r["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/api/v1/me").status_code == 403
    # Setting up the factor is allowed (after allauth asks for the password again).
    r = client.get("/accounts/2fa/totp/activate/")
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/reauthenticate/")
    assert client.get(r["Location"]).status_code == 200


def test_it_asks_a_manager_for_the_totp_code_at_sign_in(client, manager):
    r = client.post("/accounts/login/", {"login": manager.email, "password": PASSWORD})
    assert r["Location"] == "/accounts/2fa/authenticate/"
    r = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "Incorrect code." in r.content.decode()
    r = client.post("/accounts/2fa/authenticate/", {"code": current_totp()})
    assert r.status_code == 302
    assert client.get("/people/").status_code == 200


def test_a_totp_code_signs_in_once_only(client, manager):
    code = current_totp()
    client.post("/accounts/login/", {"login": manager.email, "password": PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": manager.email, "password": PASSWORD})
    replayed = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert replayed.status_code == 200 and "Incorrect code." in replayed.content.decode()
    assert client.get("/people/").status_code != 200


def test_it_lets_a_participant_in_without_a_second_factor(client, participant):
    r = client.post("/accounts/login/", {"login": participant.email, "password": PASSWORD})
    assert r["Location"] == "/dashboard/"
    assert AuditEntry.objects.filter(action="user.sign_in", actor=participant).count() == 1
