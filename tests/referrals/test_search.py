"""Finding a referral service: filters, pages, escaping, query counts and the API."""

import pytest

from crossborder.referrals.models import ReferralProfile
from tests.factories import make_ngo_user, make_referral_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(manager):
    """Four published profiles in three countries and one waiting for approval."""
    editor = make_ngo_user()
    rows = [
        ("Associação Ondas do Tejo", "PT", ["shelter", "legal"], ["pt", "en"]),
        ("Fundacja Kompas Wisły", "PL", ["shelter", "labour"], ["pl", "uk"]),
        ("Stowarzyszenie Nowa Przystań", "PL", ["psychological"], ["pl", "en"]),
        ("Netzwerk Leuchtboje Nord e.V.", "DE", ["medical", "legal"], ["de", "ro"]),
    ]
    for name, country, services, languages in rows:
        make_referral_profile(
            editor,
            approved_by=manager,
            name=name,
            country=country,
            services=services,
            languages=languages,
        )
    make_referral_profile(editor, name="Cooperativa Àncora Trinacria", country="IT")
    return editor


def names(response) -> list[str]:
    page = response.content.decode()
    known = [
        "Associação Ondas do Tejo",
        "Fundacja Kompas Wisły",
        "Stowarzyszenie Nowa Przystań",
        "Netzwerk Leuchtboje Nord e.V.",
        "Cooperativa Àncora Trinacria",
    ]
    return [n for n in known if n in page]


@pytest.mark.parametrize(
    "params,expected",
    [
        (
            {},
            [
                "Associação Ondas do Tejo",
                "Fundacja Kompas Wisły",
                "Stowarzyszenie Nowa Przystań",
                "Netzwerk Leuchtboje Nord e.V.",
            ],
        ),
        ({"country": "PL"}, ["Fundacja Kompas Wisły", "Stowarzyszenie Nowa Przystań"]),
        ({"country": "pl", "service": "shelter"}, ["Fundacja Kompas Wisły"]),
        ({"service": "legal"}, ["Associação Ondas do Tejo", "Netzwerk Leuchtboje Nord e.V."]),
        ({"language": "en"}, ["Associação Ondas do Tejo", "Stowarzyszenie Nowa Przystań"]),
        ({"country": "PL", "service": "shelter", "language": "en"}, []),
        ({"country": "IT"}, []),  # only a profile awaiting approval there
    ],
)
def test_it_filters_by_country_service_and_language(
    client, participant, published, params, expected
):
    client.force_login(participant)
    assert names(client.get("/referrals/", params)) == expected


def test_an_unknown_filter_is_named_and_ignored(client, participant, published):
    client.force_login(participant)
    r = client.get("/referrals/", {"country": "Atlantis", "service": "<b>spa</b>"})
    page = r.content.decode()
    assert r.status_code == 200
    assert "“Atlantis” is not a known country" in page
    assert "“&lt;b&gt;spa&lt;/b&gt;” is not a known service" in page
    assert len(names(r)) == 4


def test_it_pages_the_results(client, participant, manager):
    editor = make_ngo_user()
    for i in range(23):
        make_referral_profile(editor, approved_by=manager, name=f"Organisation {i:02d}")
    client.force_login(participant)
    first = client.get("/referrals/").content.decode()
    assert "23 organisations" in first and "Page 1 of 2" in first
    assert "Organisation 19" in first and "Organisation 20" not in first
    second = client.get("/referrals/", {"page": "2"}).content.decode()
    assert "Organisation 22" in second and "Organisation 00" not in second
    assert client.get("/referrals/", {"page": "x"}).status_code == 200


def test_the_search_page_uses_a_fixed_number_of_queries(
    client, participant, manager, published, django_assert_max_num_queries
):
    client.force_login(participant)
    client.get("/referrals/")
    with django_assert_max_num_queries(10) as few:
        client.get("/referrals/", {"country": "PL", "service": "shelter"})
    baseline = len(few.captured_queries)
    for i in range(30):
        make_referral_profile(
            published, approved_by=manager, name=f"Org {i}", country="PL", services=["shelter"]
        )
    with django_assert_max_num_queries(baseline):
        response = client.get("/referrals/", {"country": "PL", "service": "shelter"})
    assert "31 organisations" in response.content.decode()


def test_a_profile_page_uses_a_fixed_number_of_queries(
    client, participant, manager, django_assert_max_num_queries
):
    profile = make_referral_profile(approved_by=manager)
    client.force_login(participant)
    with django_assert_max_num_queries(8):
        assert client.get(f"/referrals/{profile.uid}/").status_code == 200


def test_what_an_ngo_typed_is_escaped(client, participant, manager):
    profile = make_referral_profile(
        approved_by=manager,
        name='<script>alert("x")</script> Shelter',
        regions='<img src=x onerror="alert(1)">',
        how_to_refer='Call us <a hx-post="/referrals/" href="#">now</a>\nthen email.',
    )
    client.force_login(participant)
    for url in ("/referrals/", f"/referrals/{profile.uid}/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
    page = client.get(f"/referrals/{profile.uid}/").content.decode()
    assert "hx-post=&quot;/referrals/&quot;" in page and "<a hx-post" not in page
    assert "now&lt;/a&gt;<br>then email." in page


def test_the_api_lists_published_profiles_with_the_same_filters(client, participant, published):
    client.force_login(participant)
    data = client.get("/api/v1/referrals/", {"country": "PL", "service": "shelter"}).json()
    assert data["count"] == 1 and data["pages"] == 1
    (row,) = data["results"]
    assert row["name"] == "Fundacja Kompas Wisły"
    assert row["services"] == ["labour", "shelter"] and row["languages"] == ["pl", "uk"]
    assert row["url"].endswith(f"/referrals/{row['id']}/")
    everything = client.get("/api/v1/referrals/").json()
    assert everything["count"] == 4  # not the one awaiting approval
    assert "Cooperativa" not in str(everything)
    assert client.get("/api/v1/referrals/", {"language": "pl"}).json()["count"] == 2


def test_the_api_refuses_unknown_filters_and_visitors(client, participant, published):
    assert client.get("/api/v1/referrals/").status_code == 401
    client.force_login(participant)
    r = client.get("/api/v1/referrals/", {"service": "spa"})
    assert r.status_code == 422 and "“spa” is not a known service" in r.json()["detail"]
    assert client.get("/api/v1/referrals/", {"page": "0"}).status_code == 422


def test_the_api_reads_with_a_token(client, participant, published):
    from crossborder.accounts.models import ApiToken

    _token, secret = ApiToken.issue(user=participant, name="script")
    r = client.get("/api/v1/referrals/?country=DE", headers={"Authorization": f"Bearer {secret}"})
    assert (
        r.status_code == 200 and r.json()["results"][0]["name"] == "Netzwerk Leuchtboje Nord e.V."
    )


def test_the_stale_warning_shows_on_profiles_not_reviewed_for_a_year(client, participant, manager):
    from datetime import timedelta

    from django.utils import timezone

    profile = make_referral_profile(approved_by=manager)
    ReferralProfile.objects.filter(pk=profile.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=400)
    )
    client.force_login(participant)
    assert (
        "have not reviewed this profile for more than a year"
        in client.get(f"/referrals/{profile.uid}/").content.decode()
    )
