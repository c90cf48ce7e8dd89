"""The sign-in and sign-up pages look finished and pass the accessibility check."""

from playwright.sync_api import expect

from tests.factories import PASSWORD

from .helpers import assert_accessible


def test_it_shows_finished_sign_in_and_sign_up_pages(live_server, page, screenshots):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    assert_accessible(page)
    page.screenshot(path=screenshots / "sign-in.png", full_page=True)
    page.goto(f"{live_server.url}/accounts/signup/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "sign-up.png", full_page=True)


def test_it_asks_a_manager_for_the_second_factor(live_server, page, screenshots, manager):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(manager.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("#id_code")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / "two-factor.png", full_page=True)
    page.locator("#id_code").fill("123456")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Incorrect code.")).to_be_visible()
    assert page.url.endswith("/accounts/2fa/authenticate/")
