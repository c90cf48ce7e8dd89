"""Shared steps for browser tests: sign in through the real forms, check accessibility."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, current_totp

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core-4.11.0" / "axe.min.js"


def sign_in(page: Page, base_url: str, email: str, *, totp: bool = False) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if totp:
        expect(page).to_have_url(f"{base_url}/accounts/2fa/authenticate/")
        page.locator("#id_code").fill(current_totp())
        page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{base_url}/dashboard/")
    page.wait_for_load_state()  # the dashboard styled: callers measure its layout


def settle(page: Page) -> None:
    """Wait until the page a click led to has run its deferred scripts (htmx).

    Playwright's fields are ready as soon as they are in the document, but htmx only listens
    to them after the page has loaded: typing earlier sends no request."""
    page.wait_for_load_state()


def page_width(page: Page) -> int:
    """The page's width in CSS pixels, measured once its stylesheets apply.

    A click's navigation returns when the new document arrives; a layout forced before its
    stylesheets have loaded measures the unstyled page (the whole menu unfolded in a row)."""
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth")


# What still changes the colours axe measures after a page has loaded: the graph page's first
# load (its status line leaves "Loading…" in the same step that marks the focus entity in the
# list), htmx requests and swaps, and CSS transitions (Pico fades a link's colours over 0.2 s).
# In CI axe once measured the focus entry mid-fade: white text on a half-navy background.
STILL = """() => {
  const graph = document.getElementById('graph');
  if (graph && document.getElementById('graph-status').textContent === graph.dataset.msgLoading) {
    return false;
  }
  if (document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')) return false;
  return document.getAnimations().every(
    (a) => !(a instanceof CSSTransition) || a.playState !== 'running');
}"""


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page, once it is still; fail on serious or critical violations."""
    page.wait_for_load_state()  # a page still loading has no <head> to add the script to
    # Serve axe from the page's own origin so the page's strict CSP (script-src 'self') allows it.
    origin = page.evaluate("location.origin")
    page.route(
        f"{origin}/__axe__.js",
        lambda route: route.fulfill(body=AXE.read_text(), content_type="text/javascript"),
    )
    page.add_script_tag(url=f"{origin}/__axe__.js")
    page.wait_for_function(STILL)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    details = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in bad
    ]
    assert not bad, "\n".join(details)


def open_from_menu(page: Page, name: str) -> None:
    """Follow a main-menu link, first opening its group ("Manage", "Account") if it is in one."""
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True, include_hidden=True)
    # `has` is matched inside each group, so it is built from the page, not from nav.
    group = nav.locator(".nav-group details").filter(
        has=page.get_by_role("link", name=name, exact=True, include_hidden=True)
    )
    if group.count() and not group.evaluate("details => details.open"):
        group.locator("summary").click()
    link.click()
