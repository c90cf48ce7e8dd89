"""The certificate PDF: A4, the holder's name in any script, the hours, and a QR code that a
phone reads as the verification address."""

import subprocess

import pytest
import zxingcpp
from PIL import Image

from crossborder.credentials.issuing import issue_attendance
from tests.factories import make_attendee, make_seminar, make_user

pytestmark = pytest.mark.django_db


def _pdf(tmp_path, credential):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(credential.pdf.read())
    return path


def _text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize(
    ("first", "last", "language", "hours"),
    [
        ("Αικατερίνη", "Παπαδοπούλου", "en", "4.50"),
        ("Злата", "Йорданова", "de", "4,50"),  # numbers as written in the holder's language
        ("Zoë", "Dvořáková-Šťastná", "fr", "4,50"),
    ],
)
def test_it_renders_the_name_hours_and_a_qr_code_of_the_verification_url(
    tmp_path, manager, first, last, language, hours
):
    seminar = make_seminar("athens", status="held")
    person = make_user(f"{language}@example.org", first_name=first, last_name=last)
    person.language = language
    person.save(update_fields=["language"])
    credential = issue_attendance(make_attendee(seminar, person), by=manager)
    pdf = _pdf(tmp_path, credential)

    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    assert "Pages:           1" in info.stdout
    assert "595.276 x 841.89 pts (A4)" in info.stdout
    text = _text(pdf)
    assert f"{first} {last}" in text
    assert credential.facts["total_hours"] == "4.50"  # the three sessions outside breaks
    assert hours in text
    assert credential.code in text

    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    codes = [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]
    assert codes == [f"http://127.0.0.1:8000/verify/{credential.code}"]
