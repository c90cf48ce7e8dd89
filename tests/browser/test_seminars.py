"""A manager builds a seminar with a two-day timetable and parallel workshops, publishes it,
and a visitor reads it on a phone."""

from playwright.sync_api import expect

from crossborder.seminars.models import Seminar
from tests.factories import make_seminar, make_speaker

from .helpers import assert_accessible, open_from_menu, page_width, sign_in


def _fill_session(
    page, base, slug, *, title, kind, day, start, end, room, track="", tags=(), speakers=()
):
    """Open the new-session form and fill it; the caller saves and checks the outcome."""
    page.goto(f"{base}/manage/seminars/{slug}/sessions/new/")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Type", exact=True).select_option(label=kind)
    page.get_by_label("Day", exact=True).select_option(index=day - 1)
    page.get_by_label("Starts").fill(start)
    page.get_by_label("Ends").fill(end)
    page.locator("#id_room").fill(room)
    page.locator("#id_track").fill(track)
    if speakers:
        page.locator("#id_speakers").select_option(label=list(speakers))
    for code in tags:
        page.locator(f"fieldset.checkboxes label:has-text('{code} ·') input").check()
    page.get_by_role("button", name="Save session").click()


def _add_session(page, base, slug, **fields):
    _fill_session(page, base, slug, **fields)
    expect(page.get_by_role("status")).to_have_text("Session saved.")


def test_it_lets_a_manager_build_and_publish_a_seminar(live_server, page, screenshots, manager):
    make_seminar("existing", sessions=False)  # provides the programme
    make_speaker("ana-costa", "Ana Costa", function="Labour inspector", country="PT")
    make_speaker("jonas-weber", "Jonas Weber", function="Detective", country="DE")
    make_speaker("marie-laurent", "Marie Laurent", function="Prosecutor", country="FR")
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, manager.email, totp=True)
    open_from_menu(page, "Manage programme")
    page.get_by_role("button", name="New seminar").click()
    page.get_by_label("Title", exact=True).fill("Labour exploitation in supply chains")
    page.get_by_label("Slug").fill("porto-2027")
    page.get_by_label("Programme").select_option(index=1)
    page.get_by_label("City", exact=True).fill("Porto")
    page.get_by_label("Country").select_option("PT")
    page.get_by_label("First day").fill("2027-04-13")
    page.get_by_label("Last day").fill("2027-04-14")
    page.get_by_label("Time zone").fill("Europe/Lisbon")
    page.get_by_label("Capacity").fill("60")
    page.get_by_label("English").check()
    page.get_by_label("Portuguese").check()
    page.get_by_role("button", name="Save seminar").click()
    expect(page.get_by_role("status")).to_have_text("Seminar saved.")

    slug = "porto-2027"
    _add_session(
        page,
        base,
        slug,
        title="Opening: the business model of labour exploitation",
        kind="Keynote",
        day=1,
        start="09:00",
        end="10:00",
        room="Auditorium",
        tags=["B", "L"],
        speakers=["Marie Laurent"],
    )
    _add_session(
        page,
        base,
        slug,
        title="Coffee",
        kind="Break",
        day=1,
        start="10:00",
        end="10:30",
        room="Foyer",
    )
    _add_session(
        page,
        base,
        slug,
        title="Workshop: follow the money",
        kind="Workshop",
        day=1,
        start="10:30",
        end="12:30",
        room="Room 1",
        track="A",
        tags=["B", "L"],
        speakers=["Jonas Weber"],
    )
    _add_session(
        page,
        base,
        slug,
        title="Workshop: joint inspections",
        kind="Workshop",
        day=1,
        start="10:30",
        end="12:30",
        room="Room 2",
        track="B",
        tags=["C", "L"],
        speakers=["Ana Costa"],
    )
    _add_session(
        page,
        base,
        slug,
        title="Case study: a farm inspection",
        kind="Case study",
        day=2,
        start="09:00",
        end="10:30",
        room="Auditorium",
        tags=["A", "L", "victim"],
        speakers=["Ana Costa", "Jonas Weber"],
    )
    # A clash is refused with a clear message.
    _fill_session(
        page,
        base,
        slug,
        title="Clashing panel",
        kind="Panel",
        day=2,
        start="10:00",
        end="11:00",
        room="Auditorium",
    )
    expect(page.locator("#id_room_error")).to_contain_text("Auditorium is already booked")
    page.goto(f"{base}/manage/seminars/{slug}/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "manage-seminar.png", full_page=True)
    page.get_by_role("button", name="Move to: Published").click()
    expect(page.get_by_role("status")).to_contain_text("The seminar is now: Published.")
    assert Seminar.objects.get(slug=slug).status == "published"

    # A visitor on a phone.
    visitor = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    phone = visitor.new_page()
    phone.goto(f"{base}/seminars/")
    phone.get_by_role("link", name="Labour exploitation in supply chains").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Labour exploitation in supply chains"
    )
    expect(phone.get_by_text("Workshop: joint inspections")).to_be_visible()
    expect(phone.locator(".slot-parallel")).to_have_count(1)
    expect(phone.locator(".slot-time").first).to_have_text("09:00–10:00")  # Lisbon time
    assert page_width(phone) <= 390
    assert_accessible(phone)
    phone.screenshot(path=screenshots / "seminar-phone.png", full_page=True)
    visitor.close()


def test_it_shows_a_full_seminar_page_on_a_desktop(live_server, page, screenshots):
    make_seminar()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/seminars/vienna/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "seminar.png", full_page=True)
    page.goto(f"{live_server.url}/seminars/vienna/coverage/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "coverage.png", full_page=True)


def test_it_presents_the_demo_programme(live_server, page, screenshots):
    from crossborder.curriculum.models import Tag
    from crossborder.curriculum.taxonomy import load_taxonomy
    from crossborder.seminars.content import load_programme

    load_taxonomy(Tag)  # the live server's flush removed the migrated taxonomy
    load_programme()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/seminars/")
    assert_accessible(page)
    page.screenshot(path=screenshots / "seminars.png", full_page=True)
    slug = Seminar.objects.get(status="applications_open").slug
    page.goto(f"{live_server.url}/seminars/{slug}/")
    expect(page.locator(".slot-parallel").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / "seminar-demo.png", full_page=True)
    page.goto(f"{live_server.url}/programme/coverage/")
    coverage_table = page.locator("table.coverage").first
    expect(coverage_table.locator("td.covered")).to_have_count(9)
    assert_accessible(page)
    page.screenshot(path=screenshots / "coverage-programme.png", full_page=True)
    response = page.request.get(f"{live_server.url}/seminars/{slug}/programme.pdf")
    assert response.ok and response.body().startswith(b"%PDF")
    (screenshots / "programme-demo.pdf").write_bytes(response.body())
