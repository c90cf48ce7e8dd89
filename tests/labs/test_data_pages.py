"""Storing a generated case, the lab creation form, the generation status page, the
downloads (CSV, GraphML) and the dataset API."""

import csv
import io
import zipfile

import networkx as nx
import pytest
from django.urls import reverse

from crossborder.audit.models import AuditEntry
from crossborder.labs.generating import storing
from crossborder.labs.generating.exporting import safe_cell
from crossborder.labs.models import SEED_MAX, Entity, Lab, Submission, Transaction
from tests.factories import make_user
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(participant):
    lab, groups = make_lab_world(participant=participant)
    return lab, groups


@pytest.fixture
def outsider(db):
    return make_user("outsider@example.org", first_name="Otto", last_name="Side")


def prepared_lab(world, size=400, seed=5):
    lab, _groups = world
    return Lab.objects.create(
        title="Prepared",
        workshop=lab.workshop,
        seed=seed,
        difficulty=2,
        transactions_wanted=size,
    )


# -- storing ---------------------------------------------------------------------------------


def test_generate_lab_stores_the_case_and_replaces_it(world):
    lab = prepared_lab(world)
    seen = []
    storing.generate_lab(lab, progress=seen.append)
    lab.refresh_from_db()
    assert lab.generation == Lab.Generation.DONE and lab.generation_progress == 100
    assert seen[-1] == 100 and seen == sorted(seen)
    assert lab.transactions.count() == 400
    n_entities = lab.entities.count()
    assert n_entities > 100 and lab.links.count() > 100
    assert lab.lead is not None and lab.lead.key in lab.brief
    assert lab.brief_fr and lab.brief_de and lab.generated_at
    assert lab.truth_summary["network"]
    network = set(lab.entities.filter(truth_role="network").values_list("key", flat=True))
    assert set(lab.truth_summary["network"]) == network
    assert lab.title == "Prepared"
    first_keys = set(lab.entities.values_list("name", flat=True))
    # Regenerate with another seed: the earlier dataset is gone.
    lab.seed = 6
    lab.save()
    storing.generate_lab(lab)
    assert lab.transactions.count() == 400
    assert set(lab.entities.values_list("name", flat=True)) != first_keys
    assert Entity.objects.filter(lab=lab).count() == lab.entities.count()


def test_regeneration_is_refused_once_opened_or_worked_on(world, manager):
    lab, groups = world  # open, with the hand-made dataset
    with pytest.raises(storing.GenerationRefused):
        storing.generate_lab(lab)
    assert lab.transactions.count() == 10
    prepared = prepared_lab(world)
    Submission.objects.create(lab=prepared, group=groups[0])
    with pytest.raises(storing.GenerationRefused, match="flagged"):
        storing.regenerate_lab(prepared, seed=9, by=manager)
    prepared.refresh_from_db()
    assert prepared.seed == 5


def test_a_failure_is_recorded_and_stores_nothing(world, monkeypatch):
    lab = prepared_lab(world)

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storing, "_store", broken)
    storing.generate_lab(lab)
    lab.refresh_from_db()
    assert lab.generation == Lab.Generation.FAILED
    assert lab.generation_error == "disk full"
    assert lab.entities.count() == 0 and lab.transactions.count() == 0


# -- creating a lab --------------------------------------------------------------------------


def form_data(lab, **changes):
    data = {
        "title": "Follow the money",
        "where": "workshop",
        "workshop": lab.workshop_id,
        "seed": 123,
        "difficulty": 1,
        "transactions_wanted": 300,
    }
    return {**data, **changes}


def test_a_manager_creates_a_lab_and_it_is_generated(
    world, manager, client_of, django_capture_on_commit_callbacks
):
    lab, _groups = world
    client = client_of(manager)
    page = client.get(reverse("lab-new"))
    assert page.status_code == 200
    seed = page.context["form"]["seed"].initial
    assert 0 <= seed <= SEED_MAX
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lab-new"), form_data(lab))
    new = Lab.objects.exclude(pk=lab.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("lab-status", args=[new.pk])
    assert (new.status, new.seed, new.difficulty, new.created_by) == ("prepared", 123, 1, manager)
    assert new.generation == "done" and new.transactions.count() == 300
    assert AuditEntry.objects.filter(action="lab.create", object_id=str(new.pk)).exists()
    status = client.get(reverse("lab-status", args=[new.pk]))
    assert "The case is ready" in status.content.decode()


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"seed": SEED_MAX + 1}, "seed"),
        ({"seed": -1}, "seed"),
        ({"difficulty": 4}, "difficulty"),
        ({"difficulty": 0}, "difficulty"),
        ({"transactions_wanted": 199}, "transactions_wanted"),
        ({"transactions_wanted": 20_001}, "transactions_wanted"),
        ({"workshop": ""}, "workshop"),
        ({"where": "module", "module": ""}, "module"),
        ({"title": ""}, "title"),
    ],
)
def test_out_of_range_input_is_a_form_error(world, manager, client_of, changes, field):
    lab, _groups = world
    response = client_of(manager).post(reverse("lab-new"), form_data(lab, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Lab.objects.count() == 1


def test_only_lab_creators_open_the_form(world, participant, trainer, client_of):
    for user in (participant, trainer):
        assert client_of(user).get(reverse("lab-new")).status_code == 403


# -- status page -----------------------------------------------------------------------------


def test_status_page_polls_while_pending_and_offers_regeneration(
    world, manager, client_of, django_capture_on_commit_callbacks
):
    lab = prepared_lab(world)
    client = client_of(manager)
    page = client.get(reverse("lab-status", args=[lab.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "Queued" in page
    fragment = client.get(reverse("lab-status", args=[lab.pk]), headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<section id="generation-status"')
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("lab-regenerate", args=[lab.pk]), {"seed": 77})
    assert response.status_code == 302
    lab.refresh_from_db()
    assert lab.seed == 77 and lab.generation == "done" and lab.transactions.count() == 400
    page = client.get(reverse("lab-status", args=[lab.pk])).content.decode()
    assert "every 1s" not in page and "Regenerate with another seed" in page


def test_failed_generation_shows_the_error_and_a_try_again_button(world, manager, client_of):
    lab = prepared_lab(world)
    Lab.objects.filter(pk=lab.pk).update(generation="failed", generation_error="disk full")
    page = client_of(manager).get(reverse("lab-status", args=[lab.pk])).content.decode()
    assert "disk full" in page and "Try again" in page


def test_regeneration_refusals_are_clear(world, manager, client_of):
    lab, _groups = world
    client = client_of(manager)
    response = client.post(reverse("lab-regenerate", args=[lab.pk]), {"seed": 3})
    assert response.status_code == 400
    assert "can no longer be replaced" in response.content.decode()
    prepared = prepared_lab(world)
    response = client.post(reverse("lab-regenerate", args=[prepared.pk]), {"seed": SEED_MAX + 1})
    assert response.status_code == 400 and "seed" in response.context["form"].errors
    lab.refresh_from_db()
    assert lab.seed == 7


def test_status_page_is_for_those_who_run_the_lab(world, participant, outsider, client_of):
    lab, _groups = world
    for user in (participant, outsider):
        assert client_of(user).get(reverse("lab-status", args=[lab.pk])).status_code == 403


def test_status_page_queries_do_not_grow(world, manager, client_of, django_assert_max_num_queries):
    small = prepared_lab(world, size=200)
    storing.generate_lab(small)
    big = prepared_lab(world, size=2000, seed=8)
    storing.generate_lab(big)
    client = client_of(manager)
    client.get(reverse("lab-status", args=[small.pk]))
    for lab in (small, big):
        with django_assert_max_num_queries(12):
            assert client.get(reverse("lab-status", args=[lab.pk])).status_code == 200
        with django_assert_max_num_queries(16):
            assert client.get(reverse("lab", args=[lab.pk])).status_code == 200


# -- downloads -------------------------------------------------------------------------------


def read_zip(content):
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(archive.namelist()) == ["entities.csv", "links.csv", "transactions.csv"]
    tables = {}
    for name in archive.namelist():
        raw = archive.read(name)
        assert raw.startswith(b"\xef\xbb\xbf")
        tables[name] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return tables


def test_csv_download_for_participants_without_truth(world, participant, client_of):
    lab, _groups = world
    response = client_of(participant).get(reverse("lab-download", args=[lab.pk, "csv"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    tables = read_zip(response.content)
    assert len(tables["entities.csv"]) == 17
    assert len(tables["links.csv"]) == lab.links.count()
    assert len(tables["transactions.csv"]) == 10
    assert "truth_role" not in tables["entities.csv"][0]
    assert "truth_flags" not in tables["transactions.csv"][0]
    phone = next(row for row in tables["entities.csv"] if row["key"] == "PHO-001")
    assert phone["name"] == "'+351 912 000 111"
    assert phone["operator"] == "Lumo"
    trx = next(row for row in tables["transactions.csv"] if row["key"] == "TRX-0005")
    assert trx["amount"] == "9800.00" and trx["source"] == "CSH-001"


def test_csv_download_with_truth_for_the_trainer(world, manager, client_of):
    lab, _groups = world
    response = client_of(manager).get(reverse("lab-download", args=[lab.pk, "csv"]))
    tables = read_zip(response.content)
    petrov = next(row for row in tables["entities.csv"] if row["key"] == "PER-001")
    assert petrov["truth_role"] == "network" and petrov["truth_flags"] == "third_party"
    assert sum(row["truth_network"] == "yes" for row in tables["transactions.csv"]) == 7


@pytest.mark.parametrize(
    "value,cell",
    [("+351", "'+351"), ("=SUM(A1)", "'=SUM(A1)"), ("-2", "'-2"), ("@x", "'@x"), ("ok", "ok")],
)
def test_formula_cells_get_an_apostrophe(value, cell):
    assert safe_cell(value) == cell


def test_graphml_holds_every_entity_and_edge(world, participant, manager, client_of, tmp_path):
    lab, _groups = world
    response = client_of(participant).get(reverse("lab-download", args=[lab.pk, "graphml"]))
    assert response.status_code == 200
    path = tmp_path / "lab.graphml"
    path.write_bytes(response.content)
    g = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == set(lab.entities.values_list("key", flat=True))
    assert g.number_of_edges() == lab.links.count() + lab.transactions.count()
    assert g.nodes["AD-001"]["details_site"] == "classificados.example"
    assert "truth_role" not in g.nodes["PER-001"]
    edges = {key: data for _u, _v, key, data in g.edges(keys=True, data=True)}
    assert edges["TRX-0005"]["amount"] == 9800.0 and edges["TRX-0005"]["kind"] == "cash_in"
    assert sum(1 for d in edges.values() if d["type"] == "link") == lab.links.count()
    with_truth = client_of(manager).get(reverse("lab-download", args=[lab.pk, "graphml"]))
    path.write_bytes(with_truth.content)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.nodes["PER-001"]["truth_role"] == "network"


def test_graphml_of_a_generated_lab(world, manager, client_of, tmp_path):
    lab = prepared_lab(world, size=300)
    storing.generate_lab(lab)
    content = client_of(manager).get(reverse("lab-download", args=[lab.pk, "graphml"])).content
    path = tmp_path / "lab.graphml"
    path.write_bytes(content)
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == lab.entities.count()
    assert g.number_of_edges() == lab.links.count() + 300


def test_downloads_are_refused_to_non_participants(world, outsider, client_of):
    lab, _groups = world
    client = client_of(outsider)
    for fmt in ("csv", "graphml"):
        assert client.get(reverse("lab-download", args=[lab.pk, fmt])).status_code == 403
    assert client_of(outsider).get(f"/labs/{lab.pk}/download.xlsx").status_code in (403, 404)


def test_an_unknown_format_is_not_found(world, participant, client_of):
    lab, _groups = world
    assert client_of(participant).get(f"/labs/{lab.pk}/download.xlsx").status_code == 404


# -- API -------------------------------------------------------------------------------------


def test_dataset_api_for_participants_without_truth(world, participant, client_of):
    lab, _groups = world
    response = client_of(participant).get(f"/api/v1/labs/{lab.pk}/dataset")
    assert response.status_code == 200
    data = response.json()
    assert data["lead"] == "ACC-002" and data["with_truth"] is False
    assert len(data["entities"]) == 17 and len(data["transactions"]) == 10
    assert len(data["links"]) == lab.links.count()
    assert data["entities"][0]["truth_role"] is None
    trx = next(t for t in data["transactions"] if t["key"] == "TRX-0005")
    assert trx["truth_flags"] is None and trx["source"] == "CSH-001"
    assert trx["amount"] in ("9800.00", 9800.0)


def test_dataset_api_with_truth_for_the_trainer(world, manager, client_of):
    lab, _groups = world
    data = client_of(manager).get(f"/api/v1/labs/{lab.pk}/dataset").json()
    assert data["with_truth"] is True
    petrov = next(e for e in data["entities"] if e["key"] == "PER-001")
    assert petrov["truth_role"] == "network"


def test_dataset_api_refuses_non_participants(world, outsider, client_of):
    lab, _groups = world
    response = client_of(outsider).get(f"/api/v1/labs/{lab.pk}/dataset")
    assert response.status_code == 403
    assert client_of(outsider).get("/api/v1/labs/999999/dataset").status_code == 404


def test_the_overview_shows_downloads_and_status(world, manager, participant, client_of):
    lab, _groups = world
    page = client_of(participant).get(reverse("lab", args=[lab.pk])).content.decode()
    assert reverse("lab-download", args=[lab.pk, "graphml"]) in page
    assert reverse("lab-status", args=[lab.pk]) not in page
    page = client_of(manager).get(reverse("lab", args=[lab.pk])).content.decode()
    assert reverse("lab-status", args=[lab.pk]) in page
    assert Transaction.objects.filter(lab=lab).count() == 10


def test_a_lab_already_being_generated_is_not_generated_twice(world):
    lab = prepared_lab(world)
    Lab.objects.filter(pk=lab.pk).update(generation="running")
    storing.generate_lab(lab)
    assert lab.generation == "running" and lab.transactions.count() == 0


def test_a_lab_for_self_study_in_a_module(world, manager, client_of):
    from crossborder.learning.models import Module

    lab, _groups = world
    module = Module.objects.create(slug="follow-money", title="Follow the money", level="public")
    response = client_of(manager).post(
        reverse("lab-new"), form_data(lab, where="module", module=module.pk)
    )
    assert response.status_code == 302
    new = Lab.objects.get(module=module)
    assert new.workshop is None and new.is_self_study
