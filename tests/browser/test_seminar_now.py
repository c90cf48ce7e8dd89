"""A confirmed participant on a phone during the seminar day: the folded main menu opened with
the keyboard, the "now" view from the dashboard, the programme, and both again without a
connection (the service worker's offline copies)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from playwright.sync_api import expect

from crossborder.enrolment.models import Application
from crossborder.seminars.models import Session
from tests.factories import make_call, make_seminar, make_speaker

from .helpers import assert_accessible, page_width, sign_in

PHONE = {"width": 390, "height": 844}
CACHE = "crossborder-pocket-v1"


def _seminar_under_way():
    """A seminar today (in its own time zone) with a session running now and one next: the
    live server runs in other threads, so the sessions are set around the real clock."""
    now = timezone.now()
    today = timezone.localtime(now, ZoneInfo("Europe/Vienna")).date()
    seminar = make_seminar(
        "pocket",
        sessions=False,
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
        time_zone="Europe/Vienna",
    )
    speaker = make_speaker("pocket-judge", "Eva Lindqvist", function="Judge", country="SE")
    current = Session.objects.create(
        seminar=seminar,
        title="Following the money",
        kind="panel",
        start=now - timedelta(minutes=30),
        end=now + timedelta(minutes=30),
        room="Plenary",
    )
    current.speakers.set([speaker])
    Session.objects.create(
        seminar=seminar,
        title="Identifying victims",
        kind="case_study",
        start=now + timedelta(minutes=45),
        end=now + timedelta(minutes=105),
        room="Room B",
    )
    return seminar


def _tab_to(page, locator, limit: int = 40) -> None:
    """Press Tab until the locator has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def _menu_by_keyboard(page, name: str, group: str | None = None) -> None:
    """Open the folded main menu with the keyboard and follow one of its entries."""
    nav = page.get_by_role("navigation", name="Main")
    button = nav.get_by_role("button", name="Menu")
    _tab_to(page, button)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    if group:
        _tab_to(page, nav.locator("summary", has_text=group))
        page.keyboard.press("Enter")
    _tab_to(page, nav.get_by_role("link", name=name, exact=True))
    page.keyboard.press("Enter")


def _kept(page, path: str) -> None:
    """Wait until the service worker has kept a copy of `path`."""
    page.wait_for_function(
        f"async (path) => !!(await (await caches.open('{CACHE}')).match(location.origin + path))",
        arg=path,
    )


def test_a_participant_opens_the_now_view_and_the_programme_offline(
    live_server, browser, screenshots, participant
):
    seminar = _seminar_under_way()
    Application.objects.create(
        call=make_call(seminar), user=participant, status=Application.Status.CONFIRMED
    )
    base = live_server.url
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, base, participant.email)

    # On the phone the menu is folded behind one button: the keyboard opens it.
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Seminars")).to_be_hidden()
    _menu_by_keyboard(page, "Seminars")
    expect(page).to_have_url(f"{base}/seminars/")
    page.screenshot(path=screenshots / "seminar-now-seminars-390.png", full_page=True)
    _menu_by_keyboard(page, "Dashboard")
    expect(page).to_have_url(f"{base}/dashboard/")

    page.get_by_role("button", name=f"Now at {seminar.title}").click()  # a link styled as one
    expect(page).to_have_url(f"{base}/s/pocket/now/")
    now_card = page.locator("article[aria-labelledby=now-heading]")
    expect(now_card).to_contain_text("Following the money")
    expect(now_card).to_contain_text("Room: Plenary")
    expect(now_card).to_contain_text("Eva Lindqvist")
    expect(now_card).to_contain_text("Identifying victims")  # next
    expect(page.locator(".pocket-badge .qr svg")).to_be_visible()
    expect(page.get_by_text("Updated ")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)
    _kept(page, "/s/pocket/now/")
    page.screenshot(path=screenshots / "seminar-now-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)
    page.screenshot(path=screenshots / "seminar-now-1280.png", full_page=True)
    page.set_viewport_size(PHONE)

    page.get_by_role("link", name="Full programme").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(seminar.title)
    _kept(page, "/seminars/pocket/")

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text(seminar.title)
    expect(page.locator(".offline-note")).to_be_visible()
    expect(page.locator(".offline-note")).to_contain_text("Offline copy from")
    expect(page.get_by_text("Following the money").first).to_be_visible()
    page.screenshot(path=screenshots / "seminar-now-programme-offline-390.png", full_page=True)

    page.goto(f"{base}/s/pocket/now/")
    expect(page.locator(".offline-note")).to_be_visible()
    expect(page.locator("article[aria-labelledby=now-heading]")).to_contain_text(
        "Following the money"
    )
    expect(page.locator(".pocket-badge .qr svg")).to_be_visible()
    page.screenshot(path=screenshots / "seminar-now-offline-390.png", full_page=True)

    # Back online, signing out clears the offline copies.
    context.set_offline(False)
    page.goto(f"{base}/dashboard/")
    nav.get_by_role("button", name="Menu").click()
    nav.locator("summary", has_text="Account").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_function(f"async () => !(await caches.has('{CACHE}'))")
    context.close()
