"""Batch issue of a seminar's attendance certificates by programme staff: a background task
with a progress page, only the missing ones on a re-run, a zip of the PDFs, one e-mail each
after commit."""

import io
import json
import zipfile

import pytest
from django.core import mail
from django.db import transaction

from crossborder.credentials.issuing import issue_attendance
from crossborder.credentials.models import Credential, CredentialBatch
from crossborder.credentials.signing.verifying import verify_document
from tests.factories import make_attendee, make_seminar, make_user

pytestmark = pytest.mark.django_db

NAMES = [("Αικατερίνη", "Παπαδοπούλου"), ("Злата", "Йорданова"), ("Jonas", "Müller")]


@pytest.fixture
def seminar():
    seminar = make_seminar("vienna-2027", status="held")
    for n, (first, last) in enumerate(NAMES):
        make_attendee(seminar, make_user(f"p{n}@example.org", first_name=first, last_name=last))
    no_show = make_user("absent@example.org", first_name="Absent", last_name="Person")
    make_attendee(seminar, no_show, checked_in=False)
    return seminar


def test_a_manager_issues_all_certificates_in_the_background(
    client_of, manager, seminar, django_capture_on_commit_callbacks
):
    client = client_of(manager)
    page = client.get("/manage/seminars/vienna-2027/certificates/").content.decode()
    assert "Issue 3 missing certificates" in page and "Absent" not in page
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/manage/seminars/vienna-2027/certificates/issue/")
    batch = CredentialBatch.objects.get()
    assert r["Location"] == f"/manage/seminars/vienna-2027/certificates/batches/{batch.pk}/"
    assert (batch.status, batch.total, batch.done, batch.issued) == ("done", 3, 3, 3)
    holders = set(Credential.objects.values_list("facts__holder_name", flat=True))
    assert holders == {f"{first} {last}" for first, last in NAMES}
    assert all(c.pdf for c in Credential.objects.all())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "p0@example.org",
        "p1@example.org",
        "p2@example.org",
    ]
    assert "http://127.0.0.1:8000/me/credentials/" in mail.outbox[0].body
    status = client.get(r["Location"]).content.decode()
    assert "Done: 3 certificates issued" in status and "hx-get" not in status

    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/manage/seminars/vienna-2027/certificates.zip").content)
    )
    names = archive.namelist()
    pdfs = [n for n in names if n.startswith("pdf/")]
    assert len(names) == 9 and len(pdfs) == 3 and all(n.endswith(".pdf") for n in pdfs)
    assert any(name.startswith("pdf/αικατερίνη-παπαδοπούλου-") for name in names)
    assert all(archive.read(name).startswith(b"%PDF") for name in pdfs)
    for credential in Credential.objects.filter(seminar__slug="vienna-2027"):
        stem = names[names.index(next(n for n in pdfs if credential.code in n))][4:-4]
        raw = archive.read(f"open-badges/{stem}.json")
        assert json.loads(raw) == credential.open_badge and verify_document(raw).valid
        elm = json.loads(archive.read(f"elm/{stem}.jsonld"))
        assert credential.code in json.dumps(elm) and elm["type"]


def test_a_rerun_issues_only_the_missing_ones(
    client_of, manager, seminar, django_capture_on_commit_callbacks
):
    from crossborder.enrolment.models import Application

    done = Application.objects.filter(call__seminar=seminar, user__email="p0@example.org").get()
    existing = issue_attendance(done, by=manager, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        client_of(manager).post("/manage/seminars/vienna-2027/certificates/issue/")
    batch = CredentialBatch.objects.get()
    assert (batch.total, batch.issued) == (2, 2)
    assert Credential.objects.count() == 3 and Credential.objects.get(holder=done.user) == existing
    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.org", "p2@example.org"]


def test_the_status_page_polls_while_the_batch_is_pending(client_of, manager, seminar):
    batch = CredentialBatch.objects.create(
        seminar=seminar, created_by=manager, total=3, done=1, status=CredentialBatch.Status.RUNNING
    )
    url = f"/manage/seminars/vienna-2027/certificates/batches/{batch.pk}/"
    html = client_of(manager).get(url).content.decode()
    assert 'hx-get="' + url + '"' in html and 'value="1" max="3"' in html
    fragment = client_of(manager).get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="batch-status"') and "<html" not in fragment


def test_the_mail_leaves_only_after_commit(manager, seminar):
    from crossborder.enrolment.models import Application

    application = Application.objects.filter(call__seminar=seminar).exclude(checked_in_at=None)[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_attendance(application, by=manager, pdf=False)
        assert mail.outbox == []
        raise RuntimeError("rolled back")
    assert mail.outbox == [] and not Credential.objects.exists()


def test_only_programme_staff_issue_and_download(client_of, participant, trainer, seminar):
    for user in (participant, trainer):
        client = client_of(user)
        assert client.get("/manage/seminars/vienna-2027/certificates/").status_code == 403
        assert client.post("/manage/seminars/vienna-2027/certificates/issue/").status_code == 403
        assert client.get("/manage/seminars/vienna-2027/certificates.zip").status_code == 403
    assert not CredentialBatch.objects.exists()


def test_the_certificates_page_uses_a_fixed_number_of_queries(
    client_of, manager, seminar, django_assert_max_num_queries
):
    client = client_of(manager)
    client.get("/manage/seminars/vienna-2027/certificates/")
    with django_assert_max_num_queries(12) as few:
        client.get("/manage/seminars/vienna-2027/certificates/")
    for n in range(4):
        person = make_user(f"more{n}@example.org", first_name=f"M{n}", last_name="X")
        issue_attendance(make_attendee(seminar, person), by=manager, pdf=False, notify=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/manage/seminars/vienna-2027/certificates/").content.decode()
    assert html.count('<details class="revoke">') == 4
