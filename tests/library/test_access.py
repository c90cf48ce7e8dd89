"""Restricted entries are invisible to everyone but vetted judiciary and law enforcement:
page, search results, counts, facets, related links, where-used lists and the API."""

import pytest

from crossborder import access
from crossborder.accounts.models import Role
from crossborder.library import search
from crossborder.library.models import Entry
from tests.factories import make_user
from tests.library.conftest import make_entry

pytestmark = pytest.mark.django_db
SECRET_WORD = "quokkaplan"


@pytest.fixture
def entries(db):
    public = make_entry("public-guide", title="Public guide on quokkaplan work", tags=("A", "S"))
    registered = make_entry(
        "registered-note", access="registered", title="Registered quokkaplan note", tags=("A", "L")
    )
    restricted = make_entry(
        "restricted-technique",
        access="restricted",
        kind="tool",
        title="Restricted quokkaplan technique",
        citations=["ZZ-999/99"],
        professions=["law_enforcement"],
        countries=["MT"],
        tags=("B", "O"),
    )
    public.related.set([registered, restricted])
    return public, registered, restricted


def people():
    staff = make_user("m@example.org", role=Role.MANAGER)
    trainer = make_user("t@example.org", role=Role.TRAINER)
    participant = make_user(
        "p@example.org", profile={"profession": "prosecutor", "vetting": "none"}
    )
    return {"anonymous": None, "participant": participant, "trainer": trainer, "manager": staff}


def visible_slugs(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    page = client.get("/library/", {"q": SECRET_WORD}).content.decode()
    api = client.get("/api/v1/library/search", {"q": SECRET_WORD}).json()
    return page, api


def test_the_access_matrix_of_levels(entries, vetted_judge):
    matrix = {name: access.library_levels(user) for name, user in people().items()}
    matrix["vetted judge"] = access.library_levels(vetted_judge)
    assert matrix == {
        "anonymous": {"public"},
        "participant": {"public", "registered"},
        "trainer": {"public", "registered"},
        "manager": {"public", "registered"},
        "vetted judge": {"public", "registered", "restricted"},
    }


@pytest.mark.parametrize("who", ["anonymous", "participant", "trainer", "manager"])
def test_restricted_entries_are_invisible_to_everyone_else(client, entries, who):
    public, _registered, restricted = entries
    user = people()[who]
    page, api = visible_slugs(client, user)
    # search results and counts
    assert "Restricted quokkaplan technique" not in page
    assert "restricted-technique" not in {r["slug"] for r in api["results"]}
    expected = 1 if user is None else 2
    assert api["total"] == expected
    assert f"{expected} entr" in page
    # facets: the kind, element, form, country and profession of the restricted entry are absent
    assert "tool" not in api["facets"]["kind"]
    assert "B" not in api["facets"]["element"] and "O" not in api["facets"]["form"]
    assert "MT" not in api["facets"]["country"]
    assert "law_enforcement" not in api["facets"]["profession"]
    # an empty search (the browsing view) and a citation lookup
    assert "restricted-technique" not in {
        r["slug"] for r in client.get("/api/v1/library/search").json()["results"]
    }
    assert client.get("/api/v1/library/search", {"q": "ZZ-999/99"}).json()["total"] == 0
    # the page itself, the API entry and related links
    assert client.get(restricted.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/library/restricted-technique").status_code == 404
    public_page = client.get(public.get_absolute_url()).content.decode()
    assert "restricted-technique" not in public_page
    assert (
        "restricted-technique" not in client.get("/api/v1/library/public-guide").json()["related"]
    )


def test_a_vetted_judge_sees_restricted_entries_everywhere(client, entries, vetted_judge):
    public, _registered, restricted = entries
    _page, api = visible_slugs(client, vetted_judge)
    assert "restricted-technique" in {r["slug"] for r in api["results"]}
    assert api["total"] == 3 and api["facets"]["kind"]["tool"] == 1
    assert client.get(restricted.get_absolute_url()).status_code == 200
    assert "restricted-technique" in client.get(public.get_absolute_url()).content.decode()
    assert (
        client.get("/api/v1/library/search", {"q": "ZZ-999/99"}).json()["results"][0]["slug"]
        == "restricted-technique"
    )


def test_registered_entries_need_a_sign_in(client, entries):
    _public, registered, _restricted = entries
    assert client.get(registered.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/library/registered-note").status_code == 404


def test_an_api_token_reads_at_its_owners_level(client, entries):
    from crossborder.accounts.models import ApiToken

    trainer = make_user("tok@example.org", role=Role.TRAINER)
    _token, secret = ApiToken.issue(user=trainer, name="script")
    headers = {"Authorization": f"Bearer {secret}"}
    data = client.get("/api/v1/library/search", {"q": SECRET_WORD}, headers=headers).json()
    assert {r["slug"] for r in data["results"]} == {"public-guide", "registered-note"}


def test_restricted_links_on_seminar_pages_are_hidden(client, entries, vetted_judge):
    from tests.factories import make_seminar

    public, _registered, restricted = entries
    seminar = make_seminar()
    session = seminar.sessions.exclude(kind="break").first()
    restricted.sessions.add(session)
    public.sessions.add(session)
    anonymous = client.get(seminar.get_absolute_url()).content.decode()
    assert public.get_absolute_url() in anonymous
    assert restricted.get_absolute_url() not in anonymous
    client.force_login(vetted_judge)
    assert restricted.get_absolute_url() in client.get(seminar.get_absolute_url()).content.decode()


def test_the_search_function_itself_never_returns_other_levels(entries):
    results = search.search(q=SECRET_WORD, levels={"public"})
    assert [h.entry.slug for h in results.hits] == ["public-guide"]
    assert Entry.objects.count() == 3
