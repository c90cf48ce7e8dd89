"""The seminar in a pocket: on a phone the main menu folds behind one button that the keyboard
opens; on a desktop no role's menu wraps; and every main page of each role passes axe, has no
horizontal scroll and tap targets at least 44px tall on a phone."""

import pytest
from playwright.sync_api import Page, expect

from crossborder.demo.people import DEMO_PASSWORD
from crossborder.learning.content import load_modules
from crossborder.library.content import load_library
from tests.factories import make_seminar

from . import every_page
from .helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STAFF_WITH_TOTP = ("manager", "admin_user")

# Elements a finger or a pointer aims at; a link inside running text is exempt (WCAG 2.5.8's
# "inline" exception), and a checkbox or radio button is aimed at through its label.
SMALL_TARGETS = """() => {
  const selector = ['a[href]', 'button', 'summary', 'select', 'textarea', '[role=button]',
                    'input:not([type=hidden])'].map(s => `header ${s}, main ${s}`).join(', ');
  const blocks = 'p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, div, span, small, label';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (el.getClientRects().length === 0 || style.visibility === 'hidden') continue;
    if (el.tagName === 'A' && style.display === 'inline') {
      const block = el.parentElement.closest(blocks);
      if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
    }
    let target = el;
    if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) {
      target = el.closest('label');
    }
    const height = target.getBoundingClientRect().height;
    if (height < 43.5) {
      const name = (el.getAttribute('aria-label') || el.textContent || el.name || el.id || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 40);
      small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(height)}px`);
    }
  }
  return small;
}"""

SCROLLS_SIDEWAYS = (
    "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
)


def _content():
    """A seminar with its programme, the online modules and the library."""
    seminar = make_seminar()  # loads the taxonomy too
    load_modules()
    load_library()
    return seminar


def _tab_to(page: Page, locator, limit: int = 40) -> None:
    """Press Tab until the locator has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


@pytest.mark.parametrize(
    ("role", "group", "destination", "heading"),
    [
        ("participant", None, "Library", "Knowledge library"),
        ("manager", "Manage", "People", "People"),
    ],
)
def test_it_opens_the_phone_menu_with_the_keyboard(
    live_server, page, screenshots, request, role, group, destination, heading
):
    user = request.getfixturevalue(role)
    _content()
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, user.email, totp=role in STAFF_WITH_TOTP)
    header = page.locator("header.site-header")
    assert header.bounding_box()["height"] <= 0.25 * PHONE["height"]
    nav = page.get_by_role("navigation", name="Main")
    button = nav.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "main-menu")
    expect(nav.get_by_role("link", name="Seminars")).to_be_hidden()
    page.screenshot(path=screenshots / f"phone-menu-closed-{role}.png")

    _tab_to(page, button)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Seminars")).to_be_visible()
    assert button.bounding_box()["height"] >= 44
    assert_accessible(page)
    page.screenshot(path=screenshots / f"phone-menu-open-{role}.png", full_page=True)

    page.keyboard.press("Escape")  # closes it and gives the focus back to the button
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(nav.get_by_role("link", name="Seminars")).to_be_hidden()

    page.keyboard.press("Enter")
    if group:
        _tab_to(page, nav.locator("summary", has_text=group))
        page.keyboard.press("Enter")
    link = nav.get_by_role("link", name=destination, exact=True)
    _tab_to(page, link)
    page.screenshot(path=screenshots / f"phone-menu-group-{role}.png", full_page=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(nav.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
    expect(nav.locator("a[aria-current=page]")).to_have_text(destination)


def test_it_keeps_the_whole_menu_visible_without_javascript(browser, live_server, participant):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    expect(nav.get_by_role("link", name="Seminars")).to_be_visible()
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    context.close()


@pytest.mark.parametrize(
    "role", [None, "participant", "trainer", "manager", "funder", "admin_user"]
)
def test_it_keeps_each_role_menu_on_one_row_on_a_desktop(
    live_server, page, screenshots, request, role
):
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    if role:
        user = request.getfixturevalue(role)
        sign_in(page, base, user.email, totp=role in STAFF_WITH_TOTP)
    else:
        page.goto(f"{base}/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    _assert_one_row(page)
    page.screenshot(path=screenshots / f"desktop-menu-{role or 'visitor'}.png")
    if role:
        # The Account group opens with the keyboard, and Escape closes it again.
        summary = nav.locator("summary", has_text="Account")
        _tab_to(page, summary)
        page.keyboard.press("Enter")
        expect(nav.get_by_role("link", name="My profile")).to_be_visible()
        expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
        assert_accessible(page)
        page.screenshot(path=screenshots / f"desktop-account-{role}.png")
        page.keyboard.press("Escape")
        expect(nav.get_by_role("link", name="My profile")).to_be_hidden()
        expect(summary).to_be_focused()
    # French and German labels are longer: the menu still fits one row.
    for language, dashboard in (("fr", "Tableau de bord"), ("de", "Übersicht")):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        page.reload()
        expect(page.locator("html")).to_have_attribute("lang", language)
        if role:
            expect(page.locator(".main-nav > li > a").first).to_have_text(dashboard)
        page.screenshot(path=screenshots / f"desktop-menu-{role or 'visitor'}-{language}.png")
        _assert_one_row(page)


def _assert_one_row(page: Page) -> None:
    """The menu's items sit on one row beside the brand, in a header less than 100px tall."""
    nav = page.locator("header.site-header nav")  # its name is translated
    items = nav.locator(".main-nav > li > a, .main-nav > li > details > summary")
    first, last = items.first.bounding_box(), items.last.bounding_box()
    brand = nav.locator(".brand").bounding_box()
    assert abs(first["y"] - last["y"]) < 1, (first, last)
    assert first["y"] < brand["y"] + brand["height"]  # beside the brand, not under it
    for box in (items.nth(i).bounding_box() for i in range(items.count())):
        assert box["height"] < 50, box  # no label wraps onto two lines inside its item
    assert page.locator("header.site-header").bounding_box()["height"] < 100


def _check(page: Page, url: str, shot: str, problems: list) -> None:
    """Open the page at both sizes: axe, no sideways scroll, and on the phone 44px targets."""
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        response = page.goto(url)
        if response.status != 200 or page.url != url:
            problems.append(("status", f"{url}: status {response.status} at {page.url}"))
            return
        if size == "phone":  # the same document at both sizes: axe once
            try:
                assert_accessible(page)
            except AssertionError as failure:
                problems.append(("axe", f"{url}: {failure}"))
        if page.evaluate(SCROLLS_SIDEWAYS):
            problems.append(("scrolls", f"{url} at {size}: scrolls sideways"))
        if size == "phone":
            small = page.evaluate(SMALL_TARGETS)
            if small:
                problems.append(("targets", f"{url} at {size}: targets under 44px: {small}"))
        page.screenshot(path=f"{shot}-{size}.png", full_page=size == "phone")


def test_it_fits_every_page_on_a_phone_and_a_desktop(
    live_server, browser, screenshots, settings, tmp_path
):
    """Every page of every_page.VISITS, and each role's menu destinations, with the demo's data:
    one browser context per role, signed in with a session as after the sign-in forms.

    It fails on any problem not in every_page.KNOWN_PROBLEMS, and on a known problem that is
    gone (take it off the list)."""
    settings.MEDIA_ROOT = tmp_path / "media"  # the demo's images and the world's document
    w = every_page.world()
    base = live_server.url
    found: dict[tuple[str, str], list[str]] = {}
    for role, email in every_page.ROLES.items():
        context = browser.new_context(viewport=PHONE)
        context.set_default_timeout(30_000)  # the indicators' charts on the demo's data
        if email:
            context.add_cookies([every_page.session_cookie(email, base)])
        page = context.new_page()
        for name in every_page.pages_of(role):
            url = every_page.url_of(name, w, role)
            problems: list = []
            _check(page, f"{base}{url}", str(screenshots / f"every-{role}-{name}"), problems)
            for kind, text in problems:
                found.setdefault((name, kind), []).append(text)
        if role == "visitor":  # the second step of a staff sign-in: the TOTP form
            page.goto(f"{base}/accounts/login/")
            page.get_by_label("Email").fill(every_page.ROLES["manager"])
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign In").click()
            expect(page).to_have_url(f"{base}/accounts/2fa/authenticate/")
            problems = []
            _check(page, page.url, str(screenshots / "every-visitor-mfa"), problems)
            for kind, text in problems:
                found.setdefault(("mfa_authenticate", kind), []).append(text)
        context.close()
    new = [t for key, texts in found.items() if key not in every_page.KNOWN_PROBLEMS for t in texts]
    assert not new, "\n".join(new)
    gone = set(every_page.KNOWN_PROBLEMS) - set(found)
    assert not gone, f"fixed: take these off every_page.KNOWN_PROBLEMS: {sorted(gone)}"


def test_every_url_name_is_visited_or_excluded():
    visited = {name for names in every_page.VISITS.values() for name in names}
    unknown = visited - every_page.url_names()
    assert not unknown, f"no such URL names: {unknown}"
    missing = {
        name
        for name in every_page.url_names() - visited
        if name not in every_page.EXCLUDED
        and (name or "").split(":")[0] not in every_page.EXCLUDED_NAMESPACES
    }
    assert not missing, (
        f"add these URL names to tests/browser/every_page.py, to VISITS (with the role that "
        f"opens them) or to EXCLUDED (with the reason): {sorted(missing)}"
    )
    both = visited & set(every_page.EXCLUDED)
    assert not both, f"visited and excluded at once: {both}"
