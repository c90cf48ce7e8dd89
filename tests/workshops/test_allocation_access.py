"""Who may do what with workshop groups (the decisions in crossborder/access/workshops.py),
as a matrix and through the pages; and the pages' query counts, which do not grow with data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossborder import access
from crossborder.workshops.models import Group, Workshop
from tests.workshops.allocation_world import allocate, seminar_with_cohort

pytestmark = pytest.mark.django_db


def test_the_decisions_as_a_matrix(participant, trainer, manager, funder, admin_user):
    seminar, _people = seminar_with_cohort(2)
    workshop = Workshop(seminar=seminar, start=seminar.start_date)
    assert [
        access.can_manage_groups(u) for u in (participant, trainer, manager, funder, admin_user)
    ] == [
        False,
        False,
        True,
        False,
        True,
    ]
    assert access.can_see_all_groups(manager, seminar)
    assert not access.can_see_all_groups(trainer, seminar)  # does not speak at this seminar
    assert not access.can_see_all_groups(participant, seminar)
    speaker = seminar.sessions.filter(kind="workshop").first().speakers.first()
    speaker.user = trainer
    speaker.save()
    assert access.can_see_all_groups(trainer, seminar)
    assert not access.can_see_own_group(participant, workshop)
    workshop.published_at = "2027-01-01T00:00:00Z"
    assert access.can_see_own_group(participant, workshop)
    assert access.can_list_trainer_groups(trainer) and not access.can_list_trainer_groups(
        participant
    )


@pytest.mark.parametrize("who", ["participant", "trainer", "funder"])
def test_only_programme_staff_open_or_change_the_group_pages(request, client, who):
    user = request.getfixturevalue(who)
    seminar, _people = seminar_with_cohort(4)
    client.force_login(user)
    base = f"/manage/seminars/{seminar.slug}/groups/"
    for url in [base, base + "print/", base + "groups.pdf", base + "runs/1/"]:
        assert client.get(url).status_code == 403, url
    for url in [base + "allocate/", base + "move/", base + "rules/", base + "1/publish/"]:
        assert client.post(url, {"slot": 1, "mode": "trainers"}).status_code == 403, url
    assert not Workshop.objects.exists()


def test_visitors_are_sent_to_sign_in(client):
    seminar, _people = seminar_with_cohort(2)
    r = client.get(f"/manage/seminars/{seminar.slug}/groups/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/workshops/my-groups/").status_code == 302


def test_the_trainer_page_is_for_trainers(client_of, participant):
    assert client_of(participant).get("/workshops/my-groups/").status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_manager_page_costs_the_same_queries_with_three_times_the_people(
    client_of, manager, django_capture_on_commit_callbacks
):
    c = client_of(manager)
    small, _ = seminar_with_cohort(8, slug="small-seminar", seed=1)
    large, _ = seminar_with_cohort(24, slug="large-seminar", seed=2)
    for seminar in (small, large):
        allocate(c, seminar, django_capture_on_commit_callbacks)
        c.post(
            f"/manage/seminars/{seminar.slug}/groups/{Workshop.objects.get(seminar=seminar).pk}/publish/",
            {"publish": "1"},
        )
    counts = [_count(c, f"/manage/seminars/{s.slug}/groups/") for s in (small, large)]
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20, counts
    prints = [_count(c, f"/manage/seminars/{s.slug}/groups/print/") for s in (small, large)]
    assert prints[0] == prints[1], prints


def test_the_participant_views_cost_the_same_queries_with_more_groups_and_people(
    client_of, manager, django_capture_on_commit_callbacks, client
):
    c = client_of(manager)
    small, small_people = seminar_with_cohort(8, slug="small-seminar", seed=1)
    large, large_people = seminar_with_cohort(24, slug="large-seminar", seed=2)
    for seminar in (small, large):
        allocate(c, seminar, django_capture_on_commit_callbacks)
    Workshop.objects.update(published_at="2027-03-01T10:00:00Z")
    counts = []
    for seminar, people in ((small, small_people), (large, large_people)):
        client.force_login(people[0].user)
        counts.append(_count(client, seminar.get_absolute_url()))
    assert counts[0] == counts[1], counts


def test_the_trainer_page_costs_the_same_queries_with_more_groups(
    client_of, manager, trainer, django_capture_on_commit_callbacks, client
):
    c = client_of(manager)
    small, _ = seminar_with_cohort(8, slug="small-seminar", seed=1)
    large, _ = seminar_with_cohort(24, slug="large-seminar", seed=2)
    for seminar in (small, large):
        allocate(c, seminar, django_capture_on_commit_callbacks)
    speaker = Group.objects.filter(workshop__seminar=small).first().trainer
    speaker.user = trainer
    speaker.save()
    client.force_login(trainer)
    one = _count(client, "/workshops/my-groups/")
    Group.objects.filter(workshop__seminar=large).update(trainer=speaker)
    assert _count(client, "/workshops/my-groups/") == one
