"""The dashboard, the API and the report list cost a fixed number of queries, however many
people were trained (measured with the hand-counted programme and with 20 more people)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossborder.enrolment.models import Application, Call
from tests.factories import make_applicant

# The most each page may cost, as measured (signed-in user: session and user included): 16 for
# the programme's sections, 15 more for knowledge gain, satisfaction and follow-up outcomes.
PAGES = {
    "/reports/indicators/": 31,
    "/reports/indicators/?seminar=vienna&start=2027-01-01": 31,
    "/api/v1/reports/indicators": 31,
    "/reports/funder/": 5,
}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("role", ["manager", "funder"])
def test_it_costs_the_same_queries_for_more_people(world, client_of, role, request):
    client = client_of(request.getfixturevalue(role))
    client.get("/dashboard/")  # the first request of a session checks the second factor once
    before = {url: _count(client, url) for url in PAGES}
    call = Call.objects.get(seminar__slug="vienna")
    for n in range(100, 120):
        make_applicant(
            call,
            n,
            status=Application.Status.ATTENDED,
            profession=["judge", "prosecutor", "civil_society"][n % 3],
            country=["IT", "ES", "RO", "SE"][n % 4],
        )
    after = {url: _count(client, url) for url in PAGES}
    assert after == before
    for url, limit in PAGES.items():
        assert after[url] <= limit, (url, after[url])
