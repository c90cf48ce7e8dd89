"""The public verification page and API: valid, revoked (with the date only), unknown,
malformed; the certified facts and nothing else; rate-limited; revocation by staff only."""

import pytest

from crossborder.accounts.models import ApiToken
from crossborder.audit.models import AuditEntry
from crossborder.credentials.issuing import issue_attendance
from tests.factories import make_attendee, make_seminar, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(participant, manager):
    seminar = make_seminar("vienna-2027", status="held")
    return issue_attendance(make_attendee(seminar, participant), by=manager, pdf=False)


def test_it_shows_a_valid_certificate_with_its_facts_only(client, credential):
    r = client.get(f"/verify/{credential.code}")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Valid certificate" in html and "Ana Horvat" in html
    assert "Investigating trafficking across borders" in html and "4.50" in html
    assert "Financial investigations and disrupting the business model" in html
    assert "participant@example.org" not in html and "Policija" not in html
    assert f"/verify/{credential.code}/certificate.pdf" in html


def test_it_accepts_a_code_typed_in_lower_case_with_spaces(client, credential):
    typed = " ".join(credential.code[i : i + 4] for i in range(0, 20, 4)).lower()
    r = client.get("/verify/", {"code": typed})
    assert r.status_code == 302 and r["Location"] == f"/verify/{credential.code}"
    r = client.get("/verify/", {"code": f"https://example.org/verify/{credential.code}"})
    assert r["Location"] == f"/verify/{credential.code}"


@pytest.mark.parametrize("code", ["not-a-code", "0" * 20, "A" * 21, "%3Cscript%3E", "ÄÖÜ" * 7])
def test_it_explains_a_malformed_code_with_a_404(client, code):
    r = client.get(f"/verify/{code}")
    assert r.status_code == 404
    assert "This is not a certificate code" in r.content.decode()
    r = client.get(f"/api/v1/credentials/verify/{code}")
    assert r.status_code == 404 and "not a certificate code" in r.json()["detail"]
    r = client.get("/verify/", {"code": code})
    assert r.status_code == 400 and "This is not a certificate code" in r.content.decode()


def test_it_says_an_unknown_code_is_unknown(client, credential):
    unknown = "ABCDEFGHJKMNPQRSTUVW"
    assert credential.code != unknown
    r = client.get(f"/verify/{unknown}")
    assert r.status_code == 404 and "No certificate has this code" in r.content.decode()
    r = client.get(f"/api/v1/credentials/verify/{unknown}")
    assert r.status_code == 404 and r.json() == {"detail": "No certificate has this code."}


def test_revocation_shows_at_once_on_the_page_and_the_api(client, client_of, credential, manager):
    assert client.get(f"/api/v1/credentials/verify/{credential.code}").json()["status"] == "valid"
    staff = client_of(manager)
    r = staff.post(f"/manage/credentials/{credential.code}/revoke/", {"reason": ""})
    assert r.status_code == 302
    credential.refresh_from_db()
    assert credential.revoked_at is None  # a reason is required
    r = staff.post(
        f"/manage/credentials/{credential.code}/revoke/",
        {"reason": "Issued by mistake: the participant left on the first morning."},
    )
    assert r.status_code == 302 and r["Location"] == "/manage/seminars/vienna-2027/certificates/"
    client.logout()
    page = client.get(f"/verify/{credential.code}").content.decode()
    assert "Revoked certificate" in page and "This certificate was revoked on" in page
    assert "left on the first morning" not in page  # the date, nothing about why
    assert f"/verify/{credential.code}/certificate.pdf" not in page
    data = client.get(f"/api/v1/credentials/verify/{credential.code}").json()
    assert data["status"] == "revoked" and data["revoked_at"]
    assert "reason" not in str(data)
    entry = AuditEntry.objects.get(action="credential.revoke")
    assert entry.actor == manager and "first morning" in entry.details["reason"]
    assert client.get(f"/verify/{credential.code}/certificate.pdf").status_code == 302


def test_only_programme_staff_revoke(client_of, credential, participant, trainer):
    for user in (participant, trainer):
        r = client_of(user).post(
            f"/manage/credentials/{credential.code}/revoke/", {"reason": "I want to"}
        )
        assert r.status_code == 403
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_it_limits_lookups_per_client_ip(client, settings, credential):
    settings.CREDENTIAL_VERIFY_RATE = (3, 60)
    for _ in range(3):
        assert client.get(f"/verify/{credential.code}").status_code == 200
    r = client.get(f"/verify/{credential.code}")
    assert r.status_code == 429 and "Too many lookups" in r.content.decode()
    assert client.get(f"/api/v1/credentials/verify/{credential.code}").status_code == 429
    other = client.get(f"/verify/{credential.code}", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # another client is not held back


def test_the_downloads_count_against_the_same_limit(client, settings, credential):
    """The PDF, the Open Badge and the ELM file are lookups too: a scraper cannot switch to them
    once the page refuses it."""
    settings.CREDENTIAL_VERIFY_RATE = (3, 60)
    code = credential.code
    for path in ("certificate.pdf", "open-badge.json", "elm.jsonld"):
        assert client.get(f"/verify/{code}/{path}").status_code == 200
    for path in ("open-badge.json", "elm.jsonld"):
        r = client.get(f"/verify/{code}/{path}")
        assert r.status_code == 429 and "Too many lookups" in r.json()["detail"]
    assert client.get(f"/verify/{code}/certificate.pdf").status_code == 429
    assert client.get(f"/verify/{code}/elm.jsonld", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_pdf_downloads_with_the_code(client, credential):
    r = client.get(f"/verify/{credential.code}/certificate.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")  # rendered on demand: none was stored
    credential.refresh_from_db()
    assert not credential.pdf  # a GET stores nothing


def test_the_api_answers_visitors_tokens_and_sessions_alike(client, client_of, credential, manager):
    url = f"/api/v1/credentials/verify/{credential.code}"
    anonymous = client.get(url).json()
    _token, secret = ApiToken.issue(user=manager, name="HR system")
    with_token = client.get(url, headers={"Authorization": f"Bearer {secret}"}).json()
    with_session = client_of(manager).get(url).json()
    assert anonymous == with_token == with_session
    facts = anonymous["facts"]
    assert facts["holder_name"] == "Ana Horvat" and facts["total_hours"] == "4.50"
    assert [h["code"] for h in facts["hours"]] == ["A", "B", "C"]
    assert "email" not in str(anonymous) and "Policija" not in str(anonymous)


def test_the_page_and_the_api_use_one_query(
    client, credential, django_assert_max_num_queries, manager
):
    seminar = credential.seminar
    for n in range(5):  # more certificates do not make a lookup slower
        person = make_user(f"p{n}@example.org", first_name=f"P{n}", last_name="Q")
        issue_attendance(make_attendee(seminar, person), by=manager, pdf=False)
    with django_assert_max_num_queries(1):
        assert client.get(f"/verify/{credential.code}").status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(f"/api/v1/credentials/verify/{credential.code}").status_code == 200
