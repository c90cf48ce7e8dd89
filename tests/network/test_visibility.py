"""The visibility matrix: (the field a person shows × their audience) × viewer kind × field,
over the profile page, the search results, the facet counts and the API. A hidden field never
appears, never counts in a facet and never answers a filter; a listing outside the viewer's
audience does not exist for them."""

import re

import pytest

from crossborder.network.models import FIELDS
from tests.factories import make_listing

from .conftest import SEMINAR_TITLE, make_viewer

pytestmark = pytest.mark.django_db

# What of Ioana's each field shows, as pages print it (each string appears nowhere else).
MARKERS = {
    "name": "Ioana Popescu",
    "profession": "Labour inspector",
    "organisation": "Inspecția Muncii",
    "country": "Romania",
    "languages": "Albanian",
    "tags": "Cyber",
    "seminars": SEMINAR_TITLE,
}
# The facet (and filter) of each field, with Ioana's value; name and organisation have none.
FACETS = {
    "profession": ("profession", "labour_inspector"),
    "country": ("country", "RO"),
    "languages": ("language", "sq"),
    "tags": ("tag", "cyber"),
    "seminars": ("cohort", "ports-2026"),
}
API_KEYS = {
    "name": {"name"},
    "profession": {"profession", "profession_label"},
    "organisation": {"organisation"},
    "country": {"country", "country_name"},
    "languages": {"languages"},
    "tags": {"tags"},
    "seminars": {"seminars"},
}
SEES = {"members": {"member", "vetted", "staff"}, "vetted": {"vetted"}}
VIEWERS = ["member", "vetted", "staff", "funder", "incomplete"]


def _between(html: str, start: str, end: str) -> str:
    match = re.search(re.escape(start) + "(.*?)" + re.escape(end), html, re.S)
    return match.group(1) if match else ""


def _shown_in(text: str) -> set[str]:
    return {field for field, marker in MARKERS.items() if marker in text}


@pytest.fixture
def listed_ioana(ioana):
    def listing(field, audience, listed=True):
        return make_listing(ioana, shown={field}, audience=audience, listed=listed, tags=["cyber"])

    return listing


@pytest.mark.parametrize("viewer_kind", VIEWERS)
@pytest.mark.parametrize("audience", ["members", "vetted"])
@pytest.mark.parametrize("field", FIELDS)
def test_it_shows_a_field_only_where_the_person_chose(
    client, listed_ioana, field, audience, viewer_kind
):
    listing = listed_ioana(field, audience)
    client.force_login(make_viewer(viewer_kind))
    sees = viewer_kind in SEES[audience]

    page = client.get(f"/network/people/{listing.public_id}/")
    search = client.get("/network/")
    api = client.get("/api/v1/network/search")

    if viewer_kind == "funder":  # the directory is not for the funder observer at all
        assert (page.status_code, search.status_code, api.status_code) == (403, 403, 403)
        return
    if not sees:
        assert page.status_code == 404
        hits = _between(search.content.decode(), 'id="hits-heading"', "</section>")
        facets = _between(search.content.decode(), '<aside class="facets"', "</aside>")
        assert _shown_in(hits) == set() and _shown_in(facets) == set()
        if viewer_kind == "incomplete":
            assert api.status_code == 403
        else:
            assert api.json()["count"] == 0 and api.json()["facets"] == {
                name: [] for name in ("country", "profession", "tag", "language", "cohort")
            }
        return

    # the profile page: the chosen field, nothing else
    assert page.status_code == 200
    assert _shown_in(page.content.decode()) == {field}
    # the search results and the facets
    html = search.content.decode()
    hits = _between(html, 'id="hits-heading"', "</section>")
    assert "1 practitioner" in hits
    assert _shown_in(hits) == {field}
    facets = _between(html, '<aside class="facets"', "</aside>")
    assert _shown_in(facets) == ({field} if field in FACETS else set())
    # the API: the field's keys and the id, no other key (not even null)
    body = api.json()
    assert body["count"] == 1
    assert set(body["results"][0]) == {"id"} | API_KEYS[field]
    assert body["results"][0]["id"] == listing.public_id
    counted = {name: values for name, values in body["facets"].items() if values}
    if field in FACETS:
        name, value = FACETS[field]
        assert counted == {name: [{"value": value, "label": MARKERS[field], "count": 1}]}
    else:
        assert counted == {}
    # filters: Ioana's value of the shown field finds her; a hidden field's value never does
    for other, (name, value) in FACETS.items():
        found = client.get("/api/v1/network/search", {name: value}).json()["count"]
        assert found == (1 if other == field else 0), (other, found)


@pytest.mark.parametrize("field", ["country", "seminars"])
def test_it_finds_nobody_on_the_page_by_a_hidden_field(client, listed_ioana, field):
    listed_ioana("name" if field != "name" else "country", "members")
    client.force_login(make_viewer("member"))
    name, value = FACETS[field]
    html = client.get("/network/", {name: value}).content.decode()
    assert "0 practitioners" in _between(html, 'id="hits-heading"', "</section>")
    assert "Ioana" not in html


@pytest.mark.parametrize("viewer_kind", ["member", "vetted", "staff"])
def test_it_removes_a_person_from_every_result_once_they_withdraw(
    client, listed_ioana, viewer_kind
):
    listing = listed_ioana("name", "members", listed=False)  # withdrawn: listed no more
    client.force_login(make_viewer(viewer_kind))
    assert client.get(f"/network/people/{listing.public_id}/").status_code == 404
    assert "Ioana" not in client.get("/network/").content.decode()
    assert client.get("/api/v1/network/search").json()["count"] == 0
