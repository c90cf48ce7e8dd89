"""A request body larger than MAX_REQUEST_BYTES is refused with a 413 page before the body is
read (so before the CSRF check and any form), in the person's language."""

from django.core.files.uploadedfile import SimpleUploadedFile

from crossborder.library.models import Entry


def test_an_oversized_upload_is_refused_unread(client_of, manager, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    client = client_of(manager)
    big = SimpleUploadedFile("library.zip", b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024))
    before = Entry.objects.count()
    r = client.post("/library/", {"file": big})
    assert r.status_code == 413
    page = r.content.decode()
    assert "The upload is too large" in page and "larger than 1 MB" in page
    assert Entry.objects.count() == before


def test_a_request_within_the_limit_goes_through(client, settings, participant):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    r = client.post("/accounts/login/", {"login": participant.email, "password": "x" * 1000})
    assert r.status_code == 200  # the sign-in form, with its own message


def test_the_page_speaks_the_persons_language(client, settings):
    settings.MAX_REQUEST_BYTES = 1024
    r = client.post(
        "/accounts/login/", {"login": "x", "password": "y" * 5000}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert r.status_code == 413
    assert 'lang="fr"' in r.content.decode()
