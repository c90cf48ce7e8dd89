"""The whole graph's layout: computed with networkx, stored on the lab for every entity."""

import pytest

from crossborder.labs.exploring.layout import lay_out
from crossborder.labs.exploring.tasks import lay_out_lab_graph
from crossborder.labs.models import Lab
from tests.labs.bigworld import make_big_dataset
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


def test_it_stores_a_position_for_every_entity():
    lab, _groups = make_lab_world()
    lay_out(lab)
    lab.refresh_from_db()
    keys = set(lab.entities.values_list("key", flat=True))
    assert set(lab.graph_layout) == keys
    assert all(
        len(p) == 2 and all(isinstance(c, float) for c in p) for p in lab.graph_layout.values()
    )
    # linked entities end up closer than unrelated ones, on average
    assert len({tuple(p) for p in lab.graph_layout.values()}) == len(keys)


def test_the_task_lays_out_the_lab_and_the_same_seed_gives_the_same_picture():
    lab, _groups = make_lab_world()
    lay_out_lab_graph.enqueue(lab.pk)
    first = Lab.objects.get(pk=lab.pk).graph_layout
    assert len(first) == 17
    lay_out(lab)
    assert Lab.objects.get(pk=lab.pk).graph_layout == first


def test_it_lays_out_a_big_lab(capsys):
    lab, _groups = make_lab_world()
    lab.entities.all().delete()
    make_big_dataset(lab)
    seconds = lay_out(lab)
    lab.refresh_from_db()
    assert len(lab.graph_layout) == lab.entities.count() >= 1400
    with capsys.disabled():
        print(
            f"\nlay_out: {lab.entities.count()} entities, {lab.transactions.count()} transactions: {seconds:.2f} s"
        )
