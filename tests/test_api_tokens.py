"""A personal API token reads the API as its owner, on every endpoint; visitors read what is
public; a wrong or revoked token is refused, never downgraded to a visitor."""

import pytest

from crossborder.accounts.models import ApiToken, Role, Vetting
from crossborder.learning.models import Module
from tests.factories import make_call, make_seminar, make_user
from tests.library.conftest import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    """A published seminar with an open call, a draft one with a call, modules and entries at
    each level."""
    published = make_seminar("vienna")
    draft = make_seminar("lisbon-draft", status="draft", title="Draft seminar in Lisbon")
    make_call(published)
    make_call(draft)
    for level in ("public", "registered", "restricted"):
        Module.objects.create(slug=f"{level}-module", title=f"A {level} module", level=level)
        make_entry(f"{level}-entry", access=level, title=f"A {level} quokkaplan entry")
    return published, draft


def bearer(user) -> dict:
    _token, secret = ApiToken.issue(user=user, name="script")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def as_manager(manager):
    return bearer(manager)


@pytest.fixture
def as_participant(participant):
    return bearer(participant)


@pytest.fixture
def as_judge(db):
    judge = make_user(
        "judge@example.org",
        profile={"profession": "judge", "country": "PL", "vetting": Vetting.VERIFIED},
    )
    return bearer(judge)


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    data = response.json()
    items = data["results"] if isinstance(data, dict) else data
    return {item["slug"] for item in items}


# --- seminars, their sessions and seats ----------------------------------------------------


def test_a_managers_token_sees_draft_seminars_in_the_list(client, programme, as_manager):
    assert slugs(client.get("/api/v1/seminars")) == {"vienna"}
    assert slugs(client.get("/api/v1/seminars", headers=as_manager)) == {"vienna", "lisbon-draft"}


def test_a_managers_token_reads_a_draft_seminar_with_its_sessions(client, programme, as_manager):
    assert client.get("/api/v1/seminars/lisbon-draft").status_code == 404
    r = client.get("/api/v1/seminars/lisbon-draft", headers=as_manager)
    assert r.status_code == 200
    assert r.json()["status"] == "draft"
    assert len(r.json()["sessions"]) == 5


def test_a_participants_token_does_not_see_drafts(client, programme, as_participant):
    assert slugs(client.get("/api/v1/seminars", headers=as_participant)) == {"vienna"}
    assert client.get("/api/v1/seminars/lisbon-draft", headers=as_participant).status_code == 404


def test_a_managers_token_reads_the_seats_of_a_drafts_call(client, programme, as_manager):
    assert client.get("/api/v1/seminars/lisbon-draft/seats").status_code == 404
    r = client.get("/api/v1/seminars/lisbon-draft/seats", headers=as_manager)
    assert r.status_code == 200
    assert r.json()["capacity"] == 60
    assert client.get("/api/v1/seminars/vienna/seats").json()["free"] == 60


def test_a_managers_token_lists_applications_and_a_participants_is_refused(
    client, programme, as_manager, as_participant
):
    assert client.get("/api/v1/seminars/vienna/applications", headers=as_manager).json() == []
    r = client.get("/api/v1/seminars/vienna/applications", headers=as_participant)
    assert r.status_code == 403
    assert client.get("/api/v1/seminars/vienna/applications").status_code == 401


# --- modules ------------------------------------------------------------------------------


def test_a_participants_token_sees_registered_modules(client, programme, as_participant):
    assert slugs(client.get("/api/v1/modules")) == {"public-module"}
    assert slugs(client.get("/api/v1/modules", headers=as_participant)) == {
        "public-module",
        "registered-module",
    }
    assert client.get("/api/v1/modules/registered-module").status_code == 404
    r = client.get("/api/v1/modules/registered-module", headers=as_participant)
    assert r.status_code == 200 and r.json()["level"] == "registered"
    assert (
        client.get("/api/v1/modules/restricted-module", headers=as_participant).status_code == 404
    )


def test_a_vetted_judges_token_opens_restricted_modules(client, programme, as_judge):
    assert "restricted-module" in slugs(client.get("/api/v1/modules", headers=as_judge))
    assert client.get("/api/v1/modules/restricted-module", headers=as_judge).status_code == 200


# --- library ------------------------------------------------------------------------------


def search(client, headers=None):
    return client.get("/api/v1/library/search", {"q": "quokkaplan"}, headers=headers or {})


def test_a_participants_token_finds_and_reads_registered_entries(client, programme, as_participant):
    assert slugs(search(client)) == {"public-entry"}
    assert slugs(search(client, as_participant)) == {"public-entry", "registered-entry"}
    assert client.get("/api/v1/library/registered-entry").status_code == 404
    r = client.get("/api/v1/library/registered-entry", headers=as_participant)
    assert r.status_code == 200 and r.json()["access"] == "registered"
    assert client.get("/api/v1/library/restricted-entry", headers=as_participant).status_code == 404


def test_a_vetted_judges_token_finds_and_reads_restricted_entries(client, programme, as_judge):
    assert slugs(search(client, as_judge)) == {
        "public-entry",
        "registered-entry",
        "restricted-entry",
    }
    r = client.get("/api/v1/library/restricted-entry", headers=as_judge)
    assert r.status_code == 200 and r.json()["access"] == "restricted"
    assert client.get("/api/v1/library/restricted-entry").status_code == 404


# --- people -------------------------------------------------------------------------------


def test_a_token_reads_its_owners_account(client, programme, as_judge, as_manager):
    me = client.get("/api/v1/me", headers=as_judge).json()
    assert (me["email"], me["role"], me["profile"]["vetting"]) == (
        "judge@example.org",
        "participant",
        "verified",
    )
    assert client.get("/api/v1/me", headers=as_manager).json()["role"] == "manager"


def test_a_superusers_token_reads_as_an_administrator(client, db):
    boss = make_user("boss@example.org", role=Role.FUNDER, mfa=False)
    boss.is_superuser = True
    boss.save(update_fields=["is_superuser"])
    me = client.get("/api/v1/me", headers=bearer(boss)).json()
    assert (me["role"], me["role_label"]) == ("admin", "Administrator")


def test_a_managers_token_lists_people_and_a_participants_is_refused(
    client, programme, participant, as_manager, as_participant
):
    people = client.get("/api/v1/people", headers=as_manager).json()
    assert "participant@example.org" in {p["email"] for p in people["items"]}
    assert client.get("/api/v1/people", headers=as_participant).status_code == 403


# --- refused and anonymous callers ---------------------------------------------------------

VISITOR_READS = [
    "/api/v1/seminars",
    "/api/v1/seminars/vienna",
    "/api/v1/seminars/vienna/seats",
    "/api/v1/modules",
    "/api/v1/modules/public-module",
    "/api/v1/library/search?q=quokkaplan",
    "/api/v1/library/public-entry",
]
SIGNED_IN_READS = [
    "/api/v1/me",
    "/api/v1/people",
    "/api/v1/seminars/vienna/applications",
    "/api/v1/seminars/vienna/evaluation",
    "/api/v1/reports/indicators",
    "/api/v1/seminars/vienna/groups",
    "/api/v1/allocations/1",
    "/api/v1/exercise-runs/1",
    "/api/v1/workshops/1/drafts",  # its tests with tokens: tests/workshops/test_jit_api.py
    "/api/v1/labs/1/dataset",  # its tests: tests/labs/test_data_pages.py
    "/api/v1/me/credentials",  # its tests with tokens: tests/credentials/
    "/api/v1/referrals/",  # its tests with tokens: tests/referrals/test_search.py
    "/api/v1/network/search",  # its tests with tokens: tests/network/test_personal_data.py
    # Public, but an unknown code is a 404: its visitor tests are in tests/credentials/.
    "/api/v1/credentials/verify/ABCDEFGHJKMNPQRSTUVW",
]


@pytest.mark.parametrize("path", VISITOR_READS)
def test_visitors_read_public_endpoints_without_credentials(client, programme, path):
    assert client.get(path).status_code == 200
    other_scheme = {"Authorization": "Basic dXNlcjpwYXNz"}  # not ours: read as a visitor
    assert client.get(path, headers=other_scheme).status_code == 200


@pytest.mark.parametrize("path", VISITOR_READS + SIGNED_IN_READS)
def test_a_wrong_or_revoked_token_is_refused_not_read_as_a_visitor(
    client, programme, manager, path
):
    token, secret = ApiToken.issue(user=manager, name="old")
    token.revoke()
    for header in (f"Bearer {secret}", "Bearer cbt_wrong", "Bearer "):
        r = client.get(path, headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.json() == {"detail": "This API token is not valid or was revoked."}


def test_a_wrong_token_is_refused_even_with_a_signed_in_session(client_of, programme, manager):
    r = client_of(manager).get("/api/v1/seminars", headers={"Authorization": "Bearer cbt_x"})
    assert r.status_code == 401


def test_a_token_of_a_deactivated_account_is_refused(client, programme, manager):
    headers = bearer(manager)
    manager.is_active = False
    manager.save(update_fields=["is_active"])
    assert client.get("/api/v1/seminars", headers=headers).status_code == 401


def test_every_read_endpoint_of_the_api_is_covered_here(client):
    """A new GET endpoint must be added to the lists above (and get its token test)."""
    schema = client.get("/api/v1/openapi.json").json()
    reads = {path for path, operations in schema["paths"].items() if "get" in operations}
    covered = {
        path.split("?")[0].replace("vienna", "{slug}").replace("public-module", "{slug}")
        for path in VISITOR_READS + SIGNED_IN_READS
    }
    covered = {p.replace("public-entry", "{slug}") for p in covered}
    covered = {p.replace("/allocations/1", "/allocations/{run_id}") for p in covered}
    covered = {p.replace("exercise-runs/1", "exercise-runs/{run_id}") for p in covered}
    covered = {p.replace("/workshops/1/", "/workshops/{workshop_id}/") for p in covered}
    covered = {p.replace("/labs/1/", "/labs/{lab_id}/") for p in covered}
    covered = {p.replace("ABCDEFGHJKMNPQRSTUVW", "{code}") for p in covered}
    assert reads == covered
