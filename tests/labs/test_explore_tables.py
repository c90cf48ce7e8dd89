"""The lab's tables: filters, sorting, pagination, bad filters, flags, queries, the timeline
and the links on the overview."""

import pytest
from django.urls import reverse

from crossborder.labs.flagging import FlagRequest, add_flags
from crossborder.labs.models import Entity
from tests.labs.bigworld import make_big_dataset
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(participant):
    lab, groups = make_lab_world(participant=participant)
    return lab, groups[0]


def _table(client, lab, kind, **params):
    return client.get(reverse("lab-table", args=[lab.pk, kind]), params)


def _keys(response, prefix):
    html = response.content.decode()
    import re

    return re.findall(rf'<th scope="row"><a href="[^"]*"[^>]*>({prefix}-\d+)</a>', html)


def test_it_lists_a_kind_and_filters_by_text_and_country(client_of, participant, world):
    lab, _group = world
    client = client_of(participant)
    assert _keys(_table(client, lab, "person"), "PER") == [f"PER-00{i}" for i in range(1, 7)]
    assert _keys(_table(client, lab, "person", q="ilieva"), "PER") == ["PER-002"]
    assert _keys(_table(client, lab, "person", country="bg"), "PER") == ["PER-001", "PER-002"]
    # the details are searched too: the declared employees of the companies
    assert _keys(_table(client, lab, "company", q="cleaning"), "COM") == ["COM-001", "COM-002"]
    assert _keys(_table(client, lab, "account", q="Caixa"), "ACC") == ["ACC-003", "ACC-004"]
    html = _table(client, lab, "person").content.decode()
    assert f'href="/labs/{lab.pk}/graph/?focus=PER-001"' in html


def test_it_filters_transactions_by_entity_date_amount_and_channel(client_of, participant, world):
    lab, _group = world
    client = client_of(participant)
    assert _keys(_table(client, lab, "transactions", entity="acc-002"), "TRX") == [
        "TRX-0001",
        "TRX-0002",
        "TRX-0003",
        "TRX-0004",
    ]
    assert _keys(
        _table(client, lab, "transactions", start="2026-03-05", end="2026-03-06"), "TRX"
    ) == ["TRX-0005", "TRX-0006", "TRX-0007"]
    assert _keys(
        _table(client, lab, "transactions", min_amount="1000", max_amount="2500"), "TRX"
    ) == ["TRX-0004", "TRX-0006", "TRX-0007"]
    assert _keys(_table(client, lab, "transactions", channel="cash_in"), "TRX") == [
        "TRX-0005",
        "TRX-0010",
    ]


def test_it_sorts_by_whitelisted_fields_only(client_of, participant, world):
    lab, _group = world
    client = client_of(participant)
    by_amount = _keys(_table(client, lab, "transactions", sort="-amount"), "TRX")
    assert by_amount[:3] == ["TRX-0010", "TRX-0005", "TRX-0004"]
    assert _keys(_table(client, lab, "person", sort="-name"), "PER") == [
        "PER-003",
        "PER-004",
        "PER-006",
        "PER-002",
        "PER-001",
        "PER-005",
    ]
    response = _table(client, lab, "person", sort="truth_role")
    assert response.status_code == 200
    assert "The table cannot be sorted by “truth_role”." in response.content.decode()
    assert _keys(response, "PER") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "yesterday"}, "From: Enter a valid date."),
        ({"start": "2026-03-09", "end": "2026-03-01"}, "The end date is before the start date."),
        ({"min_amount": "500", "max_amount": "100"}, "The maximum is below the minimum."),
        ({"min_amount": "lots"}, "Amount at least: Enter a number."),
        ({"entity": "PER-999"}, "“PER-999” is not in this lab&#x27;s dataset."),
        ({"channel": "pigeon"}, "Select a valid choice."),
    ],
)
def test_bad_filters_get_a_clear_message_and_no_rows(
    client_of, participant, world, params, message
):
    lab, _group = world
    response = _table(client_of(participant), lab, "transactions", **params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert _keys(response, "TRX") == []


def test_an_unknown_kind_is_not_found(client_of, participant, world):
    lab, _group = world
    assert _table(client_of(participant), lab, "submarine").status_code == 404


def test_htmx_gets_only_the_results(client_of, participant, world):
    lab, _group = world
    response = client_of(participant).get(
        reverse("lab-table", args=[lab.pk, "person"]), {"q": "Popa"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert _keys(response, "PER") == ["PER-003"]


def test_it_shows_the_groups_flags(client_of, participant, world):
    lab, group = world
    add_flags(lab=lab, group=group, by=participant, requests=[FlagRequest("PER-002", "funnel", 3)])
    html = _table(client_of(participant), lab, "person").content.decode()
    assert html.count("Flagged:") == 1
    assert "Flagged: Funnel" in html or "Flagged:" in html


def test_it_paginates_and_keeps_its_queries_constant(
    client_of, participant, world, django_assert_max_num_queries
):
    lab, group = world
    add_flags(lab=lab, group=group, by=participant, requests=[FlagRequest("ACC-001", "funnel")])
    client = client_of(participant)
    with django_assert_max_num_queries(20) as small:
        _table(client, lab, "transactions", sort="amount")
    with django_assert_max_num_queries(20) as small_entities:
        _table(client, lab, "account", q="PT")
    make_big_dataset(lab, entities=400, transactions=800)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = _table(client, lab, "transactions", sort="amount", page="2")
    html = response.content.decode()
    assert "810 items" in html and "Page 2 of 17" in html
    assert len(_keys(response, "TRX")) == 50
    assert "page=3" in html and "sort=amount" in html
    with django_assert_max_num_queries(len(small_entities.captured_queries)):
        _table(client, lab, "account", q="PT")
    assert Entity.objects.filter(lab=lab).count() > 400


def test_the_overview_links_to_every_table_the_graph_and_the_timeline(
    client_of, participant, world
):
    lab, _group = world
    html = client_of(participant).get(reverse("lab", args=[lab.pk])).content.decode()
    assert f'href="/labs/{lab.pk}/graph/"' in html
    assert f'href="/labs/{lab.pk}/timeline/"' in html
    assert f'href="/labs/{lab.pk}/data/transactions/"' in html
    assert f'href="/labs/{lab.pk}/data/cash_point/"' in html
    assert f'href="/labs/{lab.pk}/data/wallet/"' not in html  # no wallet in this dataset


def test_the_timeline_totals_weeks_by_channel_and_lists_a_week(client_of, participant, world):
    lab, _group = world
    client = client_of(participant)
    url = reverse("lab-timeline", args=[lab.pk])
    html = client.get(url, {"entity": "ACC-001"}).content.decode()
    # ACC-001: 3 × 850 + 60 on 3-8 March (week of 2 March), 9,800 in on the 5th
    assert "2026-03-02 – 2026-03-08" in html
    assert '<td class="number">12,410.00</td>' in html  # the week's total
    assert "<svg" in html and "<title>" in html
    html = client.get(url, {"entity": "ACC-001", "week": "2026-03-02"}).content.decode()
    assert "5 transactions from 2026-03-02 to 2026-03-08" in html
    html = client.get(url, {"week": "2020-01-06"}).content.decode()
    assert "No transaction matches in the week chosen." in html
    html = client.get(url, {"start": "soon"}).content.decode()
    assert "Enter a valid date." in html


def test_the_timeline_queries_do_not_grow(
    client_of, participant, world, django_assert_max_num_queries
):
    lab, _group = world
    client = client_of(participant)
    url = reverse("lab-timeline", args=[lab.pk])
    with django_assert_max_num_queries(20) as small:
        client.get(url, {"week": "2026-03-02"})
    make_big_dataset(lab, entities=300, transactions=600)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url, {"week": "2026-03-02"}).status_code == 200


def test_the_timeline_draws_empty_weeks_between_payments():
    from datetime import datetime

    from django.utils import timezone

    from crossborder.labs.exploring.timeline import draw, weekly_totals
    from crossborder.labs.models import Lab, Transaction

    lab, _groups = make_lab_world()
    late = Transaction.objects.get(lab=lab, key="TRX-0010")
    late.at = timezone.make_aware(datetime(2026, 3, 25, 12, 0))
    late.save(update_fields=["at"])
    weeks = weekly_totals(Lab.objects.get(pk=lab.pk).transactions.all())
    assert [(str(w.start), w.n) for w in weeks] == [
        ("2026-03-02", 9),
        ("2026-03-09", 0),
        ("2026-03-16", 0),
        ("2026-03-23", 1),
    ]
    chart = draw(weeks)
    tallest = max(bar[6] for w in weeks for bar in w.bars)
    assert sum(bar[6] for bar in weeks[0].bars) == pytest.approx(chart["axis"] - 10, abs=0.5)
    assert weeks[3].bars[0][1] == "Cash deposit" and tallest > 0
