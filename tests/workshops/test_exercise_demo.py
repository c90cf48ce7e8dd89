"""The demo's JIT exercise: prepared for The Hague's first JIT simulation slot (no groups yet,
the trainer previews it) and held and closed in Lisbon's second workshop slot with every
inject released; running the seed again adds nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from crossborder.demo.exercises import LISBON, THE_HAGUE, seed_exercise_run
from crossborder.demo.speaking import seed_trainer_speaker
from crossborder.seminars.content import load_programme
from crossborder.seminars.models import Seminar
from crossborder.workshops.models import ExerciseRun, Group, InjectRelease, Membership
from tests.factories import make_applicant, make_call

pytestmark = pytest.mark.django_db

PROFESSIONS = ["judge", "prosecutor", "law_enforcement", "financial_compliance", "civil_society"]


def test_the_demo_prepares_the_hague_and_holds_lisbon_once(client_of, trainer, manager):
    load_programme()
    seed_trainer_speaker()  # trainer@example.org speaks at The Hague's JIT simulation 1A
    call = make_call(Seminar.objects.get(slug=LISBON))
    for n in range(12):
        make_applicant(call, n, status="attended", profession=PROFESSIONS[n % 5])

    assert seed_exercise_run() == {"exercises": 1, "prepared": 1, "held": 1}

    hague = ExerciseRun.objects.select_related("workshop__seminar").get(
        workshop__seminar__slug=THE_HAGUE
    )
    seminar = hague.workshop.seminar
    local = timezone.localtime(hague.workshop.start, seminar.tz)
    assert hague.status == "prepared" and hague.created_by == trainer
    assert (local.date(), local.time()) == (seminar.start_date, dt.time(14, 0))
    assert not hague.workshop.groups.exists()
    html = client_of(trainer).get(reverse("exercise-run-conduct", args=[hague.pk])).content
    assert "This workshop slot has no groups yet" in html.decode()

    lisbon = ExerciseRun.objects.select_related("workshop__seminar").get(
        workshop__seminar__slug=LISBON
    )
    seminar = lisbon.workshop.seminar
    local = timezone.localtime(lisbon.workshop.start, seminar.tz)
    assert (local.date(), local.time()) == (seminar.days[1], dt.time(13, 30))
    assert lisbon.status == "closed"
    assert lisbon.workshop.start < lisbon.opened_at < lisbon.closed_at
    releases = list(InjectRelease.objects.filter(run=lisbon).order_by("inject__order"))
    assert len(releases) == lisbon.exercise.injects.count() == 7
    times = [r.released_at for r in releases]
    assert times == sorted(times)
    assert lisbon.opened_at < times[0] and times[-1] < lisbon.closed_at
    groups = list(Group.objects.filter(workshop=lisbon.workshop).prefetch_related("memberships"))
    assert [len(g.memberships.all()) for g in groups] == [4, 4, 4]
    for group in groups:
        professions = {m.application.profession for m in group.memberships.all()}
        assert len(professions) >= 3  # dealt round, so mixed

    counts = (
        ExerciseRun.objects.count(),
        InjectRelease.objects.count(),
        Membership.objects.count(),
    )
    assert seed_exercise_run() == {"exercises": 1, "prepared": 0, "held": 0}
    assert (
        ExerciseRun.objects.count(),
        InjectRelease.objects.count(),
        Membership.objects.count(),
    ) == counts
