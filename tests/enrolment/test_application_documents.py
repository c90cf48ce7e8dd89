"""All the documents of a call's applications in one ZIP, for the course director: a folder per
applicant, names made safe, drafts left out, the list's status filter kept, missing files listed,
and the download written to the audit trail with whose documents they were."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.audit.models import AuditEntry
from crossborder.enrolment.exports import _safe_name
from crossborder.enrolment.models import Application, ApplicationFile, Question
from tests.factories import make_call, make_seminar, make_user

pytestmark = pytest.mark.django_db


def _pdf(text: str) -> bytes:
    return f"%PDF-1.7\n% {text}\n".encode() + b"0" * 400


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call():
    call = make_call(make_seminar(sessions=False, capacity=3))
    Question.objects.create(call=call, order=1, label="Nomination letter", kind="file")
    Question.objects.create(call=call, order=2, label="CV", kind="file", allowed_types=["pdf"])
    return call


def _apply(client_of, user, call, letter, cv=None, *, submit=True):
    """Apply through the real form with the files as a browser sends them."""
    letter_q, cv_q = call.questions.order_by("order")
    data = {"motivation": "I investigate labour exploitation cases."}
    if submit:
        data["submit"] = "1"
    data[f"q{letter_q.pk}"] = SimpleUploadedFile(letter, _pdf(letter), "application/pdf")
    if cv:
        data[f"q{cv_q.pk}"] = SimpleUploadedFile(cv, _pdf(cv), "application/pdf")
    r = client_of(user).post(f"/seminars/{call.seminar.slug}/apply/", data)
    assert r.status_code == 302, r.content.decode()[:400]
    return user.applications.get(call=call)


@pytest.fixture
def applicants(client_of, call, participant):
    müller = make_user(
        "k.mueller@justiz.example",
        first_name="Katrin",
        last_name="Müller",
        profile={"profession": "prosecutor", "country": "DE"},
    )
    dupont = make_user(
        "l.dupont@justice.example",
        first_name="Léa",
        last_name="Dupont",
        profile={"profession": "judge", "country": "FR"},
    )
    drafter = make_user(
        "p.nowak@policja.example", first_name="Piotr", last_name="Nowak", profile={"country": "PL"}
    )
    return {
        # the same name twice, as a scanner names its files
        "horvat": _apply(client_of, participant, call, "scan.pdf", "scan.pdf"),
        "mueller": _apply(client_of, müller, call, "Nominierung GStA München.pdf"),
        "dupont": _apply(client_of, dupont, call, "Lettre de désignation – Parquet.PDF", "CV.pdf"),
        "draft": _apply(client_of, drafter, call, "Entwurf.pdf", submit=False),
    }


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_manager_downloads_every_sent_document_in_one_zip(client_of, manager, call, applicants):
    url = f"/manage/seminars/{call.seminar.slug}/applications/documents.zip"
    listing = client_of(manager).get(f"/manage/seminars/{call.seminar.slug}/applications/")
    assert f'href="{url}"' in listing.content.decode()
    assert "5 documents (ZIP)" in listing.content.decode()  # the draft's is not counted

    archive = _zip(client_of(manager).get(url))
    horvat, mueller, dupont = (applicants[k].pk for k in ("horvat", "mueller", "dupont"))
    assert archive.namelist() == [
        f"dupont-léa-{dupont}/lettre-de-désignation-parquet.pdf",
        f"dupont-léa-{dupont}/cv.pdf",
        f"horvat-ana-{horvat}/scan.pdf",
        f"horvat-ana-{horvat}/scan-2.pdf",
        f"müller-katrin-{mueller}/nominierung-gsta-münchen.pdf",
    ]
    assert archive.read(f"müller-katrin-{mueller}/nominierung-gsta-münchen.pdf") == _pdf(
        "Nominierung GStA München.pdf"
    )
    assert archive.read(f"dupont-léa-{dupont}/cv.pdf") == _pdf("CV.pdf")
    assert archive.testzip() is None
    submitted = applicants["mueller"].submitted_at.astimezone()
    assert archive.getinfo(f"müller-katrin-{mueller}/nominierung-gsta-münchen.pdf").date_time[
        :3
    ] == (submitted.year, submitted.month, submitted.day)

    entry = AuditEntry.objects.get(action="view.application.documents")
    assert entry.actor == manager and entry.kind == AuditEntry.Kind.VIEW
    assert sorted(entry.details["ids"]) == sorted([horvat, mueller, dupont])
    assert entry.details["documents"] == 5 and entry.details["status"] == ""


def test_it_keeps_the_lists_status_filter(client_of, manager, call, applicants):
    Application.objects.filter(pk=applicants["mueller"].pk).update(status="selected")
    listing = client_of(manager).get(
        f"/manage/seminars/{call.seminar.slug}/applications/?status=selected"
    )
    url = f"/manage/seminars/{call.seminar.slug}/applications/documents.zip?status=selected"
    assert f'href="{url}"' in listing.content.decode()
    assert "1 document (ZIP)" in listing.content.decode()
    archive = _zip(client_of(manager).get(url))
    assert [name.split("/")[0] for name in archive.namelist()] == [
        f"müller-katrin-{applicants['mueller'].pk}"
    ]
    assert AuditEntry.objects.get(action="view.application.documents").details["ids"] == [
        applicants["mueller"].pk
    ]


def test_without_documents_it_says_so_and_records_nothing(client_of, manager, call, applicants):
    base = f"/manage/seminars/{call.seminar.slug}/applications/"
    listing = client_of(manager).get(f"{base}?status=waitlisted").content.decode()
    assert "documents.zip" not in listing  # no link to an empty archive
    r = client_of(manager).get(f"{base}documents.zip?status=waitlisted", follow=True)
    assert r.redirect_chain == [(f"{base}?status=waitlisted", 302)]
    assert "No documents were uploaded with these applications." in r.content.decode()
    r = client_of(manager).get(f"{base}documents.zip?status=draft")  # drafts are never sent
    assert r.status_code == 302 and r["Location"] == f"{base}?status=draft"
    r = client_of(manager).get(f"{base}documents.zip?status=<script>")  # unknown: all of them
    assert len(_zip(r).namelist()) == 5
    assert AuditEntry.objects.filter(action="view.application.documents").count() == 1


def test_a_document_gone_from_storage_is_listed_not_fatal(client_of, manager, call, applicants):
    gone = ApplicationFile.objects.get(application=applicants["mueller"])
    gone.file.storage.delete(gone.file.name)
    url = f"/manage/seminars/{call.seminar.slug}/applications/documents.zip"
    archive = _zip(client_of(manager).get(url))
    assert len(archive.namelist()) == 5  # four documents and the list of missing ones
    missing = archive.read("missing.txt").decode()
    assert missing.splitlines() == [
        "These documents are no longer stored:",
        f"müller-katrin-{applicants['mueller'].pk}/nominierung-gsta-münchen.pdf",
    ]
    assert AuditEntry.objects.get(action="view.application.documents").details["documents"] == 4


def test_only_programme_staff_download_them(
    client, client_of, call, applicants, participant, trainer, funder
):
    url = f"/manage/seminars/{call.seminar.slug}/applications/documents.zip"
    client.logout()  # client_of signed the same client in as each applicant
    assert client.get(url).status_code == 302  # to sign-in
    for user in (participant, trainer, funder):
        assert client_of(user).get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="view.application.documents").exists()


def test_its_queries_do_not_grow_with_the_applicants(
    client_of, manager, call, applicants, django_assert_max_num_queries
):
    url = f"/manage/seminars/{call.seminar.slug}/applications/documents.zip"
    client_of(manager).get(url)  # the session and the user loaded once
    with django_assert_max_num_queries(20) as captured:
        assert len(_zip(client_of(manager).get(url)).namelist()) == 5
    baseline = len(captured)
    assert baseline >= 4  # the session, the user, the call, the documents
    for n in range(4):
        user = make_user(
            f"more{n}@example.org", first_name="Jonas", last_name=f"Berg{n}", profile={}
        )
        _apply(client_of, user, call, f"Bescheinigung {n}.pdf", "CV.pdf")
    client = client_of(manager)  # the same client, signed in as each new applicant meanwhile
    client.get(url)
    with django_assert_max_num_queries(baseline):
        assert len(_zip(client.get(url)).namelist()) == 13


@pytest.mark.parametrize(
    ("original", "safe"),
    [
        ('Lebenslauf Müller "final".PDF', "lebenslauf-müller-final.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("C:\\Users\\Katrin\\Desktop\\Nominierung.pdf", "nominierung.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("a\r\nContent-Type: text/html.pdf", "html.pdf"),  # a path: its last part
        ("\x00.pdf", "document.pdf"),
        (".pdf", "document.pdf"),
        ('=HYPERLINK("x").pdf', "hyperlinkx.pdf"),
        ("Ελληνικά έγγραφα.pdf", "ελληνικά-έγγραφα.pdf"),
        ("x" * 300 + ".pdf", "x" * 80 + ".pdf"),
        ("no extension", "no-extension"),
    ],
)
def test_names_are_made_safe(original, safe):
    assert _safe_name(original) == safe
