"""Each role signs in through the real forms and sees its own navigation."""

from datetime import date

import pytest
from playwright.sync_api import expect

from crossborder.accounts.models import Role
from tests.factories import make_applicant, make_call, make_seminar, make_user

from .helpers import assert_accessible, open_from_menu, sign_in

NAV = {
    Role.PARTICIPANT: [
        "Dashboard",
        "Seminars",
        "Online modules",
        "Library",
        "Investigation labs",
        "Practitioners",
        "My cohorts",
        "Referral services",
        "My profile",
        "My certificates",
        "My data",
    ],
    Role.TRAINER: [
        "Dashboard",
        "Seminars",
        "Online modules",
        "Library",
        "Investigation labs",
        "Practitioners",
        "My cohorts",
        "Referral services",
        "Essays to grade",
        "Authoring",
        "My profile",
        "My certificates",
        "API tokens",
        "My data",
    ],
    Role.MANAGER: [
        "Dashboard",
        "Seminars",
        "Online modules",
        "Library",
        "Investigation labs",
        "Essays to grade",
        "Authoring",
        "Manage programme",
        "People",
        "Network",
        "Network reports",
        "Indicators",
        "Referral profiles",
        "My profile",
        "My certificates",
        "API tokens",
        "My data",
    ],
    Role.FUNDER: [
        *(
            "Dashboard",
            "Seminars",
            "Online modules",
            "Library",
            "Investigation labs",
            "Referral services",
            "Indicators",
            "My profile",
            "My certificates",
        ),
        "API tokens",
        "My data",
    ],
    Role.ADMIN: [
        *(
            "Dashboard",
            "Seminars",
            "Online modules",
            "Library",
            "Investigation labs",
            "Essays to grade",
            "Authoring",
            "Manage programme",
            "People",
            "Network",
            "Network reports",
            "Indicators",
            "Referral profiles",
            "Audit log",
            "Administration",
        ),
        *("My profile", "My certificates", "API tokens", "My data"),
    ],
}
# The directory and the referral services sit behind "Network" (staff find them under "Manage"),
# staff pages behind "Manage", the person's own pages (and Sign out) behind "Account".
GROUPS = {
    Role.PARTICIPANT: ["Network", "Account"],
    Role.TRAINER: ["Network", "Account"],
    Role.MANAGER: ["Manage", "Account"],
    Role.FUNDER: ["Account"],
    Role.ADMIN: ["Manage", "Account"],
}


def _cohort():
    profiles = [
        ("judge", "DE", "Landgericht Köln", "Jürgen", "Müller", "male"),
        ("prosecutor", "FR", "Parquet de Lyon", "Hélène", "Lefèvre", "female"),
        ("law_enforcement", "PL", "Komenda Główna Policji", "Łukasz", "Wójcik", "male"),
        ("labour_inspector", "RO", "Inspecția Muncii", "Ioana", "Popescu", "female"),
        ("civil_society", "CZ", "La Strada Česká republika", "Tereza", "Dvořáková", "female"),
        (
            "financial_compliance",
            "IT",
            "Unità di Informazione Finanziaria",
            "Marco",
            "Bianchi",
            "male",
        ),
    ]
    for i, (profession, country, org, first, last, gender) in enumerate(profiles):
        make_user(
            f"cohort{i}@example.org",
            first_name=first,
            last_name=last,
            profile={
                "profession": profession,
                "country": country,
                "organisation": org,
                "gender": gender,
                "working_languages": ["en"],
            },
        )


@pytest.mark.parametrize("role", list(NAV))
def test_it_shows_each_role_its_navigation_and_dashboard(live_server, page, screenshots, role):
    _cohort()
    call = make_call(make_seminar())
    make_seminar(
        "lisbon",
        title="Labour exploitation in supply chains",
        city="Lisbon",
        country="PT",
        time_zone="Europe/Lisbon",
        start_date=date(2027, 5, 11),
        end_date=date(2027, 5, 12),
        sessions=False,
    )
    for n in range(3):
        make_applicant(call, n)
    email = f"{role}@example.org"
    user = make_user(
        email,
        role=role,
        first_name="Sofia",
        last_name="Marković",
        profile={"profession": "judge", "country": "HR", "organisation": "Županijski sud u Zagrebu"}
        if role == Role.PARTICIPANT
        else None,
    )
    if role == Role.PARTICIPANT:
        call.applications.create(user=user, status="submitted", motivation="Cases across borders.")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, email, totp=role in (Role.MANAGER, Role.ADMIN))
    nav = page.get_by_role("navigation", name="Main")
    links = [t.strip() for t in nav.locator("a").all_text_contents()]  # in closed groups too
    assert links[1:] == NAV[role]  # the first link is the brand
    assert [t.strip() for t in nav.locator("summary").all_text_contents()] == GROUPS[role]
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, Sofia")
    assert_accessible(page)
    page.screenshot(path=screenshots / f"dashboard-{role}.png", full_page=True)


def test_it_refuses_a_participant_the_manager_pages_and_api(live_server, page, participant):
    sign_in(page, live_server.url, participant.email)
    response = page.goto(f"{live_server.url}/people/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    api = page.request.get(f"{live_server.url}/api/v1/people")
    assert api.status == 403
    assert page.request.get(f"{live_server.url}/api/v1/me").json()["role"] == "participant"


def test_it_lets_a_manager_find_and_vet_a_judge(live_server, page, screenshots, manager):
    _cohort()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, manager.email, totp=True)
    open_from_menu(page, "People")
    page.get_by_label("Profession").select_option(label="Judge")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("cell", name="Müller, Jürgen")).to_be_visible()
    expect(page.get_by_role("cell", name="Wójcik, Łukasz")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=screenshots / "people.png", full_page=True)
    page.get_by_role("link", name="Müller, Jürgen").click()
    page.get_by_label("Vetting status").select_option(label="Verified judiciary / law enforcement")
    page.get_by_label("Reason or reference").fill("Confirmed with the court's registry")
    page.get_by_role("button", name="Save vetting decision").click()
    expect(page.get_by_role("status")).to_have_text("Vetting status updated.")
    expect(page.locator(".badge-verified")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / "person.png", full_page=True)
