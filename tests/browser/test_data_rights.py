"""Data rights in the browser: download my data, then delete my account (at 1280 and 390 px)."""

import json

import pytest
from playwright.sync_api import expect

from crossborder.accounts.models import User
from crossborder.audit.models import AuditEntry
from tests.factories import PASSWORD
from tests.privacy.conftest import MOTIVATION, touch_everything

from .helpers import assert_accessible, open_from_menu, page_width, settle, sign_in


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_practitioner_downloads_their_data_then_deletes_the_account(
    live_server, page, screenshots, participant, manager, width
):
    touch_everything(participant, manager=manager)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, participant.email, totp=True)  # they set up an app
    if width < 600:
        page.get_by_role("navigation", name="Main").get_by_role("button", name="Menu").click()
    open_from_menu(page, "My data")
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    settle(page)  # measured once the stylesheets apply, not when the text is in the document
    assert page_width(page) <= width
    assert_accessible(page)
    page.screenshot(path=screenshots / f"my-data-{width}.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data (JSON)").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    assert data["version"] == 1
    assert data["sections"]["enrolment"]["data"][0]["motivation"] == MOTIVATION

    page.get_by_role("link", name="What deletion means, and how to do it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete my account")
    settle(page)  # measured once the stylesheets apply, not when the text is in the document
    assert page_width(page) <= width
    assert_accessible(page)
    page.screenshot(path=screenshots / f"delete-account-{width}.png", full_page=True)

    # A slip of the keyboard: asked for the password first, then told what to type.
    page.get_by_label("Type the word shown above to confirm").fill("DELET")
    page.get_by_role("button", name="Delete my account for good").click()
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("#id_confirm_error")).to_contain_text("Type DELETE to delete")
    assert User.objects.get(pk=participant.pk).is_active
    assert_accessible(page)
    page.screenshot(path=screenshots / f"delete-account-error-{width}.png", full_page=True)

    page.get_by_label("Type the word shown above to confirm").fill("DELETE")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_role("status")).to_contain_text("Your account has been deleted.")
    expect(page).to_have_url(f"{live_server.url}/")
    assert not User.objects.get(pk=participant.pk).is_active
    assert AuditEntry.objects.filter(action="account.delete", actor_email="").count() == 1
    page.screenshot(path=screenshots / f"account-deleted-{width}.png", full_page=True)
    page.goto(f"{live_server.url}/account/my-data/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/account/my-data/")
