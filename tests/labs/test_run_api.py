"""POST /api/v1/labs/{id}/flags with personal API tokens: 201 with the stored flags (and the
score when submitted), 403 for non-participants, 409 when the lab is not open or the flags
were submitted, 400 with the message for other refusals; a refusal stores nothing."""

import pytest

from crossborder.accounts.models import ApiToken
from crossborder.labs.models import Flag, Lab, Submission
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, secret = ApiToken.issue(user=user, name="script")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def world(participant):
    lab, groups = make_lab_world(participant=participant)
    return lab, groups


def post(client, lab, body, user):
    return client.post(
        f"/api/v1/labs/{lab.pk}/flags",
        body,
        content_type="application/json",
        headers=bearer(user),
    )


def test_it_stores_the_flags_of_the_callers_group(client, participant, world):
    lab, groups = world
    body = {
        "flags": [
            {"item": "ACC-002", "category": "funnel", "confidence": 3, "note": "wages in"},
            {"item": "trx-0005", "category": "structuring"},
        ]
    }
    r = post(client, lab, body, participant)
    assert r.status_code == 201, r.content
    data = r.json()
    assert [(f["item"], f["category"], f["confidence"]) for f in data["flags"]] == [
        ("ACC-002", "funnel", 3),
        ("TRX-0005", "structuring", 2),
    ]
    assert data["submitted_at"] is None and data["scores"] is None
    assert Submission.objects.get().group == groups[0]
    assert Flag.objects.count() == 2


def test_it_submits_and_returns_the_score(client, participant, world):
    lab, _groups = world
    body = {"flags": [{"item": "ACC-002", "category": "funnel"}], "submit": True}
    r = post(client, lab, body, participant)
    assert r.status_code == 201
    assert r.json()["submitted_at"] is not None
    assert r.json()["scores"]["categories"]["funnel"]["recall"] == 0.1667  # 1 of 6
    r = post(client, lab, {"flags": [{"item": "AD-001", "category": "funnel"}]}, participant)
    assert r.status_code == 409
    assert "can no longer be changed" in r.json()["detail"]
    assert Flag.objects.count() == 1


def test_submitting_what_is_stored_needs_no_new_flag(client, participant, world):
    lab, _groups = world
    post(client, lab, {"flags": [{"item": "ACC-002", "category": "funnel"}]}, participant)
    r = post(client, lab, {"submit": True}, participant)
    assert r.status_code == 201 and r.json()["flags"] == []
    assert Submission.objects.get().submitted_at is not None


@pytest.mark.parametrize(
    ("flags", "detail"),
    [
        ([{"item": "PER-999", "category": "funnel"}], "“PER-999” is not in this lab's dataset."),
        (
            [{"item": "PER-001", "category": "funnel"}, {"item": "PER-001", "category": "funnel"}],
            "“PER-001” is flagged twice in this request.",
        ),
        ([{"item": "PER-001", "category": "hunch"}], "“hunch” is not a red-flag category"),
        ([], "No flag was given."),
    ],
)
def test_bad_flags_are_a_400_with_the_message(client, participant, world, flags, detail):
    lab, _groups = world
    r = post(client, lab, {"flags": [{"item": "ACC-001", "category": "funnel"}, *flags]}
             if flags else {"flags": []}, participant)  # fmt: skip
    assert r.status_code == 400
    assert detail in r.json()["detail"]
    assert not Flag.objects.exists()


def test_a_duplicate_of_a_stored_flag_is_a_400(client, participant, world):
    lab, _groups = world
    post(client, lab, {"flags": [{"item": "ACC-002", "category": "funnel"}]}, participant)
    r = post(client, lab, {"flags": [{"item": "ACC-002", "category": "housing"}]}, participant)
    assert r.status_code == 400
    assert "Already flagged by your group: ACC-002" in r.json()["detail"]


def test_an_empty_submission_is_a_400(client, participant, world):
    lab, _groups = world
    r = post(client, lab, {"submit": True}, participant)
    assert r.status_code == 400
    assert "Flag at least one" in r.json()["detail"]


@pytest.mark.parametrize("status", ["closed", "prepared"])
def test_a_lab_that_is_not_open_is_a_409(client, participant, world, status):
    lab, _groups = world
    Lab.objects.filter(pk=lab.pk).update(status=status)
    r = post(client, lab, {"flags": [{"item": "ACC-002", "category": "funnel"}]}, participant)
    assert r.status_code == 409
    assert "closed" in r.json()["detail"] or "not been opened" in r.json()["detail"]
    assert not Flag.objects.exists()


@pytest.mark.parametrize("who", ["manager", "funder", "trainer"])
def test_non_participants_are_refused(client, request, world, who):
    lab, _groups = world
    user = request.getfixturevalue(who)
    r = post(client, lab, {"flags": [{"item": "ACC-002", "category": "funnel"}]}, user)
    assert r.status_code == 403
    assert not Flag.objects.exists()


def test_an_unknown_lab_is_a_404(client, participant, world):
    r = client.post(
        "/api/v1/labs/999999/flags",
        {"flags": []},
        content_type="application/json",
        headers=bearer(participant),
    )
    assert r.status_code == 404
