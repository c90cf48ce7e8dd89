"""The groups API with tokens and sessions: staff and trainers read everything, a participant
only their own published group, visitors nothing; staff allocate."""

import pytest

from crossborder.accounts.models import ApiToken
from crossborder.workshops.models import AllocationRun, Group, Membership, Workshop
from tests.workshops.allocation_world import allocate, seminar_with_cohort

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, secret = ApiToken.issue(user=user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def allocated(client_of, manager, django_capture_on_commit_callbacks):
    seminar, people = seminar_with_cohort(16)
    allocate(client_of(manager), seminar, django_capture_on_commit_callbacks)
    client_of(manager).logout()
    return seminar, people


def test_staff_read_every_group_with_members_and_scores(client, manager, allocated):
    seminar, people = allocated
    r = client.get(f"/api/v1/seminars/{seminar.slug}/groups", **bearer(manager))
    assert r.status_code == 200
    (slot,) = r.json()
    assert slot["id"] == Workshop.objects.get().pk and slot["published"] is False
    assert len(slot["groups"]) == 4
    assert sum(len(g["members"]) for g in slot["groups"]) == len(people)
    assert slot["diversity"] > slot["random_diversity"]
    assert {"application_id", "name", "profession", "country", "organisation"} <= set(
        slot["groups"][0]["members"][0]
    )


def test_a_trainer_of_the_seminar_reads_every_group(client, trainer, allocated):
    seminar, _people = allocated
    speaker = Group.objects.first().trainer
    speaker.user = trainer
    speaker.save()
    r = client.get(f"/api/v1/seminars/{seminar.slug}/groups", **bearer(trainer))
    assert r.status_code == 200 and len(r.json()[0]["groups"]) == 4


def test_a_trainer_of_another_seminar_reads_nothing(client, trainer, allocated):
    seminar, _people = allocated
    r = client.get(f"/api/v1/seminars/{seminar.slug}/groups", **bearer(trainer))
    assert r.status_code == 200 and r.json() == []


def test_a_participant_reads_only_their_own_group_and_only_once_published(client, allocated):
    seminar, people = allocated
    me = people[0]
    client.force_login(me.user)
    url = f"/api/v1/seminars/{seminar.slug}/groups"
    assert client.get(url).json() == []
    Workshop.objects.update(published_at="2027-03-01T10:00:00Z")
    data = client.get(url).json()
    assert len(data) == 1 and len(data[0]["groups"]) == 1
    mine = Membership.objects.get(application=me).group
    group = data[0]["groups"][0]
    assert group["number"] == mine.number
    ids = {m["application_id"] for m in group["members"]}
    assert ids == set(
        Membership.objects.filter(group=mine).values_list("application_id", flat=True)
    )
    assert me.pk in ids


def test_visitors_are_refused(client, allocated):
    seminar, _people = allocated
    assert client.get(f"/api/v1/seminars/{seminar.slug}/groups").status_code == 401
    workshop = Workshop.objects.get()
    assert (
        client.post(
            f"/api/v1/workshops/{workshop.pk}/allocate", {}, content_type="application/json"
        ).status_code
        == 401
    )


def test_staff_allocate_and_follow_the_run(
    client, manager, allocated, django_capture_on_commit_callbacks
):
    seminar, _people = allocated
    workshop = Workshop.objects.get()
    headers = bearer(manager)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            f"/api/v1/workshops/{workshop.pk}/allocate",
            {"size": 6},
            content_type="application/json",
            **headers,
        )
    assert r.status_code == 202
    body = r.json()
    run = AllocationRun.objects.get(pk=body["run_id"])
    assert body["status_url"] == f"/manage/seminars/{seminar.slug}/groups/runs/{run.pk}/"
    status = client.get(f"/api/v1/allocations/{run.pk}", **headers).json()
    assert status["status"] == "done" and status["result"]["groups"] == 3
    assert Group.objects.count() == 3


def test_allocating_what_cannot_hold_answers_400_in_words(client, manager, allocated):
    workshop = Workshop.objects.get()
    before = AllocationRun.objects.count()
    r = client.post(
        f"/api/v1/workshops/{workshop.pk}/allocate",
        {"groups": 9},
        content_type="application/json",
        **bearer(manager),
    )
    assert r.status_code == 400
    assert "9 groups need 9 trainers" in r.json()["detail"]
    assert AllocationRun.objects.count() == before


def test_participants_and_trainers_cannot_allocate(client, trainer, allocated):
    _seminar, people = allocated
    workshop = Workshop.objects.get()
    client.force_login(people[0].user)
    url = f"/api/v1/workshops/{workshop.pk}/allocate"
    assert client.post(url, {}, content_type="application/json").status_code == 403
    r = client.post(url, {}, content_type="application/json", **bearer(trainer))
    assert r.status_code == 403
    assert (
        client.post(
            "/api/v1/workshops/999999/allocate",
            {},
            content_type="application/json",
            **bearer(trainer),
        ).status_code
        == 403
    )
