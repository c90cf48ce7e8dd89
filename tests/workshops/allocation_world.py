"""A seminar with one workshop slot of four trainers and a cohort of confirmed participants,
for the group allocation tests (tests/workshops/test_allocation*.py)."""

import random

from crossborder.workshops.allocation.people import slots_of
from tests.factories import make_applicant, make_call, make_seminar, make_speaker

PROFESSIONS = [
    "judge",
    "prosecutor",
    "law_enforcement",
    "financial_compliance",
    "labour_inspector",
    "civil_society",
]
COUNTRIES = ["AT", "DE", "PL", "RO", "PT", "GR", "NL", "IT"]


def seminar_with_cohort(n=24, *, seed=1, slug="groups-seminar", status="confirmed", orgs=None):
    """`n` confirmed participants of mixed professions, countries and genders; `orgs` maps a
    participant's index to an organisation (others have their own)."""
    seminar = make_seminar(slug)
    call = make_call(seminar)
    workshop_sessions = list(seminar.sessions.filter(kind="workshop").order_by("track"))
    for k, session in enumerate(workshop_sessions):
        session.speakers.add(make_speaker(f"{slug}-extra-{k}", f"Trainer Extra {k}"))
    rng = random.Random(seed)
    people = []
    for i in range(n):
        people.append(
            make_applicant(
                call,
                1000 * seed + i,
                status=status,
                profession=PROFESSIONS[i % len(PROFESSIONS)],
                country=rng.choice(COUNTRIES),
                gender="female" if rng.random() < 0.5 else "male",
                organisation=(orgs or {}).get(i),
            )
        )
    return seminar, people


def slot_key(seminar) -> int:
    return slots_of(seminar)[0].key


def allocate(client, seminar, django_capture_on_commit_callbacks, **form):
    """Post the allocate form (one group per trainer unless said) and run the queued task."""
    data = {"slot": slot_key(seminar), "mode": "trainers", **form}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/manage/seminars/{seminar.slug}/groups/allocate/", data)
