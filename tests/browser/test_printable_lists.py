"""The printable lists (participants, workshop groups) on a phone's screen: the wide table scrolls
inside its own labelled region, never the page; printed, it is laid out whole on A4."""

import pytest
from playwright.sync_api import expect

from crossborder.workshops.models import Group, Membership, Workshop
from tests.workshops.allocation_world import seminar_with_cohort

from .helpers import assert_accessible, sign_in

PHONE = {"width": 390, "height": 844}
A4_WIDTH = 794  # 210 mm at 96 px per inch
LONG_NAME = "Generalstaatsanwaltschaft Bamberg, Zentralstelle Cybercrime Bayern"  # one long word

SCROLLS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
CUT_OFF = """() => [...document.querySelectorAll('.table-scroll')]
  .filter(r => r.scrollWidth > r.clientWidth + 1).length"""


@pytest.fixture
def lists():
    seminar, people = seminar_with_cohort(6, orgs={0: LONG_NAME})
    session = seminar.sessions.filter(kind="workshop").order_by("start", "track").first()
    workshop = Workshop.objects.create(seminar=seminar, start=session.start)
    group = Group.objects.create(workshop=workshop, number=1, session=session, language="en")
    for application in people:
        Membership.objects.create(workshop=workshop, group=group, application=application)
    return seminar


@pytest.mark.parametrize("path", ["participants.html", "groups/print/"])
def test_it_scrolls_the_table_not_the_page_on_a_phone_and_prints_it_whole_on_a4(
    live_server, page, manager, lists, screenshots, path
):
    sign_in(page, live_server.url, manager.email, totp=True)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/manage/seminars/{lists.slug}/{path}")
    expect(page.get_by_text(LONG_NAME)).to_be_visible()
    assert not page.evaluate(SCROLLS)
    region = page.locator(".table-scroll[role=region]").first
    expect(region).to_have_attribute("tabindex", "0")  # a keyboard user scrolls it
    if path == "participants.html":  # six columns never fit a phone: they scroll, inside
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")
        region.focus()
        page.keyboard.press("ArrowRight")  # Chromium scrolls smoothly: wait for it
        page.wait_for_function("r => r.scrollLeft > 0", arg=region.element_handle())
    assert_accessible(page)
    name = path.split(".")[0].replace("/", "")
    page.screenshot(path=screenshots / f"printable-{name}-phone.png", full_page=True)

    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.emulate_media(media="print")
    assert page.evaluate(CUT_OFF) == 0  # nothing hidden behind a scroll bar on paper
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('.table-scroll')).overflowX")
        == "visible"
    )
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    if (
        path == "groups/print/"
    ):  # its stylesheet applies in a browser (the CSP allows no inline style)
        color = page.evaluate("() => getComputedStyle(document.querySelector('h1')).color")
        assert color == "rgb(30, 58, 138)"
        assert page.locator(".screen-only").is_hidden()  # the links back stay off paper
