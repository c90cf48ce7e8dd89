"""Only the public uploads (lesson and question images, speakers' photos) are served as files;
application documents, certificates and funder reports never are, whatever the path says."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from crossborder.views import public_media


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name in ("questions/abc/map.png", "applications/2026/nomination-letter.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-1.4 or a PNG")
    return tmp_path


def test_a_question_image_is_served(media):
    response = public_media(RequestFactory().get("/"), "questions/abc/map.png")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "applications/2026/nomination-letter.pdf",
        "questions/../applications/2026/nomination-letter.pdf",
        "/applications/2026/nomination-letter.pdf",
        "questions/abc/../../applications/2026/nomination-letter.pdf",
    ],
)
def test_a_private_upload_is_never_served(media, path):
    with pytest.raises(Http404):
        public_media(RequestFactory().get("/"), path)
