"""The dashboard's charts are drawn ahead by the task worker, in the cache every process
shares: the first visitor after new figures is not kept waiting by the drawing."""

import pytest
from django.core.cache import caches

from crossborder.evaluation.reports import tasks


@pytest.fixture
def drawings(monkeypatch):
    """Counts the drawings made (vl-convert calls), from an empty chart cache."""
    import vl_convert

    caches["charts"].clear()
    made = []
    draw = vl_convert.vegalite_to_svg

    def counted(spec, *args, **kwargs):
        made.append(spec)
        return draw(spec, *args, **kwargs)

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", counted)
    return made


def test_the_worker_draws_every_view_so_that_visitors_draw_nothing(
    world, client_of, manager, funder, drawings
):
    ready = tasks.draw_indicator_charts.call()
    assert ready >= 6 * 3  # at least six charts in each of English, French and German
    drawn = len(drawings)
    assert drawn

    for user, language in [(manager, "en"), (funder, "en"), (manager, "fr"), (funder, "de")]:
        client = client_of(user)
        client.cookies["django_language"] = language
        r = client.get("/reports/indicators/")
        assert r.status_code == 200
        assert 'src="data:image/svg+xml;base64,' in r.content.decode()
    assert len(drawings) == drawn  # every chart came from the cache


def test_a_second_round_draws_only_what_changed(world, drawings):
    tasks.draw_indicator_charts.call()
    first = len(drawings)
    tasks.draw_indicator_charts.call()
    assert len(drawings) == first


def test_the_recurring_jobs_include_the_drawing():
    from crossborder.scheduling.recurring import RECURRING

    assert "crossborder.evaluation.reports.tasks.draw_indicator_charts" in {
        job.task for job in RECURRING
    }
