"""An NGO case manager publishes the referral profile of her organisation, the programme
manager checks and approves it, and a police officer finds it by country and service."""

from playwright.sync_api import expect

from crossborder.referrals.models import ReferralProfile
from tests.factories import make_ngo_user

from .helpers import assert_accessible, page_width, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_a_profile_goes_from_the_ngo_to_the_police_through_the_manager(
    live_server, page, browser, screenshots, participant, manager
):
    ngo = make_ngo_user()
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    sign_in(page, base, ngo.email)
    page.goto(f"{base}/referrals/")
    page.get_by_role("link", name="My organisation's profiles").click()
    page.get_by_role("button", name="Publish a referral profile").click()
    assert_accessible(page)
    page.get_by_label("Organisation").fill("Associação Ondas do Tejo")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("Regions served").fill("Greater Lisbon, Setúbal peninsula")
    page.get_by_label("Shelter and safe accommodation").check()
    page.get_by_label("Legal counselling").check()
    page.get_by_label("Interpretation", exact=True).check()
    page.get_by_label("How to refer a victim").fill(
        "Call the referral line first: a case manager answers and arranges a safe place.\n"
        "Then email the referral form with the indicators you observed."
    )
    page.get_by_label("The victim's consent").fill("Oral consent for the first contact.")
    page.get_by_label("When to call").fill("Mon–Fri 9:00–18:00; hotline day and night")
    page.get_by_label("Phone", exact=True).fill("+351 00 555 0171")
    page.get_by_label("Email").fill("ines@gmail.com")
    page.get_by_label("Website").fill("https://ondas-do-tejo.example")
    page.get_by_label("Portuguese").check()
    page.get_by_label("English").check()
    page.get_by_label("I have checked that this information is correct today.").check()
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".field-error")).to_contain_text("personal mailbox")
    page.get_by_label("Email").fill("referrals@ondas-do-tejo.example")
    page.get_by_label("I have checked that this information is correct today.").check()
    page.screenshot(path=screenshots / "referral-form.png", full_page=True)
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".submission-status")).to_contain_text("Awaiting approval")
    assert_accessible(page)
    page.screenshot(path=screenshots / "referral-pending.png", full_page=True)
    profile = ReferralProfile.objects.get()

    checker = browser.new_context(viewport=DESKTOP).new_page()
    checker.set_default_timeout(10_000)
    sign_in(checker, base, manager.email, totp=True)
    checker.goto(f"{base}/referrals/")
    checker.get_by_role("link", name="Profiles to check (1)").click()
    assert_accessible(checker)
    checker.screenshot(path=screenshots / "referral-approvals.png", full_page=True)
    checker.get_by_role("link", name="Associação Ondas do Tejo").click()
    checker.get_by_label("Approve and publish").check()
    checker.get_by_role("button", name="Record decision").click()
    expect(checker.locator(".messages")).to_contain_text("Decision recorded")
    profile.refresh_from_db()
    assert profile.status == "approved"

    police = browser.new_context(viewport=PHONE).new_page()
    police.set_default_timeout(10_000)
    sign_in(police, base, participant.email)
    police.goto(f"{base}/referrals/")
    police.get_by_label("Country", exact=True).select_option("PT")
    police.get_by_label("Service", exact=True).select_option("shelter")
    police.get_by_role("button", name="Find").click()
    expect(police.locator(".hits-count")).to_have_text("1 organisation")
    assert_accessible(police)
    police.screenshot(path=screenshots / "referral-search-390.png", full_page=True)
    police.get_by_role("link", name="Associação Ondas do Tejo").click()
    expect(police.get_by_role("link", name="+351 00 555 0171")).to_be_visible()
    expect(police.locator("main")).to_contain_text("email the referral form")
    assert page_width(police) <= PHONE["width"]
    assert_accessible(police)
    police.screenshot(path=screenshots / "referral-profile-390.png", full_page=True)
    police.set_viewport_size(DESKTOP)
    police.screenshot(path=screenshots / "referral-profile-1280.png", full_page=True)
    police.go_back()
    police.screenshot(path=screenshots / "referral-search-1280.png", full_page=True)
    # Another service in the same country finds nothing, and says what to try.
    police.get_by_label("Service", exact=True).select_option("children")
    police.get_by_role("button", name="Find").click()
    expect(police.locator("main")).to_contain_text("No published organisation matches")
