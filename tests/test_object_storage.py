"""Uploads in an S3-compatible bucket (django-storages, S3_BUCKET): a real S3 API, served on
127.0.0.1 by moto's server and reached over HTTP as MinIO or Amazon S3 would be. An applicant's
document, a lesson image and a certificate PDF go to the bucket and nothing to MEDIA_ROOT; the
public image is linked by an unsigned URL; retention deletes from the bucket; a backup says the
uploads are in the bucket instead of copying them, and its restore leaves them there."""

import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from moto.server import ThreadedMotoServer
from PIL import Image
from storages.backends.s3 import S3Storage

from crossborder.credentials.issuing import issue_attendance
from crossborder.enrolment.models import ApplicationFile, Question
from crossborder.enrolment.retention import apply_retention
from crossborder.object_storage import object_storage, object_storage_origin
from tests.authoring.module_helpers import make_lesson, make_module
from tests.authoring.test_lessons import lesson_post
from tests.factories import make_applicant, make_attendee, make_call, make_seminar, make_user
from tests.servers import free_port
from tests.test_backups import empty_database, restore  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
REGION = "eu-central-1"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "crossborder-test",
    "AWS_SECRET_ACCESS_KEY": "crossborder-test-secret",
    "AWS_EC2_METADATA_DISABLED": "true",  # never ask a cloud's metadata service for keys
}


def public_policy(bucket: str) -> dict:
    """The bucket policy docs/deploy.md gives: anyone may read the public folders, nothing else."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:aws:s3:::{bucket}/{folder}/*"
                    for folder in ("lessons", "questions", "speakers")
                ],
            }
        ],
    }


def anonymous_get(url: str) -> tuple[int, bytes]:
    """A browser's request: no credentials."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, tmp_path):
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    name = f"crossborder-uploads-{uuid.uuid4().hex[:10]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name=REGION)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_policy(name)))
    settings.MEDIA_ROOT = tmp_path / "media"  # must stay empty
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_storage(
            {"S3_BUCKET": name, "S3_ENDPOINT_URL": s3_server, "S3_REGION": REGION}
        ),
    }

    def keys():
        listed = client.list_objects_v2(Bucket=name).get("Contents", [])
        return sorted(item["Key"] for item in listed)

    def read(key):
        return client.get_object(Bucket=name, Key=key)["Body"].read()

    yield SimpleNamespace(name=name, url=s3_server, keys=keys, read=read, media=settings.MEDIA_ROOT)


def _media_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_storage_is_the_bucket_and_the_settings_read_it_from_the_environment(bucket):
    assert isinstance(default_storage, S3Storage)
    assert object_storage({}) is None and object_storage({"S3_BUCKET": "  "}) is None
    assert object_storage_origin({"endpoint_url": "https://s3.example.eu:9000/x"}) == (
        "https://s3.example.eu:9000"
    )
    assert object_storage_origin({"custom_domain": "media.example.eu/uploads"}) == (
        "https://media.example.eu"
    )
    # the whole settings module, as a server starts it: uploads in the bucket, images allowed
    # from its address by the Content-Security-Policy
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "crossborder.settings",
        "S3_BUCKET": "crossborder-media",
        "S3_ENDPOINT_URL": "https://objects.example.eu",
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES['default'], [str(v) for v in s.SECURE_CSP['img-src']]]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    storage, img_src = json.loads(out.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "crossborder-media"
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert "https://objects.example.eu" in img_src


def test_an_applicants_document_goes_to_the_bucket_and_retention_deletes_it_there(
    bucket, client_of, participant, manager, django_capture_on_commit_callbacks
):
    seminar = make_seminar(sessions=False, capacity=3)
    call = make_call(seminar)
    question = Question.objects.create(
        call=call, label="Your CV", kind="file", required=True, max_mb=2, allowed_types=["pdf"]
    )
    cv = b"%PDF-1.7\n% Lebenslauf Ana Horvat\n" + b"0" * 2000
    r = client_of(participant).post(
        f"/seminars/{seminar.slug}/apply/",
        {
            "motivation": "I lead THB investigations in Zagreb.",
            "submit": "1",
            f"q{question.pk}": SimpleUploadedFile("Lebenslauf.pdf", cv, "application/pdf"),
        },
    )
    assert r.status_code == 302, r.content.decode()[:500]
    upload = ApplicationFile.objects.get(application__user=participant)
    assert upload.original_name == "Lebenslauf.pdf"
    assert bucket.keys() == [upload.file.name] and upload.file.name.startswith("applications/")
    assert bucket.read(upload.file.name) == cv
    # the bucket's policy keeps it private: its address alone gives nothing
    assert anonymous_get(f"{bucket.url}/{bucket.name}/{upload.file.name}")[0] == 403
    assert _media_files(bucket.media) == []
    # the same name uploaded again is stored beside it, never over it
    other = make_applicant(call, 7, status="submitted")
    again = ApplicationFile(application=other, question=question, original_name="Lebenslauf.pdf")
    again.file.save(upload.file.name.rsplit("/", 1)[-1], ContentFile(b"%PDF-1.7 other"))
    assert len(bucket.keys()) == 2 and bucket.read(upload.file.name) == cv
    # the course director's ZIP reads both from the bucket; one gone from it is listed as missing
    url = f"/manage/seminars/{seminar.slug}/applications/documents.zip"
    r = client_of(manager).get(url)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content)))
    mine = f"horvat-ana-{upload.application_id}/lebenslauf.pdf"
    assert sorted(archive.namelist()) == sorted(
        [mine, f"test-applicant7-{other.pk}/lebenslauf.pdf"]
    )
    assert archive.read(mine) == cv
    again.file.storage.delete(again.file.name)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client_of(manager).get(url).streaming_content)))
    assert archive.namelist() == [mine, "missing.txt"]
    again.file.save("Lebenslauf.pdf", ContentFile(b"%PDF-1.7 other"))  # for retention below
    # after the seminar and the retention period, the documents go from the bucket
    seminar.status = "held"
    seminar.save()
    with django_capture_on_commit_callbacks(execute=True):
        deleted = apply_retention(today=seminar.end_date + timedelta(days=400))
    assert deleted.files == 2
    assert bucket.keys() == [] and not ApplicationFile.objects.exists()


def test_a_lesson_image_is_linked_from_the_bucket_without_a_signature(bucket, client_of, trainer):
    module = make_module(owners=[trainer], status="published")
    lesson = make_lesson(module, body="Look at the map.")
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    r = client_of(trainer).post(
        f"/author/modules/{module.slug}/lessons/{lesson.slug}/",
        lesson_post(
            action="image",
            body="Look at the map.",
            **{
                "image-image": SimpleUploadedFile("map.png", buffer.getvalue(), "image/png"),
                "image-alt": "Route",
            },
        ),
    )
    assert r.status_code == 200
    (key,) = bucket.keys()
    assert key.startswith(f"lessons/{module.slug}/") and key.endswith(".png")
    url = f"{bucket.url}/{bucket.name}/{key}"
    body = r.content.decode()
    assert f"![Route]({url})" in body and f'src="{url}"' in body
    assert "X-Amz-" not in body and "Signature" not in body  # a link that never expires
    status, content = anonymous_get(url)
    assert status == 200 and Image.open(io.BytesIO(content)).size == (40, 30)
    assert _media_files(bucket.media) == []


def test_a_certificate_pdf_is_stored_in_the_bucket_and_downloaded_from_it(
    bucket, client, participant, manager
):
    seminar = make_seminar("vienna-2027", status="held")
    credential = issue_attendance(make_attendee(seminar, participant), by=manager, notify=False)
    key = credential.pdf.name
    assert bucket.keys() == [key] and key.startswith("credentials/")
    stored = bucket.read(key)
    assert stored.startswith(b"%PDF")
    r = client.get(f"/verify/{credential.code}/certificate.pdf")
    assert r.status_code == 200
    assert b"".join(r.streaming_content if r.streaming else [r.content]) == stored
    assert _media_files(bucket.media) == []


@pytest.mark.django_db(transaction=True)
def test_a_backup_names_the_bucket_and_its_restore_leaves_the_uploads_there(
    bucket,
    tmp_path,
    empty_database,  # noqa: F811
):
    seminar = make_seminar("vienna", status="held")
    make_attendee(seminar, make_user("zoe@example.org"))
    default_storage.save("speakers/jan.jpg", ContentFile(b"\xff\xd8\xff\xe0 photo"))
    out = io.StringIO()
    call_command("backup", to=tmp_path / "backup", stdout=out)
    assert f"The uploads are in the bucket {bucket.name}" in out.getvalue()
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["uploads_bucket"] == bucket.name and manifest["media_files"] == 0
    assert not (tmp_path / "backup" / "media.tar.gz").exists()
    # restored with a MEDIA_ROOT that holds files: nothing there is touched or refused
    media = tmp_path / "local-media"
    (media / "old").mkdir(parents=True)
    (media / "old" / "keep.txt").write_text("kept")
    done = restore(tmp_path / "backup", empty_database, media)
    assert done.returncode == 0, done.stderr
    assert f"the uploads stay in the bucket {bucket.name}" in done.stdout
    assert [p.name for p in _media_files(media)] == ["keep.txt"]
    assert bucket.keys() == ["speakers/jan.jpg"]
