"""The API shell: /api/v1/me, staff-only endpoints, tokens, schema."""

import pytest

from crossborder.accounts.models import ApiToken
from crossborder.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_returns_the_callers_profile_and_role(client_of, participant):
    r = client_of(participant).get("/api/v1/me")
    assert r.status_code == 200
    data = r.json()
    assert data["email"] == "participant@example.org"
    assert data["role"] == "participant"
    assert data["profile"]["country"] == "HR"
    assert data["profile"]["eu_member"] is True
    assert data["profile"]["profession"] == "law_enforcement"


def test_it_answers_401_to_anonymous_callers(client):
    assert client.get("/api/v1/me").status_code == 401


def test_it_refuses_the_people_list_to_a_participant(client_of, participant):
    r = client_of(participant).get("/api/v1/people")
    assert r.status_code == 403
    assert r.json() == {"detail": "You do not have permission to do this."}


def test_it_lists_people_for_a_manager_with_filters(client_of, manager, participant):
    c = client_of(manager)
    data = c.get("/api/v1/people").json()
    assert data["count"] == 1
    assert data["items"][0]["last_name"] == "Horvat"
    assert c.get("/api/v1/people?country=fr").json()["count"] == 0
    assert c.get("/api/v1/people?country=hr").json()["count"] == 1
    assert c.get("/api/v1/people?page=2").status_code == 404


def test_it_writes_each_listing_of_people_to_the_audit_trail(client_of, manager, participant):
    client_of(manager).get("/api/v1/people?country=HR")
    entry = AuditEntry.objects.get(action="view.people.api")
    assert entry.actor == manager
    assert entry.details["ids"] == [participant.profile.pk]
    assert entry.details["filters"]["country"] == "HR"


@pytest.mark.parametrize(
    "query", ["country=FRA", "country=1", "profession=wizard", "page=0", "page=abc", "page=-1"]
)
def test_it_rejects_malformed_filters_with_422(client_of, manager, query):
    r = client_of(manager).get(f"/api/v1/people?{query}")
    assert r.status_code == 422
    assert "detail" in r.json()


def test_it_authenticates_a_personal_token_and_stores_only_its_hash(client_of, client, manager):
    r = client_of(manager).post("/account/api-tokens/", {"name": "reporting script"})
    assert r.status_code == 200
    secret = r.context["secret"]
    assert secret.startswith("cbt_")
    token = ApiToken.objects.get(user=manager)
    assert token.key_hash != secret and secret not in token.key_hash
    client.logout()
    r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200
    assert r.json()["role"] == "manager"
    assert AuditEntry.objects.filter(action="api_token.issue").count() == 1


def test_it_refuses_a_revoked_or_wrong_token(client_of, client, manager):
    token, secret = ApiToken.issue(user=manager, name="x")
    c = client_of(manager)
    c.post(f"/account/api-tokens/{token.pk}/revoke/")
    c.logout()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer cbt_nope"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_it_does_not_give_participants_tokens(client_of, participant):
    assert client_of(participant).get("/account/api-tokens/").status_code == 403


def test_it_rejects_an_empty_token_name(client_of, manager):
    r = client_of(manager).post("/account/api-tokens/", {"name": ""})
    assert r.status_code == 400
    assert not ApiToken.objects.exists()


def test_it_publishes_the_openapi_schema(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["info"]["title"] == "Crossborder API"
    assert "/api/v1/me" in schema["paths"]
    assert "/api/v1/people" in schema["paths"]
