"""A manager creates an investigation lab for a workshop slot, follows the generation of its
case, regenerates it with another seed, and downloads the dataset; a participant then finds
the downloads on the lab's overview. Desktop and phone screenshots."""

import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from crossborder.labs.models import Lab
from tests.labs.world import make_lab_world

from .helpers import assert_accessible, settle, sign_in


def test_a_manager_creates_a_lab_and_a_participant_downloads_its_dataset(
    live_server, browser, screenshots, manager, participant
):
    existing, _groups = make_lab_world(participant=participant, slug="lab-data-browser")
    base = live_server.url
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.set_default_timeout(30_000)
    sign_in(staff, base, manager.email, totp=True)
    staff.goto(f"{base}/labs/new/")
    settle(staff)
    expect(staff.get_by_role("heading", level=1)).to_have_text("New investigation lab")
    assert_accessible(staff)

    # Out of range: a form error, nothing created.
    staff.get_by_label("Title", exact=True).fill("Follow the money in Lisbon")
    staff.get_by_role("combobox", name="Workshop slot").select_option(str(existing.workshop_id))
    staff.get_by_label("Seed").fill("99999999999")
    staff.get_by_label("Number of transactions").fill("150")
    staff.get_by_role("button", name="Create the lab and generate its case").click()
    settle(staff)
    expect(staff.locator(".field-error")).to_have_count(2)
    assert Lab.objects.count() == 1
    staff.screenshot(path=screenshots / "lab-new-errors.png", full_page=True)

    staff.get_by_label("Seed").fill("2024")
    staff.get_by_label("Number of transactions").fill("1500")
    staff.get_by_label("Advanced: subtle indicators, many innocent look-alikes").check()
    staff.get_by_role("button", name="Create the lab and generate its case").click()
    expect(staff.locator("#generation-status")).to_contain_text("The case is ready", timeout=60_000)
    lab = Lab.objects.exclude(pk=existing.pk).get()
    assert (lab.seed, lab.difficulty, lab.transactions.count()) == (2024, 3, 1500)
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "lab-status-ready.png", full_page=True)

    staff.get_by_role("spinbutton", name="Seed").fill("7")
    staff.get_by_role("button", name="Regenerate").click()
    expect(staff.locator("#generation-status")).to_contain_text("The case is ready", timeout=60_000)
    lab.refresh_from_db()
    assert lab.seed == 7 and lab.transactions.count() == 1500

    staff.get_by_role("button", name="Go to the lab").click()
    settle(staff)
    expect(staff.get_by_role("link", name="Generation and seed")).to_be_visible()
    with staff.expect_download() as download:
        staff.get_by_role("link", name="CSV files (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "transactions.csv" in archive.namelist()
    staff.screenshot(path=screenshots / "lab-overview-downloads-manager.png", full_page=True)

    # A participant of the (open) hand-made lab, on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(phone, base, participant.email)
    phone.goto(f"{base}/labs/{existing.pk}/")
    settle(phone)
    downloads = phone.get_by_role("region", name="Download the dataset")
    expect(downloads.get_by_role("link", name="GraphML")).to_be_visible()
    expect(downloads.get_by_role("link", name="Generation and seed")).to_have_count(0)
    with phone.expect_download() as download:
        downloads.get_by_role("link", name="GraphML").click()
    assert Path(download.value.path()).read_bytes().startswith(b"<?xml")
    assert_accessible(phone)
    downloads.screenshot(path=screenshots / "lab-downloads-phone.png")
    phone.screenshot(path=screenshots / "lab-overview-phone.png", full_page=True)
