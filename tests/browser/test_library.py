"""A practitioner opens a library entry from a seminar session, then searches, filters by a
facet and opens a result."""

import re

from playwright.sync_api import expect

from crossborder.learning.content import load_modules
from crossborder.library.content import load_library
from crossborder.library.models import Entry
from tests.factories import make_seminar

from .helpers import assert_accessible, sign_in


def test_it_opens_an_entry_from_a_session_then_searches_and_filters(
    live_server, page, screenshots, participant
):
    seminar = make_seminar()  # loads the taxonomy too
    load_modules()
    load_library()
    session = seminar.sessions.exclude(kind="break").order_by("start").first()
    directive = Entry.objects.get(slug="directive-2011-36-eu")
    directive.sessions.add(session)
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)

    page.goto(f"{base}{seminar.get_absolute_url()}")
    card = page.locator(f"#session-{session.pk}")
    card.get_by_role("link", name=directive.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(directive.title)
    used = page.locator("section.used-in")
    expect(used.get_by_role("link", name=session.title)).to_be_visible()
    expect(page.locator(".key-articles")).to_contain_text("Art. 2")
    assert_accessible(page)
    page.screenshot(path=screenshots / "library-entry.png", full_page=True)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Library").click()
    box = page.get_by_label("Search the library")
    box.fill("forced labour")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"q=forced(\+|%20)labour"))
    expect(page.locator("#hits-heading")).to_contain_text("entries")
    expect(page.locator(".hit mark").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / "library-search.png", full_page=True)

    page.locator("a[data-facet=kind][data-value=indicators]").click()
    expect(page).to_have_url(re.compile(r"kind=indicators"))
    expect(page.locator("a[data-facet=kind][data-value=indicators]")).to_have_attribute(
        "aria-current", "true"
    )
    kinds = page.locator(".hit .badge.kind")
    expect(kinds.first).to_have_text("Indicator list")
    assert set(kinds.all_inner_texts()) == {"Indicator list"}
    page.screenshot(path=screenshots / "library-facet.png", full_page=True)

    page.get_by_role("link", name=re.compile("forced labour", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("forced labour")
    expect(page.locator(".indicator-list").first).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/library/?q=joint+investigation+team")
    expect(page.locator(".hit").first).to_contain_text("Joint Investigation Teams")
    assert_accessible(page)
    page.screenshot(path=screenshots / "library-search-mobile.png", full_page=True)
