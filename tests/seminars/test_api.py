import pytest

from crossborder.curriculum.models import Tag
from crossborder.seminars.models import Seminar
from tests.factories import make_seminar

pytestmark = pytest.mark.django_db

NEW = {
    "title": "Labour exploitation and supply chains",
    "slug": "bucharest-2027",
    "city": "Bucharest",
    "country": "RO",
    "start_date": "2027-06-08",
    "end_date": "2027-06-10",
    "time_zone": "Europe/Bucharest",
    "capacity": 55,
    "working_languages": ["en", "ro"],
}


def test_it_lists_public_seminars_to_anyone(client):
    make_seminar()
    make_seminar("draft", status="draft", sessions=False)
    data = client.get("/api/v1/seminars").json()
    assert [s["slug"] for s in data] == ["vienna"]
    assert data[0]["country"] == "AT" and data[0]["url"] == "/seminars/vienna/"


def test_it_gives_a_seminar_with_sessions_and_speakers(client):
    make_seminar()
    data = client.get("/api/v1/seminars/vienna").json()
    assert len(data["sessions"]) == 5
    keynote = next(s for s in data["sessions"] if s["title"] == "Act, means, purpose")
    assert keynote["start"] == "2027-03-16T08:00:00Z"
    assert keynote["tags"] == ["A", "S", "L"] or sorted(keynote["tags"]) == ["A", "L", "S"]
    assert [s["slug"] for s in data["speakers"]] == ["vienna-judge", "vienna-fiu"]
    assert client.get("/api/v1/seminars/nowhere").status_code == 404


def test_it_lets_only_staff_create_seminars(client_of, participant, manager):
    programme = make_seminar(sessions=False).programme_id
    payload = {**NEW, "programme": programme}
    r = client_of(participant).post("/api/v1/seminars", payload, content_type="application/json")
    assert r.status_code == 403
    r = client_of(manager).post("/api/v1/seminars", payload, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["status"] == "draft"
    assert Seminar.objects.get(slug="bucharest-2027").time_zone == "Europe/Bucharest"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": "2027-06-01"}, "end_date"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"country": "XX"}, "country"),
        ({"capacity": 0}, "capacity"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_it_rejects_a_bad_seminar_with_field_errors(client_of, manager, change, field):
    programme = make_seminar(sessions=False).programme_id
    r = client_of(manager).post(
        "/api/v1/seminars",
        {**NEW, "programme": programme, **change},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert field in r.json()["errors"]
    assert not Seminar.objects.filter(slug="bucharest-2027").exists()


def test_it_rejects_a_malformed_payload(client_of, manager):
    r = client_of(manager).post("/api/v1/seminars", "{not json", content_type="application/json")
    assert r.status_code in (400, 422)


def test_it_patches_a_seminar(client_of, manager):
    make_seminar()
    r = client_of(manager).patch(
        "/api/v1/seminars/vienna", {"capacity": 70}, content_type="application/json"
    )
    assert r.status_code == 200
    seminar = Seminar.objects.get(slug="vienna")
    assert seminar.capacity == 70 and seminar.title == "Investigating trafficking across borders"


def test_it_adds_a_session_through_the_api_with_the_same_checks(client_of, manager):
    seminar = make_seminar()
    tag = Tag.objects.get(code="B")
    c = client_of(manager)
    payload = {
        "title": "Asset recovery",
        "kind": "panel",
        "day": "2027-03-17",
        "start_time": "09:00",
        "end_time": "10:00",
        "room": "Plenary",
        "tags": [tag.pk],
    }
    r = c.post("/api/v1/seminars/vienna/sessions", payload, content_type="application/json")
    assert r.status_code == 422
    assert "room" in r.json()["errors"]  # the panel at 09:30 is in the plenary
    payload["room"] = "Room C"
    r = c.post("/api/v1/seminars/vienna/sessions", payload, content_type="application/json")
    assert r.status_code == 201
    assert r.json()["tags"] == ["B"]
    assert seminar.sessions.count() == 6


def test_it_documents_the_seminar_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/seminars",
        "/api/v1/seminars/{slug}",
        "/api/v1/seminars/{slug}/sessions",
    } <= set(paths)
