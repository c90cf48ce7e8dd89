"""GET /api/v1/workshops/{id}/drafts: trainers of the slot and staff, with tokens; never
participants."""

import pytest

from crossborder.accounts.models import ApiToken
from crossborder.workshops.models import Draft
from tests.workshops.test_jit_pages import make_jit_run

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, secret = ApiToken.issue(user=user, name="test")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def world(participant, trainer):
    run, groups = make_jit_run(participant=participant, trainer=trainer)
    Draft.objects.create(
        run=run,
        group=groups[1],
        content={"evaluation": {"evaluation": "Mid-term review"}},
    )
    Draft.objects.create(run=run, group=groups[0], content={}, updated_by=participant)
    return run, groups


def test_the_trainer_of_the_slot_reads_every_draft_with_its_missing_items(client, trainer, world):
    run, _groups = world
    r = client.get(f"/api/v1/workshops/{run.workshop_id}/drafts", headers=bearer(trainer))
    assert r.status_code == 200
    body = r.json()
    assert [d["group"] for d in body] == [1, 2]
    second = body[1]
    assert second["run"] == run.pk and second["exercise"] == "jit-simulation"
    assert second["content"] == {"evaluation": {"evaluation": "Mid-term review"}}
    assert second["met"] == 1 and second["applicable"] == 19
    missing = {m["key"] for m in second["missing"]}
    assert "leader-per-state" in missing and "evaluation-clause" not in missing
    assert "updated_at" in second and second["submitted_at"] is None


def test_programme_staff_read_it_too(client, manager, world):
    run, _groups = world
    r = client.get(f"/api/v1/workshops/{run.workshop_id}/drafts", headers=bearer(manager))
    assert r.status_code == 200 and len(r.json()) == 2


def test_participants_and_other_trainers_get_403(client, participant, funder, world):
    run, _groups = world
    client.force_login(participant)  # participants have no tokens: their session
    assert client.get(f"/api/v1/workshops/{run.workshop_id}/drafts").status_code == 403
    client.logout()
    from tests.factories import make_user

    other = make_user("other-trainer@example.org", role="trainer")
    for user in (other, funder):
        r = client.get(f"/api/v1/workshops/{run.workshop_id}/drafts", headers=bearer(user))
        assert r.status_code == 403


def test_signed_out_callers_get_401_and_unknown_workshops_404(client, trainer, world):
    run, _groups = world
    assert client.get(f"/api/v1/workshops/{run.workshop_id}/drafts").status_code == 401
    r = client.get(f"/api/v1/workshops/{run.workshop_id + 99}/drafts", headers=bearer(trainer))
    assert r.status_code == 404
