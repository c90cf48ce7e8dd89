"""The demo's groups: every workshop slot of the held seminars allocated by the solver,
published, every hard constraint kept, and better mixed than random groups."""

from collections import Counter

import pytest
from django.core.management import call_command

from crossborder.seminars.models import Seminar
from crossborder.workshops.allocation.people import normalise_organisation, slots_of
from crossborder.workshops.models import AllocationRun, Membership, PairingRule, Workshop

pytestmark = pytest.mark.django_db


def test_the_demo_allocates_every_slot_of_the_held_seminars_better_than_random():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    held = list(Seminar.objects.filter(status="held"))
    slots = sum(len(slots_of(s)) for s in held)
    assert slots >= 6
    workshops = list(Workshop.objects.filter(seminar__in=held))
    assert len(workshops) == slots
    assert all(w.published_at for w in workshops)
    assert PairingRule.objects.filter(seminar__in=held).exists()
    for run in AllocationRun.objects.filter(workshop__in=workshops):
        assert run.status == "done", run.error
        assert run.result["overall"]["diversity"] > run.result["random"]["diversity"]
    members = Membership.objects.filter(workshop__in=workshops).select_related(
        "application__user__profile", "group"
    )
    per_group: dict = {}
    for m in members:
        per_group.setdefault(m.group, []).append(m.application)
    for group, applications in per_group.items():
        orgs = Counter(normalise_organisation(a.organisation) for a in applications)
        assert max(orgs.values()) == 1, group
        for a in applications:
            languages = a.user.profile.working_languages
            assert not languages or group.language in languages
    for rule in PairingRule.objects.filter(seminar__in=held):
        for workshop in workshops:
            where = dict(
                Membership.objects.filter(
                    workshop=workshop, application__in=[rule.first_id, rule.second_id]
                ).values_list("application_id", "group_id")
            )
            if len(where) == 2:
                same = where[rule.first_id] == where[rule.second_id]
                assert same == (rule.kind == "together")
    again = Membership.objects.count()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Membership.objects.count() == again  # idempotent
