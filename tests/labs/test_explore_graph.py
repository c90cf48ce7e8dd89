"""The graph page and its JSON: the neighbourhood, expand, the shortest path, the whole
dataset, the reveal (never before it), permissions and query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from crossborder.labs.exploring.layout import lay_out
from tests.factories import make_user
from tests.labs.bigworld import make_big_dataset
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db

TRUTH_FIELDS = ("role", "truthFlags", "network", "truth")


@pytest.fixture
def world(participant, trainer):
    lab, _groups = make_lab_world(participant=participant, trainer=trainer)
    return lab


def _data(client, lab, **params):
    return client.get(reverse("lab-graph-data", args=[lab.pk]), params)


def _keys(body):
    return {n["data"]["id"] for n in body["nodes"]}


def test_it_sends_the_neighbourhood_of_the_lead_with_positions(client_of, participant, world):
    body = _data(client_of(participant), world).json()
    assert body["focus"] == "ACC-002"
    # ACC-002 is held by Ilieva, paid by ACC-001, and pays the cash machine
    assert _keys(body) == {"ACC-002", "PER-002", "ACC-001", "CSH-001"}
    assert body["nodes"][0]["data"]["id"] == "ACC-002"
    assert body["nodes"][0]["position"] == {"x": 0.0, "y": 0.0}
    assert all("position" in n for n in body["nodes"])
    flows = {
        (e["data"]["source"], e["data"]["target"]): e["data"]
        for e in body["edges"]
        if e["data"]["kind"] == "flow"
    }
    salaries = flows[("ACC-001", "ACC-002")]
    assert salaries["total"] == 2550.0 and salaries["n"] == 3
    assert salaries["label"] == "2,550 EUR · 3 payments"
    links = [e["data"] for e in body["edges"] if e["data"]["kind"] == "link"]
    assert [(link["source"], link["target"], link["relation"]) for link in links] == [
        ("PER-002", "ACC-002", "holds")
    ]


def test_expanding_a_node_sends_its_neighbours_but_not_through_a_hub(client_of, participant, world):
    body = _data(client_of(participant), world, focus="acc-002", depth=2).json()
    keys = _keys(body)
    # two steps from the funnel account, but not past the cash machine (a hub): Novak's
    # account is two steps away only through it
    assert keys == {"ACC-002", "PER-002", "ACC-001", "CSH-001", "COM-001", "ACC-004", "PER-006"}
    assert body["focus"] == "ACC-002"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"focus": "PER-999"}, "“PER-999” is not in this lab's dataset."),
        ({"focus": "PER-001", "depth": "x"}, "The depth is a number from 1 to 3."),
        ({"focus": "PER-001", "depth": "9"}, "The depth is a number from 1 to 3."),
    ],
)
def test_bad_graph_requests_get_a_clear_message(client_of, participant, world, params, message):
    response = _data(client_of(participant), world, **params)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_the_shortest_path_avoids_the_cash_machine(client_of, participant, world):
    client = client_of(participant)
    url = reverse("lab-graph-path", args=[world.pk])
    body = client.get(url, {"source": "PER-003", "target": "pht-001"}).json()
    assert body["path"] == [
        "PER-003",
        "COM-001",
        "PER-001",
        "PHO-001",
        "AD-001",
        "PHT-001",
    ] or body["path"] == ["PER-003", "COM-001", "PER-001", "PHO-001", "AD-002", "PHT-001"]
    assert len(body["edges"]) == 5
    # Novak's account is two steps from Ilieva's through the cash machine, three without it
    body = client.get(url, {"source": "ACC-003", "target": "ACC-002"}).json()
    assert body["path"] == ["ACC-003", "ACC-004", "ACC-001", "ACC-002"]
    # Ilieva's account to Sousa's: through the agency's account (ACC-001 pays ACC-004),
    # not through the cash machine although that is as short
    body = client.get(url, {"source": "ACC-002", "target": "ACC-004"}).json()
    assert body["path"] == ["ACC-002", "ACC-001", "ACC-004"]


def test_the_shortest_path_goes_through_a_hub_when_there_is_no_other_way(
    client_of, participant, world
):
    from crossborder.labs.models import Entity, Transaction

    entities = {e.key: e for e in world.entities.all()}
    lonely = Entity.objects.create(lab=world, key="ACC-050", kind="account", name="PT50 1")
    Transaction.objects.create(
        lab=world,
        key="TRX-0050",
        at=timezone.now(),
        source=lonely,
        target=entities["CSH-001"],
        amount=100,
        channel="cash_in",
    )
    url = reverse("lab-graph-path", args=[world.pk])
    body = client_of(participant).get(url, {"source": "ACC-050", "target": "ACC-002"}).json()
    assert body["path"] == ["ACC-050", "CSH-001", "ACC-002"]


def test_no_path_and_bad_keys_get_a_clear_message(client_of, participant, world):
    from crossborder.labs.models import Entity

    Entity.objects.create(lab=world, key="PER-050", kind="person", name="Alone")
    client = client_of(participant)
    url = reverse("lab-graph-path", args=[world.pk])
    response = client.get(url, {"source": "PER-001", "target": "PER-050"})
    assert response.status_code == 400
    assert response.json()["error"] == "No chain of links or payments connects PER-001 and PER-050."
    response = client.get(url, {"source": "PER-001", "target": ""})
    assert response.json()["error"] == "Give an identifier, e.g. ACC-001."
    response = client.get(url, {"source": "PER-001", "target": "per-001"})
    assert response.json()["error"] == "Give two different identifiers."


def test_a_participant_gets_no_truth_before_the_reveal(client_of, participant, world):
    client = client_of(participant)
    lay_out(world)
    for response in (
        _data(client, world, focus="PER-001", depth=3),
        _data(client, world, whole=1),
        client.get(
            reverse("lab-graph-path", args=[world.pk]), {"source": "PER-003", "target": "ACC-004"}
        ),
    ):
        text = response.content.decode()
        assert response.status_code == 200
        for field in TRUTH_FIELDS:
            assert f'"{field}"' not in text
        assert "network" not in text and "victim" not in text
    page = client.get(reverse("lab-graph", args=[world.pk])).content.decode()
    assert "Show the hidden network" not in page


def test_the_trainer_and_after_the_reveal_the_participant_get_the_truth(
    client_of, participant, trainer, world
):
    body = _data(client_of(trainer), world, focus="ACC-002").json()
    roles = {n["data"]["id"]: n["data"]["role"] for n in body["nodes"]}
    assert roles == {
        "ACC-002": "network",
        "PER-002": "network",
        "ACC-001": "network",
        "CSH-001": "background",
    }
    flows = {
        e["data"]["id"]: e["data"]["network"] for e in body["edges"] if e["data"]["kind"] == "flow"
    }
    assert set(flows.values()) == {True}
    assert (
        "Show the hidden network"
        in client_of(trainer).get(reverse("lab-graph", args=[world.pk])).content.decode()
    )
    world.revealed_at = timezone.now()
    world.save(update_fields=["revealed_at"])
    body = _data(client_of(participant), world, focus="ACC-003").json()
    assert {n["data"]["id"]: n["data"]["role"] for n in body["nodes"]}["ACC-003"] == "lookalike"


def test_the_whole_dataset_uses_the_stored_layout(client_of, participant, world):
    client = client_of(participant)
    response = _data(client, world, whole=1)
    assert response.status_code == 409
    assert response.json()["error"] == "The layout of the whole dataset is being prepared."
    page = client.get(reverse("lab-graph", args=[world.pk])).content.decode()
    assert "The whole-dataset view is being prepared." in page
    assert "Lay out the whole dataset now" not in page  # only for those who run the lab
    lay_out(world)
    world.refresh_from_db()
    body = _data(client, world, whole=1).json()
    assert len(body["nodes"]) == 17
    assert {
        n["data"]["id"]: [n["position"]["x"], n["position"]["y"]] for n in body["nodes"]
    } == world.graph_layout
    assert len([e for e in body["edges"] if e["data"]["kind"] == "link"]) == 12


def test_the_trainer_may_lay_out_the_graph_now(client_of, trainer, participant, world):
    url = reverse("lab-graph-layout", args=[world.pk])
    assert client_of(participant).post(url).status_code == 403
    world.refresh_from_db()
    assert world.graph_layout == {}
    page = client_of(trainer).get(reverse("lab-graph", args=[world.pk])).content.decode()
    assert "Lay out the whole dataset now" in page
    response = client_of(trainer).post(url)
    assert response.status_code == 302
    world.refresh_from_db()
    assert len(world.graph_layout) == 17  # the test settings run tasks immediately


def test_the_side_panel_shows_the_entity_and_its_transactions(client_of, participant, world):
    client = client_of(participant)
    url = reverse("lab-graph-entity", args=[world.pk])
    html = client.get(url, {"key": "acc-002"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html
    assert "ACC-002 · PT50 0002 0123 9876 5432 1015 4" in html
    assert "4 transactions" in html and "2500.00 EUR" in html
    assert "Hidden role" not in html and "Funnel" not in html
    assert "FLAG LINK" not in html  # template comments never reach the page
    page = client.get(url, {"key": "ACC-002"})
    assert "<html" in page.content.decode()
    assert client.get(url, {"key": "NOPE-1"}).status_code == 404


def test_a_person_outside_the_lab_is_refused(client_of, world):
    outsider = make_user("outsider@example.org", first_name="Out", last_name="Sider")
    client = client_of(outsider)
    for name in (
        "lab-graph",
        "lab-graph-data",
        "lab-graph-path",
        "lab-graph-entity",
        "lab-timeline",
    ):
        assert client.get(reverse(name, args=[world.pk])).status_code == 403, name
    assert client.get(reverse("lab-table", args=[world.pk, "person"])).status_code == 403


def _big(lab):
    make_big_dataset(lab, entities=600, transactions=2000)
    lay_out(lab)


@pytest.mark.parametrize("name", ["lab-graph", "lab-graph-data", "lab-graph-whole"])
def test_graph_queries_do_not_grow_with_the_data(
    client_of, participant, world, django_assert_max_num_queries, name
):
    client = client_of(participant)
    lay_out(world)

    def get():
        if name == "lab-graph-whole":
            return client.get(reverse("lab-graph-data", args=[world.pk]), {"whole": 1})
        return client.get(reverse(name, args=[world.pk]))

    with django_assert_max_num_queries(20) as small:
        assert get().status_code == 200
    _big(world)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert get().status_code == 200


def test_the_page_says_when_the_focus_is_unknown_or_the_dataset_empty(
    client_of, participant, world
):
    client = client_of(participant)
    html = client.get(reverse("lab-graph", args=[world.pk]), {"focus": "XYZ-1"}).content.decode()
    assert "“XYZ-1” is not in this lab&#x27;s dataset." in html
    assert 'data-focus="ACC-002"' in html  # back to the lead
    world.entities.all().delete()
    response = client.get(reverse("lab-graph", args=[world.pk]))
    assert response.status_code == 200
    body = _data(client, world).json()
    assert body == {"error": "The dataset has not been generated yet."}


def test_the_side_panel_queries_do_not_grow(
    client_of, participant, world, django_assert_max_num_queries
):
    client = client_of(participant)
    url = reverse("lab-graph-entity", args=[world.pk])
    with django_assert_max_num_queries(20) as small:
        assert client.get(url, {"key": "ACC-001"}).status_code == 200
    make_big_dataset(world, entities=300, transactions=900)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url, {"key": "CSH-0001"}).content.decode()
    assert "CSH-0001" in html
