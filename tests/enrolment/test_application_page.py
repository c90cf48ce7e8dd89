"""Reading an application: the course director's page of one application (facts, motivation,
answers, documents) and the documents' download, for staff and the applicant only, every staff
view and download written to the audit trail."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossborder.audit.models import AuditEntry
from crossborder.enrolment.models import ApplicationFile, Question
from tests.factories import make_call, make_seminar, make_user

pytestmark = pytest.mark.django_db

CV = b"%PDF-1.7\n% Lebenslauf\n" + b"0" * 500


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call():
    return make_call(make_seminar(sessions=False, capacity=3))


def _questions(call, n_text=1):
    made = [
        Question.objects.create(
            call=call, order=i, label=f"Which case would you bring ({i})?", kind="text"
        )
        for i in range(n_text)
    ]
    made.append(
        Question.objects.create(call=call, order=10, label="Worked in a JIT?", kind="yes_no")
    )
    made.append(
        Question.objects.create(
            call=call, order=11, label="Nomination letter", kind="file", allowed_types=["pdf"]
        )
    )
    return made


def _apply(client_of, user, call, questions, name='Lebenslauf Müller "final".pdf'):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"motivation": "I lead THB cases.\n\n<script>alert(1)</script>", "submit": "1"}
    for q in questions:
        if q.kind == "text":
            data[f"q{q.pk}"] = f"A recruiter moved workers from Romania ({q.order})."
        elif q.kind == "yes_no":
            data[f"q{q.pk}"] = "yes"
        else:
            data[f"q{q.pk}"] = SimpleUploadedFile(name, CV, "application/pdf")
    r = client_of(user).post(f"/seminars/{call.seminar.slug}/apply/", data)
    assert r.status_code == 302, r.content.decode()[:400]
    return user.applications.get(call=call)


def test_the_manager_reads_an_application_with_its_answers_and_documents(
    client_of, participant, manager, call
):
    questions = _questions(call)
    application = _apply(client_of, participant, call, questions)
    upload = ApplicationFile.objects.get(application=application)
    listing = client_of(manager).get(f"/manage/seminars/{call.seminar.slug}/applications/")
    url = f"/manage/seminars/{call.seminar.slug}/applications/{application.pk}/"
    assert f'href="{url}"' in listing.content.decode()  # the name in the list opens it
    r = client_of(manager).get(url)
    assert r.status_code == 200
    page = r.content.decode()
    assert "Application of Ana Horvat" in page
    assert "I lead THB cases." in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "Which case would you bring (0)?" in page
    assert "A recruiter moved workers from Romania (0)." in page
    assert "Worked in a JIT?</dt>\n    <dd>Yes</dd>" in page
    download = f"/applications/{application.pk}/files/{upload.pk}/"
    assert f'href="{download}"' in page and "Lebenslauf Müller &quot;final&quot;.pdf" in page
    assert "<dd>Croatia</dd>" in page and "<dd>Law-enforcement officer</dd>" in page
    assert "<dd>Policija</dd>" in page
    entry = AuditEntry.objects.get(action="view.application")
    assert (entry.actor, entry.object_id) == (manager, str(application.pk))


def test_the_page_costs_the_same_queries_with_more_questions_and_documents(
    client_of, participant, manager, call
):
    application = _apply(client_of, participant, call, _questions(call, n_text=1))
    url = f"/manage/seminars/{call.seminar.slug}/applications/{application.pk}/"
    client = client_of(manager)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for q in _questions(call, n_text=4):
        if q.kind == "file":
            upload = ApplicationFile(application=application, question=q, original_name="x.pdf")
            upload.file.save("x.pdf", ContentFile(CV))
    with CaptureQueriesContext(connection) as more:
        assert client.get(url).status_code == 200
    assert len(more) == len(few)


def test_a_document_downloads_for_staff_and_its_author_only(
    client, client_of, participant, manager, trainer, call
):
    application = _apply(client_of, participant, call, _questions(call))
    upload = ApplicationFile.objects.get(application=application)
    url = f"/applications/{application.pk}/files/{upload.pk}/"
    r = client_of(manager).get(url)
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == CV
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;")  # never shown inline
    assert "filename*=utf-8''Lebenslauf%20M%C3%BCller%20%22final%22.pdf" in disposition
    staff_download = AuditEntry.objects.get(action="view.application.document")
    assert staff_download.actor == manager
    # the author: the file, and no audit entry (one's own data)
    assert client_of(participant).get(url).status_code == 200
    assert AuditEntry.objects.filter(action="view.application.document").count() == 1
    # anyone else: it does not exist; signed out: the sign-in page
    stranger = make_user("stranger@example.org", profile={"profession": "judge"})
    assert client_of(stranger).get(url).status_code == 404
    assert client_of(trainer).get(url).status_code == 404
    client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/")
    # the file under another application's address: not found
    other = _apply(client_of, stranger, call, [])
    assert client_of(manager).get(f"/applications/{other.pk}/files/{upload.pk}/").status_code == 404


def test_a_document_gone_from_storage_is_a_clear_404(client_of, participant, manager, call):
    application = _apply(client_of, participant, call, _questions(call))
    upload = ApplicationFile.objects.get(application=application)
    upload.file.storage.delete(upload.file.name)
    r = client_of(manager).get(f"/applications/{application.pk}/files/{upload.pk}/")
    assert r.status_code == 404
    assert not AuditEntry.objects.filter(action="view.application.document").exists()


def test_only_programme_staff_open_the_page_and_only_under_its_own_seminar(
    client_of, participant, manager, trainer, call
):
    application = _apply(client_of, participant, call, [])
    url = f"/manage/seminars/{call.seminar.slug}/applications/{application.pk}/"
    assert client_of(trainer).get(url).status_code == 403
    assert client_of(participant).get(url).status_code == 403
    other = make_call(make_seminar("lisbon", sessions=False))
    wrong = f"/manage/seminars/{other.seminar.slug}/applications/{application.pk}/"
    assert client_of(manager).get(wrong).status_code == 404
    assert not AuditEntry.objects.filter(action="view.application").exists()
    page = client_of(manager).get(url).content.decode()
    assert "No motivation statement was given." not in page  # this one has a motivation


def test_a_replaced_document_leaves_no_copy_in_storage(
    client_of, participant, call, settings, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = _questions(call, n_text=0)[-1]
    c = client_of(participant)
    for content in (b"%PDF-1.7 first draft", b"%PDF-1.7 signed letter"):
        with django_capture_on_commit_callbacks(execute=True):
            r = c.post(
                f"/seminars/{call.seminar.slug}/apply/",
                {
                    "motivation": "Draft.",
                    f"q{letter.pk}": SimpleUploadedFile("letter.pdf", content, "application/pdf"),
                },
            )
        assert r.status_code == 302
    stored = [p for p in (settings.MEDIA_ROOT / "applications").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in stored] == [b"%PDF-1.7 signed letter"]
    assert ApplicationFile.objects.get().file.read() == b"%PDF-1.7 signed letter"
