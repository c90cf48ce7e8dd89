"""A judicial training institute checks a credential file on the public checker page."""

import json

import pytest
from playwright.sync_api import expect

from crossborder.credentials.signing import openbadge
from tests.credentials.signing.conftest import issuer_key, key_dir, make_credential  # noqa: F401

from .helpers import assert_accessible


@pytest.mark.usefixtures("issuer_key")
def test_it_checks_a_pasted_credential_on_a_phone_and_a_desktop(
    live_server, page, screenshots, request, settings
):
    make = request.getfixturevalue("make_credential")  # from tests/credentials/signing
    settings.SITE_URL = live_server.url
    credential = make()
    document = openbadge.sign_credential(credential)
    for width, name in ((390, "phone"), (1280, "desktop")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/verify/credential-file/")
        assert_accessible(page)
        page.get_by_label("Or paste the credential's JSON").fill(json.dumps(document))
        page.get_by_role("button", name="Check").click()
        expect(page.get_by_role("heading", name="Valid This credential is valid")).to_be_visible()
        expect(page.locator(".facts")).to_contain_text("Ana Horvat")
        assert_accessible(page)
        page.screenshot(path=screenshots / f"credential-file-valid-{name}.png", full_page=True)
    tampered = dict(document, validFrom="2026-01-01T00:00:00Z")
    page.get_by_label("Or paste the credential's JSON").fill(json.dumps(tampered))
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("changed after it was issued")
    page.screenshot(path=screenshots / "credential-file-tampered.png", full_page=True)
