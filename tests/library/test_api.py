"""/api/v1/library/search and /api/v1/library/{slug}."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_searches_with_a_kind_filter_and_reports_facets(client, library):
    data = client.get("/api/v1/library/search", {"q": "eurojust", "kind": "tool"}).json()
    assert data["total"] > 0 and data["page"] == 1
    assert {r["kind"] for r in data["results"]} == {"tool"}
    assert data["facets"]["kind"] == {"tool": data["total"]}
    first = data["results"][0]
    assert first["url"].startswith("http://testserver/library/")
    assert "<mark>" in first["snippet_html"]


def test_a_citation_is_found_first(client, library):
    data = client.get("/api/v1/library/search", {"q": "C-670/22"}).json()
    assert data["results"][0]["slug"] == "cjeu-c-670-22-mn-encrochat"
    assert data["results"][0]["citation_match"] is True


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "poem"}, "“poem” is not a known value for kind."),
        ({"country": "ZZ"}, "“ZZ” is not a known value for country."),
        ({"element": "Z"}, "“Z” is not a known value for element."),
        ({"page": "0"}, "page must be between 1 and 10000."),
    ],
)
def test_bad_parameters_get_a_clear_422(client, library, params, message):
    response = client.get("/api/v1/library/search", {"q": "victim", **params})
    assert response.status_code == 422
    assert response.json()["detail"] == message


def test_a_non_number_page_is_refused_by_the_schema(client, library):
    assert client.get("/api/v1/library/search", {"page": "two"}).status_code == 422


def test_it_returns_one_entry_with_its_details(client, library):
    data = client.get("/api/v1/library/sm-v-croatia").json()
    assert data["kind"] == "case"
    assert data["details"]["case_number"] == "60561/14"
    assert data["details"]["ecli"].startswith("ECLI:CE:ECHR:2020:")
    assert "60561/14" in data["citations"]
    assert data["sources"] and data["reviewed"] == "2026-11-27"
    assert "A" in data["tags"]


def test_an_unknown_entry_is_a_404(client, library):
    response = client.get("/api/v1/library/no-such-entry")
    assert response.status_code == 404 and response.json() == {"detail": "No such entry."}


def test_anonymous_searches_are_limited_per_address_signed_in_ones_are_not(
    client, library, settings, participant
):
    settings.LIBRARY_SEARCH_RATE = (3, 60)
    codes = [client.get("/api/v1/library/search", {"q": "jit"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "please wait a minute" in client.get("/api/v1/library/search").json()["detail"]
    # another address still searches
    other = client.get("/api/v1/library/search", {"q": "jit"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    client.force_login(participant)
    assert client.get("/api/v1/library/search", {"q": "jit"}).status_code == 200
