"""The practitioner network end to end: a prosecutor searches the directory, asks a labour
inspector to get in touch; she accepts on her phone; both then see each other's address (and
the emails went out). Screenshots at 1280 px and 390 px."""

import re
from datetime import date

from django.core import mail
from playwright.sync_api import expect

from tests.factories import make_attendee, make_listing, make_seminar, make_user

from .helpers import assert_accessible, open_from_menu, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _people():
    seminar = make_seminar(
        "ports-2026",
        status="held",
        title="Forced criminality in port cities",
        city="Rotterdam",
        country="NL",
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        sessions=False,
    )
    ioana = make_user(
        "ioana.popescu@itm.example.ro",
        first_name="Ioana",
        last_name="Popescu",
        profile={
            "profession": "labour_inspector",
            "country": "RO",
            "organisation": "Inspecția Muncii",
            "working_languages": ["ro", "en", "fr"],
        },
    )
    make_attendee(seminar, ioana)
    make_listing(ioana, tags=["L", "victim"])
    for n, (first, last, country, profession) in enumerate(
        [
            ("Mihai", "Ionescu", "RO", "law_enforcement"),
            ("Sofia", "Marković", "HR", "judge"),
            ("Jonas", "Petraitis", "LT", "financial_compliance"),
        ]
    ):
        user = make_user(
            f"peer{n}@example.org",
            first_name=first,
            last_name=last,
            profile={"profession": profession, "country": country, "organisation": "Unit"},
        )
        make_listing(user, shown={"name", "profession", "country"}, tags=["A"])
    anna = make_user(
        "anna.schmidt@justiz.example.de",
        first_name="Anna",
        last_name="Schmidt",
        profile={"profession": "prosecutor", "country": "DE", "organisation": "StA Köln"},
    )
    return ioana, anna


def test_a_prosecutor_finds_a_labour_inspector_who_accepts_her_request(
    live_server, browser, screenshots
):
    ioana, anna = _people()
    base = live_server.url
    desk = browser.new_context(viewport=DESKTOP).new_page()
    desk.set_default_timeout(10_000)
    desk.goto(f"{base}/accounts/login/", timeout=60_000)  # the first request loads every app
    sign_in(desk, base, anna.email)
    open_from_menu(desk, "Practitioners")  # in the "Network" group
    expect(desk.get_by_role("heading", level=1)).to_have_text("Practitioner directory")
    desk.get_by_label("Country").select_option(label="Romania")
    desk.get_by_role("button", name="Search").click()
    expect(desk.get_by_role("heading", name="2 practitioners")).to_be_visible()
    assert_accessible(desk)
    desk.screenshot(path=screenshots / "network-search.png", full_page=True)
    desk.get_by_role("link", name="Ioana Popescu").click()
    expect(desk.get_by_text("Inspecția Muncii")).to_be_visible()
    expect(desk.get_by_text(ioana.email)).to_have_count(0)
    desk.get_by_label("Your message").fill(
        "We have Romanian workers exploited on farms near Cologne; may I call you about the "
        "recruiters in Iași?"
    )
    assert_accessible(desk)
    desk.screenshot(path=screenshots / "network-person.png", full_page=True)
    desk.get_by_role("button", name="Send the request").click()
    expect(desk.get_by_role("status")).to_contain_text("Your request was sent.")
    expect(desk.get_by_text("Waiting for an answer")).to_be_visible()
    assert [m.to for m in mail.outbox] == [[ioana.email]]

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.set_default_timeout(10_000)
    sign_in(phone, base, ioana.email)
    expect(phone.get_by_text("1 contact request is waiting for your answer.")).to_be_visible()
    phone.get_by_role("link", name="My contacts").click()
    expect(phone.get_by_role("heading", name="Anna Schmidt")).to_be_visible()
    expect(phone.get_by_text(anna.email)).to_have_count(0)
    assert_accessible(phone)
    phone.screenshot(path=screenshots / "network-contacts-phone.png", full_page=True)
    phone.get_by_role("button", name="Accept and share emails").click()
    expect(phone.get_by_role("status")).to_contain_text("Accepted")
    expect(phone.get_by_role("link", name=anna.email)).to_be_visible()
    phone.screenshot(path=screenshots / "network-accepted-phone.png", full_page=True)

    desk.reload()
    expect(desk.get_by_role("link", name=ioana.email)).to_be_visible()
    expect(desk.get_by_text("Accepted", exact=True)).to_be_visible()
    desk.screenshot(path=screenshots / "network-accepted.png", full_page=True)
    assert mail.outbox[-1].to == [anna.email]
    assert re.search(r"accepted your contact request", mail.outbox[-1].body)


def test_a_practitioner_opts_in_on_a_phone(live_server, browser, screenshots):
    anna = _people()[1]
    base = live_server.url
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = browser.new_context(viewport=viewport).new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{base}/accounts/login/", timeout=60_000)
        sign_in(page, base, anna.email)
        page.goto(f"{base}/network/me/")
        expect(page.get_by_text("Not listed" if name == "desktop" else "Listed")).to_be_visible()
        assert_accessible(page)
        page.screenshot(path=screenshots / f"network-profile-{name}.png", full_page=True)
        if name == "desktop":
            page.get_by_label("Yes, list me in the practitioner directory").check()
            page.get_by_label("Only vetted judiciary and law enforcement").check()
            page.get_by_label("Cyber").check()
            page.get_by_role("button", name="Save my choices").click()
            expect(page.get_by_role("status")).to_have_text(
                "You are now listed in the practitioner directory."
            )
            expect(page.get_by_role("cell", name="Consent given")).to_be_visible()


def test_a_cohort_keeps_talking_after_the_seminar_and_the_moderator_hides_a_message(
    live_server, browser, screenshots
):
    from crossborder.accounts.models import Role
    from crossborder.network.models import CohortPost
    from crossborder.seminars.models import Seminar

    ioana, anna = _people()
    seminar = Seminar.objects.get(slug="ports-2026")
    make_attendee(seminar, anna)
    make_user("manager@example.org", role=Role.MANAGER, first_name="Claire", last_name="Dubois")
    CohortPost.objects.create(
        seminar=seminar,
        author=ioana,
        body="Thank you for Rotterdam. Our inspectors now check the crew agencies we discussed.",
    )
    base = live_server.url
    desk = browser.new_context(viewport=DESKTOP).new_page()
    desk.set_default_timeout(10_000)
    desk.goto(f"{base}/accounts/login/", timeout=60_000)
    sign_in(desk, base, anna.email)
    open_from_menu(desk, "My cohorts")
    expect(desk.get_by_role("heading", level=1)).to_have_text("My cohorts")
    desk.get_by_role("link", name="Forced criminality in port cities").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(
        "Cohort of Forced criminality in port cities"
    )
    members = desk.get_by_role("complementary", name="Members and materials")
    expect(members.get_by_role("link", name="Ioana Popescu")).to_be_visible()
    desk.get_by_label("Your message to the cohort").fill(
        'Does anyone have the <b>port authority</b> contact <a hx-get="/admin/">list</a>?'
    )
    desk.get_by_role("button", name="Post to the cohort").click()
    expect(desk.get_by_role("status")).to_contain_text("Your message is posted.")
    mine = desk.locator(".cohort-post").first
    expect(mine).to_contain_text('<b>port authority</b> contact <a hx-get="/admin/">list</a>?')
    expect(mine.locator("b, a[hx-get]")).to_have_count(0)  # shown as text, never as markup
    assert_accessible(desk)
    desk.screenshot(path=screenshots / "network-cohort.png", full_page=True)

    staff = browser.new_context(viewport=DESKTOP).new_page()
    staff.set_default_timeout(10_000)
    sign_in(staff, base, "manager@example.org", totp=True)
    staff.goto(f"{base}/network/cohorts/ports-2026/")
    staff.locator(".cohort-post").first.get_by_role("button", name="Hide from the cohort").click()
    expect(staff.get_by_role("status")).to_contain_text("The message is hidden from the cohort.")
    expect(staff.locator(".cohort-post.is-hidden")).to_contain_text("Hidden by the moderators")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "network-cohort-moderator.png", full_page=True)

    phone = browser.new_context(viewport=PHONE).new_page()
    phone.set_default_timeout(10_000)
    sign_in(phone, base, ioana.email)
    phone.goto(f"{base}/network/cohorts/ports-2026/")
    expect(phone.get_by_text("port authority")).to_have_count(0)
    expect(phone.get_by_text("Our inspectors now check the crew agencies")).to_be_visible()
    assert_accessible(phone)
    phone.screenshot(path=screenshots / "network-cohort-phone.png", full_page=True)
