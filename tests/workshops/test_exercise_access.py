"""Who runs and who reads an exercise run (crossborder/access/workshops.py), as a matrix."""

import pytest
from django.contrib.auth.models import AnonymousUser

from crossborder import access
from crossborder.workshops.exercises.views import membership_of
from tests.factories import make_speaker, make_user

from .test_exercise_runs import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(participant, trainer, manager, funder, admin_user):
    world = World(participant, trainer, manager)
    chair = make_user("chair@example.org", role="trainer")
    session = world.seminar.sessions.filter(kind="workshop").order_by("track").last()
    session.chair = make_speaker("chair", "Carla Chair", user=chair)
    session.save(update_fields=["chair"])
    return world, {
        "member": participant,
        "member of the other group": world.groups[1].memberships.first().application.user,
        "slot trainer (speaker)": trainer,
        "slot trainer (chair)": chair,
        "another trainer": make_user("t2@example.org", role="trainer"),
        "another participant": make_user("p2@example.org", profile={"profession": "judge"}),
        "manager": manager,
        "funder": funder,
        "admin": admin_user,
        "visitor": AnonymousUser(),
    }


#                           conducts  reads prepared  reads open
MATRIX = {
    "member": (False, False, True),
    "member of the other group": (False, False, True),
    "slot trainer (speaker)": (True, True, True),
    "slot trainer (chair)": (True, True, True),
    "another trainer": (False, False, False),
    "another participant": (False, False, False),
    "manager": (True, True, True),
    "funder": (False, False, False),
    "admin": (True, True, True),
    "visitor": (False, False, False),
}


def test_it_decides_who_conducts_and_who_reads_a_run(people):
    world, users = people
    answers = {}
    for name, user in users.items():
        membership = membership_of(world.run, user) if user.is_authenticated else None
        answers[name] = [
            access.can_conduct_run(user, world.run),
            access.can_read_run(user, world.run, membership),
        ]
    world.open()
    for name, user in users.items():
        membership = membership_of(world.run, user) if user.is_authenticated else None
        answers[name].append(access.can_read_run(user, world.run, membership))
    assert {name: tuple(a) for name, a in answers.items()} == MATRIX


def test_somebody_else_s_membership_opens_nothing(people, participant):
    world, users = people
    world.open()
    theirs = membership_of(world.run, users["member of the other group"])
    assert not access.can_read_run(participant, world.run, theirs)
    assert not access.can_read_run(users["another participant"], world.run, theirs)


def test_it_lets_the_slot_trainers_and_staff_run_exercises_in_the_slot(people):
    world, users = people
    allowed = {n for n, u in users.items() if access.can_run_exercise_in(u, world.workshop)}
    assert allowed == {"slot trainer (speaker)", "slot trainer (chair)", "manager", "admin"}
