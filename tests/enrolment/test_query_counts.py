"""The manager's enrolment pages and attendance recording cost a fixed number of queries,
whatever the number of applicants (measured with N and 3N people)."""

import pytest

from crossborder.enrolment.models import Application, SelectionRun, SessionAttendance
from tests.factories import make_applicant, make_call, make_seminar

pytestmark = pytest.mark.django_db
S = Application.Status
STATUSES = [S.SUBMITTED, S.CONFIRMED, S.WAITLISTED, S.SELECTED, S.ATTENDED]
N = 5  # people in each status

# The most each page may cost, as measured (signed-in manager: session and user included).
PAGES = {
    "call/": 7,  # with what applications answered (answers and uploads), to keep it
    "applications/": 11,  # with the count of documents for the ZIP button
    "applications/?status=submitted": 11,
    "selection/": 6,
    "waiting-list/": 7,
    "participants.html": 5,
    "participants.csv": 5,
    "check-in/": 6,
    "check-in/?q=Test": 6,
    "attendance/{session}/": 7,
}
RECORDING = 9  # saving an attendance sheet: one upsert for everyone, one audit entry


@pytest.fixture
def call():
    return make_call(make_seminar(sessions=True, capacity=100))


def _add_people(call, start: int, per_status: int) -> None:
    n = start
    for status in STATUSES:
        for _ in range(per_status):
            make_applicant(call, n, status=status, country=["BE", "NL", "AT"][n % 3])
            n += 1
    submitted = list(call.applications.filter(status=S.SUBMITTED).values_list("pk", flat=True))
    half = len(submitted) // 2
    result = {
        "selected": submitted[:half],
        "waiting": submitted[half:],
        "relaxed": {},
        "status": "optimal",
        "seconds": 0.1,
        "objective": 0,
        "reasons": {str(pk): "Priority 10" for pk in submitted},
        "priorities": {str(pk): 10 for pk in submitted},
    }
    SelectionRun.objects.create(call=call, targets={"seats": half}, result=result)


def _session(call):
    return call.seminar.sessions.exclude(kind="break").first()


def _measure(client, call, at_most) -> dict:
    session = _session(call)
    base = f"/manage/seminars/{call.seminar.slug}/"
    counts = {}
    for page, limit in PAGES.items():
        with at_most(limit) as queries:
            r = client.get(base + page.format(session=session.pk))
        assert r.status_code == 200, page
        counts[page] = len(queries)
    return counts


def test_the_manager_pages_cost_the_same_queries_for_n_and_3n_people(
    client_of, manager, call, django_assert_max_num_queries
):
    c = client_of(manager)
    _add_people(call, 0, N)
    for page in PAGES:  # warm: caches filled once per process (content types, …)
        c.get(f"/manage/seminars/vienna/{page.format(session=_session(call).pk)}")
    with_n = _measure(c, call, django_assert_max_num_queries)
    _add_people(call, 100, 2 * N)
    assert _measure(c, call, django_assert_max_num_queries) == with_n


def test_recording_attendance_costs_the_same_queries_for_n_and_3n_people(
    client_of, manager, call, django_assert_max_num_queries
):
    c = client_of(manager)
    session = call.seminar.sessions.exclude(kind="break").first()
    url = f"/manage/seminars/{call.seminar.slug}/attendance/{session.pk}/"

    def record(limit=RECORDING) -> int:
        people = call.applications.filter(status__in=[S.CONFIRMED, S.ATTENDED])
        present = [str(pk) for pk in people.values_list("pk", flat=True)][::2]
        with django_assert_max_num_queries(limit) as queries:
            assert c.post(url, {"present": present}).status_code == 302
        marks = SessionAttendance.objects.filter(session=session)
        assert marks.count() == people.count()
        assert marks.filter(present=True).count() == len(present)
        return len(queries)

    _add_people(call, 0, N)
    record(limit=RECORDING + 4)  # the first marks: also warms the caches filled once per process
    with_n = record()  # again, over existing marks: updated in place
    _add_people(call, 100, 2 * N)
    assert record() == with_n
