"""The directory's pages: opting in and out (consent history), scraping resistance (opaque ids,
rate limits), query counts that do not grow, bad filters, the administrators' export."""

import pytest

from crossborder.network.consent import CURRENT_VERSION
from crossborder.network.models import NetworkConsent, NetworkListing
from tests.factories import make_listing, make_user

from .conftest import make_viewer

pytestmark = pytest.mark.django_db

CHOICES = {
    "listed": "on",
    "audience": "members",
    "show_name": "on",
    "show_profession": "on",
    "show_country": "on",
}


def test_it_lists_nobody_by_default(client, ioana):
    client.force_login(ioana)
    page = client.get("/network/me/").content.decode()
    assert "Not listed" in page and "You have not given consent to be listed." in page
    assert not NetworkListing.objects.exists()
    client.force_login(make_viewer("member"))
    assert client.get("/api/v1/network/search").json()["count"] == 0


def test_it_records_consent_and_its_withdrawal(client, ioana):
    client.force_login(ioana)
    r = client.post("/network/me/", {**CHOICES, "tags": []})
    assert r.status_code == 302
    listing = NetworkListing.objects.get(user=ioana)
    assert listing.listed and listing.shown() == {"name", "profession", "country"}
    assert listing.public_id != str(ioana.pk) and len(listing.public_id) == 16
    assert list(NetworkConsent.objects.values_list("action", "wording_version")) == [
        ("given", CURRENT_VERSION)
    ]
    page = client.get("/network/me/").content.decode()
    assert "Consent given" in page and f"Wording version {CURRENT_VERSION}" in page
    client.post("/network/me/", {**CHOICES, "show_organisation": "on"})  # no new consent
    assert NetworkConsent.objects.count() == 1

    viewer = make_viewer("member")
    client.force_login(viewer)
    assert client.get("/api/v1/network/search").json()["count"] == 1
    client.force_login(ioana)
    client.post("/network/me/", {**CHOICES, "listed": ""})
    assert [c.action for c in NetworkConsent.objects.order_by("pk")] == ["given", "withdrawn"]
    client.force_login(viewer)
    assert client.get("/api/v1/network/search").json()["count"] == 0
    assert client.get(f"/network/people/{listing.public_id}/").status_code == 404


@pytest.mark.parametrize(
    "data, error",
    [
        ({"listed": "on", "audience": "members"}, "Show at least one field"),
        ({**CHOICES, "audience": "everyone"}, "Select a valid choice"),
        ({**CHOICES, "tags": ["999999"]}, "Select a valid choice"),
    ],
)
def test_it_refuses_bad_choices_and_changes_nothing(client, ioana, data, error):
    client.force_login(ioana)
    r = client.post("/network/me/", data)
    assert r.status_code == 400 and error in r.content.decode()
    assert not NetworkListing.objects.exists() and not NetworkConsent.objects.exists()


def test_it_refuses_more_than_eight_expertise_tags(client, ioana):
    from crossborder.curriculum.models import Tag

    client.force_login(ioana)
    tags = list(Tag.objects.values_list("pk", flat=True)[:9])
    r = client.post("/network/me/", {**CHOICES, "tags": tags})
    assert r.status_code == 400 and "at most 8" in r.content.decode()


def test_it_asks_for_a_complete_profile_before_listing_or_searching(client):
    client.force_login(make_viewer("incomplete"))
    for url in ("/network/", "/network/me/"):
        page = client.get(url).content.decode()
        assert "Complete your profile to search the directory" in page
    assert client.post("/network/me/", CHOICES).status_code == 200
    assert not NetworkListing.objects.exists()


def test_it_answers_404_alike_for_unknown_and_unlisted_ids(client, ioana):
    hidden = make_listing(ioana, listed=False)
    client.force_login(make_viewer("member"))
    for public_id in (hidden.public_id, "AAAAAAAAAAAAAAAA", str(ioana.pk), "1"):
        assert client.get(f"/network/people/{public_id}/").status_code == 404


def test_it_rate_limits_profile_views_including_misses(client, ioana, settings):
    settings.NETWORK_RATES = {"profile": (3, 600)}
    listing = make_listing(ioana)
    client.force_login(make_viewer("member"))
    assert client.get("/network/people/guess-1/").status_code == 404
    assert client.get("/network/people/guess-2/").status_code == 404
    assert client.get(f"/network/people/{listing.public_id}/").status_code == 200
    r = client.get(f"/network/people/{listing.public_id}/")
    assert r.status_code == 429 and "Too many searches" in r.content.decode()


def test_it_rate_limits_searches_on_the_page_and_the_api(client, ioana, settings):
    settings.NETWORK_RATES = {"search": (2, 600)}
    make_listing(ioana)
    client.force_login(make_viewer("member"))
    assert client.get("/network/").status_code == 200
    assert client.get("/api/v1/network/search").status_code == 200
    assert client.get("/network/").status_code == 429
    assert client.get("/api/v1/network/search").status_code == 429


@pytest.mark.parametrize(
    "query", [{"country": "XX"}, {"language": "klingon"}, {"cohort": "no-such-seminar"}]
)
def test_it_explains_an_unknown_filter_value(client, ioana, query):
    make_listing(ioana)
    client.force_login(make_viewer("member"))
    page = client.get("/network/", query)
    assert page.status_code == 200
    assert "not a value the directory knows" in page.content.decode()
    assert "Ioana" not in page.content.decode()
    api = client.get("/api/v1/network/search", query)
    assert api.status_code == 400 and next(iter(query)) in api.json()["detail"]


def _people(n, ports, start=0):
    from tests.factories import make_attendee

    for i in range(start, start + n):
        user = make_user(
            f"listed{i}@example.org",
            first_name=f"Listed{i}",
            profile={"country": "PT", "working_languages": ["pt", "en"]},
        )
        make_listing(user, tags=["L", "cyber"])
        make_attendee(ports, user)


def test_it_searches_in_a_fixed_number_of_queries(client, ports, django_assert_max_num_queries):
    viewer = make_viewer("vetted")
    client.force_login(viewer)
    _people(3, ports)
    with django_assert_max_num_queries(16) as small:
        assert client.get("/network/", {"country": "PT"}).status_code == 200
    _people(25, ports, start=3)  # two pages now
    with django_assert_max_num_queries(len(small.captured_queries)):
        r = client.get("/network/", {"country": "PT", "page": 2})
    assert "28 practitioners" in r.content.decode()
    assert "Page 2 of 2" in r.content.decode()


def test_it_exports_the_directory_for_administrators_only(client, ioana, admin_user, manager):
    make_listing(ioana, shown={"name", "country"})
    client.force_login(manager)
    assert client.get("/network/export.csv").status_code == 403
    client.force_login(make_viewer("vetted"))
    assert client.get("/network/export.csv").status_code == 403
    client.force_login(admin_user)
    r = client.get("/network/export.csv")
    text = r.content.decode("utf-8-sig")
    assert r.status_code == 200 and "Ioana Popescu" in text and ",RO," in text
    assert "Inspecția Muncii" not in text  # hidden fields stay out of the export too
