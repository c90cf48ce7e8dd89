"""The demo's JIT drafts: one per group in different states of completeness, with comments."""

import pytest

from crossborder.demo.drafts import SEMINAR, seed_jit_drafts
from crossborder.workshops.jit.checklist import check, summary
from crossborder.workshops.models import Draft, DraftComment, ExerciseRun
from tests.workshops.test_jit_pages import make_jit_run

pytestmark = pytest.mark.django_db


def test_without_a_run_it_does_nothing_and_says_so():
    assert seed_jit_drafts() == {
        "drafts": 0,
        "comments": 0,
        "note": f"no JIT exercise run in {SEMINAR}",
    }
    assert not Draft.objects.exists()


def test_it_seeds_one_draft_per_group_in_different_states(trainer):
    run, _groups = make_jit_run(slug=SEMINAR, trainer=trainer, status="closed")
    result = seed_jit_drafts(operation="Operation Silver Thread")
    assert result == {"drafts": 3, "comments": 3, "note": ""}
    drafts = list(Draft.objects.filter(run=run).order_by("group__number"))
    scores = [summary(check(d.content, run.exercise.checklist)) for d in drafts]
    complete, half, barely = scores
    assert complete["missing"] <= 2 and drafts[0].submitted_at is not None
    assert barely["met"] <= 2 and drafts[2].submitted_at is None
    assert complete["met"] > half["met"] > barely["met"]
    missing = {r.key for r in check(drafts[1].content, run.exercise.checklist) if r.missing}
    assert {"evaluation-clause", "funding-line", "leader-per-state"} <= missing
    assert "Operation Silver Thread" in drafts[0].content["purpose"]["description"]
    assert DraftComment.objects.filter(author=trainer).count() == 3
    # Again: nothing is added twice.
    assert seed_jit_drafts()["comments"] == 0
    assert Draft.objects.count() == 3 and DraftComment.objects.count() == 3
    assert ExerciseRun.objects.get(pk=run.pk).status == "closed"
