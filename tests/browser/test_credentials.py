"""Certificates end to end: the manager issues a held seminar's certificates in the background
and follows the progress bar; the participant opens their wallet and the public verification
page on a phone (390 px) and a desktop (1280 px)."""

from django.core.management import call_command
from playwright.sync_api import expect

from crossborder.credentials.models import Credential
from tests.factories import make_attendee, make_seminar, make_user

from .helpers import assert_accessible, open_from_menu, page_width, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_a_manager_issues_certificates_and_the_participant_shares_one(
    live_server, browser, screenshots, manager, participant, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    seminar = make_seminar("vienna-2027", status="held")
    make_attendee(seminar, participant)
    greek = make_user("eleni@example.org", first_name="Ελένη", last_name="Παπαδοπούλου")
    make_attendee(seminar, greek, present=["Act, means, purpose", "Identifying victims"])
    make_attendee(seminar, make_user("ivan@example.org", first_name="Иван", last_name="Петров"))
    base = live_server.url

    staff = browser.new_context(viewport=DESKTOP).new_page()
    staff.set_default_timeout(10_000)
    # The server's first request loads every app's URLs and API (seconds on a busy machine).
    staff.goto(f"{base}/verify/", timeout=60_000)
    sign_in(staff, base, manager.email, totp=True)
    staff.goto(f"{base}/manage/seminars/{seminar.slug}/")
    staff.get_by_role("link", name="Certificates", exact=True).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Certificates of attendance")
    assert_accessible(staff)
    # The batch goes onto the real database queue; its page polls until a worker has run it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    staff.get_by_role("button", name="Issue 3 missing certificates").click()
    expect(staff.locator("#batch-status")).to_contain_text("Queued")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "certificates-batch-queued.png", full_page=True)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    expect(staff.locator("#batch-status")).to_contain_text("Done: 3 certificates issued")
    staff.screenshot(path=screenshots / "certificates-batch-done.png", full_page=True)
    staff.get_by_role("link", name="Back to the certificates").click()
    expect(staff.locator("tbody tr")).to_have_count(3)
    expect(staff.get_by_text("Ελένη Παπαδοπούλου")).to_be_visible()
    staff.screenshot(path=screenshots / "certificates-manage.png", full_page=True)
    assert Credential.objects.count() == 3
    mine = Credential.objects.get(holder=participant)

    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = browser.new_context(viewport=viewport).new_page()
        page.set_default_timeout(10_000)
        sign_in(page, base, participant.email)
        if name == "phone":
            page.get_by_role("button", name="Menu").click()
        open_from_menu(page, "My certificates")
        expect(page.get_by_role("heading", level=1)).to_have_text("My certificates")
        card = page.locator(".credential-card")
        expect(card).to_have_count(1)
        expect(card.get_by_role("link", name="Certificate (PDF)")).to_be_visible()
        expect(page.get_by_label("Share link (verification page)")).to_have_value(
            f"http://127.0.0.1:8000/verify/{mine.code}"
        )
        expect(card.get_by_role("button", name="Copy")).to_be_visible()
        assert page_width(page) <= viewport["width"]
        assert_accessible(page)
        page.screenshot(path=screenshots / f"wallet-{name}.png", full_page=True)
        page.get_by_role("link", name="Open the verification page").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Valid certificate")
        expect(page.locator(".holder-name")).to_have_text("Ana Horvat")
        expect(page.get_by_text("Total CPD hours")).to_be_visible()
        assert page_width(page) <= viewport["width"]
        assert_accessible(page)
        page.screenshot(path=screenshots / f"verify-{name}.png", full_page=True)
        page.context.close()


def test_the_widest_code_fits_a_phone(live_server, browser, manager, participant, monkeypatch):
    """The code stands in the breadcrumb and in the facts; twenty W's, the widest letters of its
    alphabet, wrap there instead of pushing the page sideways."""
    from crossborder.credentials import issuing

    application = make_attendee(make_seminar("vienna-2027", status="held"), participant)
    monkeypatch.setattr(issuing, "new_code", lambda: "W" * 20)
    issuing.issue_attendance(application, by=manager, notify=False, pdf=False)
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/verify/{'W' * 20}", timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Valid certificate")
    assert page_width(page) <= PHONE["width"]
