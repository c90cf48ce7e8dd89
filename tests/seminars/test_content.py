"""The demo programme that ships with Crossborder: complete, consistent and loadable twice."""

from collections import Counter

import pytest

from crossborder.curriculum.models import Tag
from crossborder.seminars.content import load_programme
from crossborder.seminars.coverage import compute_coverage
from crossborder.seminars.models import Seminar, Session, Speaker
from crossborder.seminars.timetable import timetable_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    load_programme()
    return Seminar.objects.prefetch_related("sessions__tags", "sessions__speakers")


def test_it_ships_five_seminars_in_five_member_states(programme):
    seminars = list(programme)
    assert len(seminars) == 5
    assert len({s.country.code for s in seminars}) == 5
    assert Speaker.objects.count() >= 25
    assert len({s.country.code for s in Speaker.objects.all()}) >= 10


def test_it_gives_every_seminar_a_full_timetable_with_parallel_workshops(programme):
    for seminar in programme:
        taught = [s for s in seminar.sessions.all() if not s.is_break]
        assert len(taught) >= 12, seminar.slug
        parallel_workshops = [
            slot
            for day in timetable_days(seminar)
            for slot in day.slots
            if slot.parallel and all(s.kind == Session.Kind.WORKSHOP for s in slot.sessions)
        ]
        assert len(parallel_workshops) >= 2, seminar.slug
        for day in timetable_days(seminar):
            assert day.number > 0, f"{seminar.slug}: a session falls outside the seminar's days"


def test_it_has_no_room_or_speaker_clashes(programme):
    for seminar in programme:
        sessions = list(seminar.sessions.all())
        for i, a in enumerate(sessions):
            for b in sessions[i + 1 :]:
                if a.start < b.end and b.start < a.end:
                    assert not (a.room and a.room == b.room), (seminar.slug, a.title, b.title)
                    shared = set(a.speakers.all()) & set(b.speakers.all())
                    assert not shared, (seminar.slug, a.title, b.title)


def test_it_covers_every_cell_of_the_curriculum_matrix(programme):
    sessions = [s for seminar in programme for s in seminar.sessions.all()]
    coverage = compute_coverage(sessions, list(Tag.objects.all()))
    assert coverage.gaps == []
    for seminar in programme:
        per_seminar = compute_coverage(seminar.sessions.all(), list(Tag.objects.all()))
        assert all(hours > 0 for hours in per_seminar.hours.values()), seminar.slug
    themes = Counter(t.code for s in sessions for t in s.tags.all() if t.kind == "theme")
    assert all(themes[code] >= 3 for code in ("cyber", "children", "gender", "victim")), themes


def test_it_cites_material_for_every_taught_session_and_translates_titles(programme):
    for seminar in programme:
        assert seminar.title_fr and seminar.title_de, seminar.slug
        for session in seminar.sessions.all():
            if session.is_break:
                continue
            assert session.materials, session.title
            assert all(m.get("reference") for m in session.materials), session.title
            assert session.title_fr and session.title_de, session.title


def test_it_loads_again_without_duplicating(programme):
    counts = (Seminar.objects.count(), Session.objects.count(), Speaker.objects.count())
    load_programme()
    assert (Seminar.objects.count(), Session.objects.count(), Speaker.objects.count()) == counts
