"""The public pages and API of the signed credentials: the checker page, POST
/api/v1/credentials/verify and the downloads of a credential's signed forms."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from crossborder.credentials.signing import openbadge

from .schemas import elm_validator, errors, open_badge_validator

API = "/api/v1/credentials/verify"


@pytest.fixture
def issued(issuer_key, make_credential):
    credential = make_credential()
    openbadge.sign_credential(credential)
    return credential


def test_the_checker_page_shows_a_form_with_labels(client, db, key_dir):
    response = client.get("/verify/credential-file/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_file">' in html and '<label for="id_text">' in html


def test_an_uploaded_credential_is_shown_valid_with_its_facts(client, issued):
    upload = SimpleUploadedFile(
        "badge.json", json.dumps(issued.open_badge).encode(), "application/json"
    )
    response = client.post("/verify/credential-file/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This credential is valid" in html and "Ana Horvat" in html and "10.5" in html


def test_a_pasted_tampered_credential_is_shown_not_valid_with_the_reason(client, issued):
    document = dict(issued.open_badge, validFrom="2026-01-01T00:00:00Z")
    response = client.post("/verify/credential-file/", {"text": json.dumps(document)})
    html = response.content.decode()
    assert "This credential is not valid" in html
    assert "changed after it was issued" in html
    assert '<dl class="facts">' not in html  # no facts of a credential that is not valid


def test_an_empty_form_says_what_to_do(client, db, key_dir):
    response = client.post("/verify/credential-file/", {})
    assert response.status_code == 400
    assert "Upload a credential file or paste its JSON." in response.content.decode()


def test_a_huge_upload_is_refused_before_it_is_read(client, db, key_dir):
    response = client.post(
        "/verify/credential-file/",
        data=b"x",
        content_type="application/json",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_the_api_says_valid_for_an_untouched_credential(client, issued):
    response = client.post(API, json.dumps(issued.open_badge), content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["reasons"] == []
    assert body["facts"]["holder_name"] == "Ana Horvat"
    assert body["facts"]["total_hours"] == "10.5"


def test_the_api_reports_a_revocation_at_once(client, issued):
    issued.revoked_at = timezone.now()
    issued.save(update_fields=["revoked_at"])
    body = client.post(API, json.dumps(issued.open_badge), content_type="application/json").json()
    assert body["valid"] is False and body["revoked_at"]
    assert "revoked" in body["reasons"][0]


def test_the_api_refuses_a_100_mb_body_with_413(client, db, key_dir):
    response = client.post(
        API, data=b"{}", content_type="application/json", CONTENT_LENGTH=str(100 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert response.json()["valid"] is False


def test_the_api_answers_400_to_deep_nesting_and_to_what_is_not_json(client, db, key_dir):
    deep = client.post(API, b"[" * 10_000 + b"]" * 10_000, content_type="application/json")
    assert deep.status_code == 400 and "nested" in deep.json()["reasons"][0]
    garbage = client.post(API, b"certificate please", content_type="application/json")
    assert garbage.status_code == 400 and garbage.json()["valid"] is False


def test_checks_are_rate_limited_per_address(client, issued, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "credential_verify": "2/m/ip"}
    body = json.dumps(issued.open_badge)
    codes = [client.post(API, body, content_type="application/json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    page = client.post("/verify/credential-file/", {"text": body})
    assert page.status_code == 429 and "Too many checks" in page.content.decode()


def test_the_open_badge_download_is_the_signed_file(client, issued):
    response = client.get(f"/verify/{issued.code}/open-badge.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert f'filename="open-badge-{issued.code}.json"' in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document == issued.open_badge
    assert errors(open_badge_validator(), document) == []


def test_the_elm_download_validates_against_the_published_schema(client, issued):
    response = client.get(f"/verify/{issued.code}/elm.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert f'filename="elm-{issued.code}.jsonld"' in response["Content-Disposition"]
    assert errors(elm_validator(), json.loads(response.content)) == []


@pytest.mark.parametrize("tail", ["open-badge.json", "elm.jsonld"])
def test_unknown_and_malformed_codes_are_404(client, issued, tail):
    assert client.get(f"/verify/ABCDEFGHJKMNPQRSTUVW/{tail}").status_code == 404
    assert client.get(f"/verify/%3Cscript%3E/{tail}").status_code == 404
