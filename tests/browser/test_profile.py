"""A practitioner completes the profile; the pages work on a phone and in three languages."""

from playwright.sync_api import expect

from crossborder.accounts.models import Profile
from tests.factories import make_user

from .helpers import assert_accessible, page_width, sign_in


def test_it_lets_a_practitioner_complete_the_profile(live_server, page, screenshots):
    user = make_user("ioana@example.org", first_name="Ioana", last_name="Popescu")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, user.email)
    page.get_by_role("button", name="Complete your profile").click()
    expect(page.get_by_label("Profession")).to_be_visible()  # the profile page has loaded
    assert_accessible(page)
    page.get_by_label("Profession").select_option(label="Labour inspector")
    page.get_by_label("Country").select_option("RO")
    page.get_by_label("Organisation").fill("Inspecția Muncii")
    page.get_by_label("Function").fill("Senior labour inspector")
    page.get_by_label("Romanian").check()
    page.get_by_label("English").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_have_text("Your profile has been saved.")
    profile = Profile.objects.get(user=user)
    assert profile.country.code == "RO" and profile.working_languages == ["en", "ro"]
    page.screenshot(path=screenshots / "profile.png", full_page=True)


def test_it_shows_field_errors_next_to_the_fields(live_server, page, screenshots):
    user = make_user("err@example.org", first_name="Jan", last_name="Novák")
    sign_in(page, live_server.url, user.email)
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator("#id_organisation_error")).to_contain_text("required")
    page.screenshot(path=screenshots / "profile-errors.png", full_page=True)
    assert not Profile.objects.filter(user=user).exists()


def test_it_fits_a_phone_screen(live_server, page, screenshots, participant):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, participant.email)
    width = page_width(page)
    assert width <= 390
    assert_accessible(page)
    page.screenshot(path=screenshots / "dashboard-phone.png", full_page=True)
    page.goto(f"{live_server.url}/profile/")
    assert page_width(page) <= 390
    page.screenshot(path=screenshots / "profile-phone.png", full_page=True)


def test_it_switches_language_from_the_footer(live_server, page, screenshots):
    page.goto(f"{live_server.url}/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "home.png", full_page=True)
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible()
    page.get_by_label("Sprache").select_option("fr")
    page.get_by_role("button", name="Ändern").click()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    page.screenshot(path=screenshots / "home-fr.png", full_page=True)


def test_it_walks_the_keyboard_to_the_main_content(live_server, page):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
