"""Download my data: the JSON file holds every app's part, and no secret."""

import json

import pytest
from django.contrib.auth.hashers import make_password

from crossborder.audit.models import AuditEntry
from crossborder.privacy.registry import sections
from tests.factories import TOTP_SECRET

from .conftest import COMMENT, DRAFT_COMMENT, ESSAY, FLAG_NOTE, MOTIVATION, SURVEY_TEXT

pytestmark = pytest.mark.django_db
URL = "/account/my-data/"


def _download(client):
    r = client.post(URL)
    assert r.status_code == 200, r.content[:500]
    assert r["Content-Type"].startswith("application/json")
    assert r["Content-Disposition"].startswith('attachment; filename="crossborder-my-data-')
    return r.content.decode(), json.loads(r.content)


def test_the_export_holds_the_persons_data_from_every_app(client_of, participant, everywhere):
    text, data = _download(client_of(participant))
    assert data["format"] == "crossborder-personal-data" and data["version"] == 1
    assert data["generated_at"] and data["subject"] == {"id": participant.pk}
    assert set(data["sections"]) == {s.label for s in sections()}
    for label, section in data["sections"].items():
        assert section["title"] and section["data"], f"{label} exported nothing"
    s = {label: section["data"] for label, section in data["sections"].items()}
    assert s["accounts"]["account"]["email"] == "participant@example.org"
    assert s["accounts"]["profile"]["organisation"] == "Policija"
    assert {f["type"] for f in s["accounts"]["second_factors"]} == {"totp", "recovery_codes"}
    assert s["accounts"]["api_tokens"][0]["starts_with"] == everywhere["api_hint"]
    assert s["seminars"]["speaker"]["name"] == "Ana Horvat" and s["seminars"]["calendar_link"]
    assert s["enrolment"][0]["motivation"] == MOTIVATION
    assert s["enrolment"][0]["sessions"][0]["present"] is True
    assert s["workshops"]["groups"][0]["group"] == 1
    assert s["workshops"]["draft_comments"][0]["comment"] == DRAFT_COMMENT
    assert s["labs"]["flags_raised"][0]["note"] == FLAG_NOTE
    attempts = s["learning"]["attempts"]
    assert any(a["answers"] and a["answers"][0]["response"] == ESSAY for a in attempts)
    assert s["learning"]["lessons_read"][0]["lesson"] == "Signs"
    assert s["authoring"]["modules_owned"] == ["Indicators of THB"]
    assert s["library"]["comments"][0]["comment"] == COMMENT
    assert s["library"]["submissions"][0]["status"] == "submitted"
    assert s["evaluation"]["knowledge_tests"][0]["score"] == 6
    assert s["evaluation"]["named_survey_answers"][0]["answers"][0]["text"] == SURVEY_TEXT
    assert s["credentials"][0]["facts"]["holder_name"] == "Ana Horvat"
    assert {"profile.update"} <= {e["action"] for e in s["audit"]["by_you"]}
    assert [e["action"] for e in s["audit"]["about_you_by_others"]] == ["view.profile"]
    # No secret, anywhere in the file.
    user = type(participant).objects.get(pk=participant.pk)
    for secret in (
        user.password,
        user.password.split("$")[-1],
        TOTP_SECRET,
        everywhere["api_secret"],
        everywhere["calendar_token"],
        everywhere["invitation_token"],
        "nomination-secret-123",
    ):
        assert secret not in text
    assert "password" not in text.lower() and "key_hash" not in text
    assert make_password("x").split("$")[0] not in text  # no hash of any kind


def test_a_download_is_audited_without_its_content(client_of, participant, everywhere):
    _download(client_of(participant))
    entry = AuditEntry.objects.get(action="privacy.export")
    assert entry.actor == participant and entry.object_id == str(participant.pk)
    assert MOTIVATION not in json.dumps(entry.details) and "sections" in entry.details


def test_downloads_are_rate_limited(client_of, participant, settings):
    settings.PRIVACY_EXPORT_RATE = (2, 3600)
    client = client_of(participant)
    _download(client)
    _download(client)
    r = client.post(URL)
    assert r.status_code == 429
    assert "several times in the last hour" in r.content.decode()
    assert AuditEntry.objects.filter(action="privacy.export").count() == 2


def test_the_page_explains_and_a_get_downloads_nothing(client_of, participant):
    r = client_of(participant).get(URL)
    assert r.status_code == 200
    page = r.content.decode()
    assert "Download my data (JSON)" in page and "Account and profile" in page
    assert "Content-Disposition" not in r
    assert not AuditEntry.objects.filter(action="privacy.export").exists()


def test_a_visitor_is_sent_to_sign_in(client):
    r = client.post(URL)
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


def test_the_export_of_a_person_without_a_profile_still_works(client_of, funder):
    _text, data = _download(client_of(funder))
    assert data["sections"]["accounts"]["data"]["profile"] is None
    assert data["sections"]["enrolment"]["data"] == []


def _queries_of_an_export(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # a few per app (13 apps contribute, the network with its cohort messages and the
    # referral profiles included)
    with django_assert_max_num_queries(52), CaptureQueriesContext(connection) as queries:
        _download(client)
    return len(queries)


def test_the_export_takes_the_same_queries_however_much_the_person_did(
    client_of, participant, everywhere, django_assert_max_num_queries
):
    from crossborder.learning.models import Lesson, LessonView
    from crossborder.library.models import Comment, Entry

    client = client_of(participant)
    first = _queries_of_an_export(client, django_assert_max_num_queries)
    entry = Entry.objects.get(slug="nail-bars")
    for n in range(4):
        Comment.objects.create(entry=entry, author=participant, body=f"Comment {n}")
        lesson = Lesson.objects.create(
            module=Lesson.objects.first().module, order=n + 2, slug=f"x{n}", title=f"L{n}"
        )
        LessonView.objects.create(user=participant, lesson=lesson)
    assert _queries_of_an_export(client, django_assert_max_num_queries) == first


def test_the_page_takes_few_queries(client_of, participant, django_assert_max_num_queries):
    client = client_of(participant)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
