"""Each role signs in to the demo and finds its dashboard's cards filled (desktop and phone)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from crossborder.demo import people
from tests.factories import current_totp

from .helpers import assert_accessible, page_width

pytestmark = pytest.mark.django_db(transaction=True)
STAFF = {"manager", "admin"}


def _sign_in(page: Page, base_url: str, who: str) -> None:
    """Sign in as a demo account through the real forms (the demo's password and TOTP key)."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(f"{who}@example.org")
    page.get_by_label("Password").fill(people.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if who in STAFF:
        expect(page).to_have_url(f"{base_url}/accounts/2fa/authenticate/")
        page.locator("#id_code").fill(current_totp(people.DEMO_TOTP_SECRET))
        page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{base_url}/dashboard/")


def _card(page: Page, heading_id: str):
    """The card (article or section) whose heading has this id."""
    return page.locator(f"article:has(#{heading_id}), section:has(#{heading_id})")


def _shoot(page: Page, screenshots, name: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page_width(page) <= 390, "no sideways scrolling"
    assert_accessible(page)
    page.screenshot(path=screenshots / f"{name}-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_each_role_finds_its_dashboard_filled_from_the_demo(live_server, page, screenshots):
    from crossborder.curriculum.models import Tag
    from crossborder.curriculum.taxonomy import load_taxonomy

    if not Tag.objects.exists():  # a live server's flush removed the migrated taxonomy
        load_taxonomy(Tag)
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url

    # The participant: Vienna attended, The Hague applied to, one module passed, one part-way.
    _sign_in(page, base, "participant")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Marta")
    applications = _card(page, "applications-card")
    expect(applications.locator(".app-attended")).to_have_text("Attended")
    expect(applications.locator(".app-submitted")).to_have_text("Submitted")
    modules = _card(page, "my-modules-card")
    expect(modules.locator(".quiz-passed")).to_have_text("Quiz passed")
    expect(modules.locator(".quiz-not_started")).to_have_text("Quiz not started")
    expect(modules.get_by_role("link", name="Continue reading")).to_be_visible()
    expect(_card(page, "todo-card")).to_be_visible()
    _shoot(page, screenshots, "dashboard-demo-participant")
    modules.get_by_role("link", name="Continue reading").click()
    expect(page).to_have_url(re.compile(r"/learn/evidence-beyond-testimony/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # The trainer: three sessions, upcoming ones first; a draft module; the essay to grade.
    _sign_in(page, base, "trainer")
    sessions = _card(page, "my-sessions-card")
    expect(sessions.locator("tbody tr")).to_have_count(3)
    expect(sessions.locator("tbody tr").first).to_contain_text("JIT simulation 1A")
    expect(sessions.locator("tbody tr").last).to_contain_text("held")
    expect(_card(page, "authored-card").locator(".status-draft")).to_have_text("Draft")
    expect(_card(page, "grading-card")).to_contain_text("1 submitted essay is waiting")
    _shoot(page, screenshots, "dashboard-demo-trainer")

    # The manager: what needs attention, seats and practitioners trained.
    _sign_in(page, base, "manager")
    attention = _card(page, "attention-card")
    expect(attention.get_by_role("link", name="Vet them")).to_be_visible()
    expect(attention.get_by_role("link", name="Moderate")).to_be_visible()
    expect(_card(page, "seats-card").locator("progress")).to_have_count(2)
    expect(page.get_by_text("practitioners trained, of a target of 300")).to_be_visible()
    _shoot(page, screenshots, "dashboard-demo-manager")
    attention.get_by_role("link", name="Moderate").click()
    expect(page).to_have_url(f"{base}/library/moderation/")

    # The funder: anonymous totals of people trained, small counts suppressed, no names.
    _sign_in(page, base, "funder")
    totals = _card(page, "totals-heading")
    expect(totals.locator("table").first.locator("tbody tr")).not_to_have_count(0)
    expect(totals).to_contain_text("seminars held")
    expect(page.get_by_text("Marta Kowalska")).to_have_count(0)
    expect(page.get_by_role("heading", name="Needs your attention")).to_have_count(0)
    _shoot(page, screenshots, "dashboard-demo-funder")
