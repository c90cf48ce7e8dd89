"""The indicator figures against the hand-counted programme of conftest.py (manager's view)."""

import math

import pytest

API = "/api/v1/reports/indicators"


def _get(client, **params):
    r = client.get(API, params)
    assert r.status_code == 200, r.content
    return r.json()


def _table(data, section, table):
    s = next(s for s in data["sections"] if s["key"] == section)
    return next(t for t in s["tables"] if t["key"] == table)


def _stat(data, section, key):
    s = next(s for s in data["sections"] if s["key"] == section)
    return next(st for st in s["stats"] if st["key"] == key)


def _by_label(table, column="n"):
    return {row["label"]: row[column] for row in table["rows"]}


def test_it_counts_each_person_trained_once(world, client_of, manager):
    data = _get(client_of(manager))
    assert data["suppressed"] is False
    trained = _stat(data, "reach", "trained")
    assert trained["value"] == 8  # a1 attended twice; the two no-shows are not trained
    assert trained["target"] == 300
    professions = _by_label(_table(data, "reach", "professions"))
    assert professions == {
        "Prosecutor": 3,
        "Judge": 1,
        "Law-enforcement officer": 1,
        "Labour inspector": 1,
        "Financial or compliance officer": 1,
        "Civil society / NGO": 1,
        "Other national authority": 0,
    }
    countries = _by_label(_table(data, "reach", "countries"))
    assert countries == {
        "Belgium": 2,
        "Netherlands": 2,
        "Austria": 1,
        "France": 1,
        "Germany": 1,
        "Poland": 1,
    }
    assert list(countries)[:2] == ["Belgium", "Netherlands"]  # largest first
    genders = _by_label(_table(data, "reach", "genders"))
    assert genders["Woman"] == 5 and genders["Man"] == 3
    assert _stat(data, "reach", "member_states")["value"] == 6


def test_it_computes_attendance_against_confirmed_seats(world, client_of, manager):
    rows = _table(_get(client_of(manager)), "attendance", "seminars")["rows"]
    vienna, hague = rows
    assert (vienna["seats"], vienna["attended"], vienna["rate"]) == (7, 6, 85.7)
    # two sheets: 6 + 4 present out of 2 × 6
    assert vienna["sessions"] == 2 and vienna["session_rate"] == 83.3
    assert (hague["seats"], hague["attended"], hague["rate"]) == (4, 3, 75.0)
    assert hague["session_rate"] is None  # no sheet recorded


def test_it_measures_diversity_with_shannon_evenness(world, client_of, manager):
    vienna = _table(_get(client_of(manager)), "diversity", "seminars")["rows"][0]
    shares = [2 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 6]
    entropy = -sum(p * math.log(p) for p in shares)
    assert vienna["professions"] == 5
    assert vienna["profession_index"] == round(entropy / math.log(6), 3)
    assert vienna["countries"] == 5  # BE twice, AT, PL, FR, DE
    assert vienna["country_index"] == round(entropy / math.log(6), 3)


def test_it_counts_module_learners_among_people_trained(world, client_of, manager):
    data = _get(client_of(manager))
    row = _table(data, "modules", "modules")["rows"][0]
    assert row["label"] == "Indicators of trafficking"
    assert (row["started"], row["passed"], row["attempts"]) == (3, 2, 3)  # not the outsider
    assert _stat(data, "modules", "learners")["value"] == 3
    assert _stat(data, "modules", "passed")["value"] == 2


def test_it_filters_by_seminar_and_by_period(world, client_of, manager):
    client = client_of(manager)
    data = _get(client, seminar="hague")
    assert _stat(data, "reach", "trained")["value"] == 3
    data = _get(client, start="2027-04-01")
    assert _stat(data, "reach", "trained")["value"] == 3
    data = _get(client, end="2027-04-01")
    assert _stat(data, "reach", "trained")["value"] == 6
    data = _get(client, start="2028-01-01")
    assert _stat(data, "reach", "trained")["value"] == 0


def test_it_shows_headline_figures_and_charts_on_the_page(world, client_of, manager):
    r = client_of(manager).get("/reports/indicators/")
    assert r.status_code == 200
    html = r.content.decode()
    assert '<progress value="8" max="300"' in html
    assert "Practitioners trained by country" in html
    assert html.count('src="data:image/svg+xml;base64,') >= 6  # one per chart
    assert "< 5" not in html and "&lt; 5" not in html  # managers see the figures
    assert "<caption>Practitioners trained by profession</caption>" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("seminar=nowhere", "There is no seminar “nowhere”."),
        ("programme=nothing", "There is no programme “nothing”."),
        ("start=2027-06-01&end=2027-01-01", "The end of the period cannot be before its start."),
        ("start=yesterday", "Enter the start of the period as a date (YYYY-MM-DD)."),
    ],
)
def test_it_explains_bad_filters(world, client_of, manager, query, message):
    client = client_of(manager)
    r = client.get(f"/reports/indicators/?{query}")
    assert r.status_code == 400
    assert message in r.content.decode()
    assert "data:image/svg+xml" not in r.content.decode()
    r = client.get(f"{API}?{query}")
    assert r.status_code == 400
    assert r.json()["detail"] == message


def test_it_refuses_a_seminar_of_another_programme(world, client_of, manager):
    from datetime import date

    from crossborder.seminars.models import Programme, Seminar
    from tests.factories import make_seminar

    other = Programme.objects.create(
        slug="other",
        title="Other programme",
        funder="ISF",
        grant_reference="X",
        start=date(2028, 1, 1),
        end=date(2028, 12, 31),
        target_participants=10,
    )
    lisbon = make_seminar("lisbon", sessions=False)
    Seminar.objects.filter(pk=lisbon.pk).update(programme=other)
    r = client_of(manager).get(f"{API}?programme=programme&seminar=lisbon")
    assert r.status_code == 400
    assert "is not part of this programme" in r.json()["detail"]


@pytest.mark.parametrize("role", ["participant", "trainer"])
def test_it_keeps_the_indicators_from_participants_and_trainers(world, client_of, role, request):
    client = client_of(request.getfixturevalue(role))
    assert client.get("/reports/indicators/").status_code == 403
    assert client.get(API).status_code == 403
    assert client.get("/reports/funder/").status_code == 403


def test_it_asks_visitors_to_sign_in(world, client):
    r = client.get("/reports/indicators/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get(API).status_code == 401


def test_it_describes_the_endpoint_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/reports/indicators" in schema["paths"]
    assert "IndicatorsOut" in schema["components"]["schemas"]
