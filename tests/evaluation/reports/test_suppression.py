"""Small-cell suppression for the funder observer: page, chart data, API; and no personal data."""

import pytest

from crossborder.evaluation.reports.suppression import suppress_table
from crossborder.evaluation.reports.tables import SUPPRESSED, Column, Kind, Table

API = "/api/v1/reports/indicators"


def _section(data, key):
    return next(s for s in data["sections"] if s["key"] == key)


def _table(data, section, table):
    return next(t for t in _section(data, section)["tables"] if t["key"] == table)


def test_it_shows_groups_under_five_as_less_than_five_to_the_funder(world, client_of, funder):
    data = client_of(funder).get(API).json()
    assert data["suppressed"] is True
    trained = next(s for s in _section(data, "reach")["stats"] if s["key"] == "trained")
    assert trained["value"] == 8  # the total is not small
    professions = {r["label"]: r for r in _table(data, "reach", "professions")["rows"]}
    assert professions["Prosecutor"]["n"] == SUPPRESSED
    assert professions["Prosecutor"]["share"] is None  # derived from a small cell
    assert professions["Judge"]["n"] == SUPPRESSED
    assert professions["Other national authority"]["n"] == 0  # a true zero identifies nobody


def test_it_suppresses_a_second_cell_so_the_total_does_not_reveal_the_first(
    world, client_of, funder
):
    genders = _table(client_of(funder).get(API).json(), "reach", "genders")["rows"]
    by_label = {r["label"]: r["n"] for r in genders}
    # men: 3 (small); women: 5 would give men as 8 − 5, so women are suppressed too
    assert by_label["Man"] == SUPPRESSED
    assert by_label["Woman"] == SUPPRESSED


def test_it_withholds_rates_and_indices_of_small_groups(world, client_of, funder):
    data = client_of(funder).get(API).json()
    vienna, hague = _table(data, "attendance", "seminars")["rows"]
    assert (vienna["attended"], vienna["rate"]) == (6, 85.7)
    assert (hague["seats"], hague["attended"], hague["rate"]) == (SUPPRESSED, SUPPRESSED, None)
    vienna_d, hague_d = _table(data, "diversity", "seminars")["rows"]
    assert vienna_d["profession_index"] is not None
    assert hague_d["n"] == SUPPRESSED
    assert hague_d["profession_index"] is None and hague_d["professions"] is None
    module = _table(data, "modules", "modules")["rows"][0]
    assert (module["started"], module["passed"], module["rate"]) == (SUPPRESSED, SUPPRESSED, None)
    assert module["attempts"] is None  # would bound the suppressed number of learners


def test_it_leaves_the_managers_figures_as_they_are(world, client_of, manager):
    data = client_of(manager).get(API).json()
    genders = {r["label"]: r["n"] for r in _table(data, "reach", "genders")["rows"]}
    assert genders["Man"] == 3


def test_it_suppresses_the_funders_page_and_charts(world, client_of, funder):
    import base64
    import re

    r = client_of(funder).get("/reports/indicators/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "&lt; 5" in html
    assert "so that nobody can be recognised" in html
    svgs = [
        base64.b64decode(m).decode()
        for m in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]
    assert svgs
    assert not any("by profession" in s for s in svgs)  # every group under 5: no chart at all
    assert not any("Prosecutor" in s for s in svgs)
    attendance = next(s for s in svgs if "Attendance rate per seminar" in s)
    assert "Vienna" in attendance and "The Hague" not in attendance  # a suppressed bar
    assert "1 group with fewer than 5 people or no data is not drawn." in attendance


def test_it_shows_the_funder_no_personal_data(world, client_of, funder):
    client = client_of(funder)
    pages = [
        client.get("/reports/indicators/").content.decode(),
        client.get(API).content.decode(),
        client.get("/reports/indicators/?seminar=hague").content.decode(),
    ]
    for app in world["a"].values():
        for text in pages:
            assert app.user.email not in text
            assert app.user.last_name not in text or app.user.last_name == "Test"
            assert app.organisation not in text
            assert app.user.first_name not in text
    assert client.get("/people/").status_code == 403


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([10, 3, 8], [10, SUPPRESSED, SUPPRESSED]),  # the smallest other cell goes too
        ([10, 3, 2, 8], [10, SUPPRESSED, SUPPRESSED, 8]),  # two small cells: only their sum
        ([10, 3, 0], [SUPPRESSED, SUPPRESSED, 0]),  # zeros cannot protect a cell
        ([10, 12], [10, 12]),
    ],
)
def test_it_applies_complementary_suppression_in_additive_tables(cells, expected):
    table = Table(
        "t",
        "t",
        [
            Column("label", "Group", Kind.LABEL),
            Column("n", "People"),
            Column("share", "Share", Kind.PERCENT, base="n"),
        ],
        [{"label": str(i), "n": n, "share": 1.0} for i, n in enumerate(cells)],
        additive=True,
    )
    suppress_table(table)
    assert [r["n"] for r in table.rows] == expected
    assert [r["share"] for r in table.rows] == [None if v == SUPPRESSED else 1.0 for v in expected]


def test_it_suppresses_for_a_funder_reading_with_an_api_token(world, client, funder):
    from crossborder.accounts.models import ApiToken

    _token, secret = ApiToken.issue(user=funder, name="dashboard script")
    r = client.get(API, headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200
    genders = {row["label"]: row["n"] for row in _table(r.json(), "reach", "genders")["rows"]}
    assert genders["Man"] == SUPPRESSED
