"""A practitioner shares a good practice, the moderator asks for a change, the author edits it,
the moderator publishes it and a vetted judge comments on it."""

from playwright.sync_api import expect

from crossborder.accounts.models import Vetting
from crossborder.curriculum.models import Tag
from crossborder.curriculum.taxonomy import load_taxonomy
from crossborder.library.models import Entry
from tests.factories import make_user

from .helpers import assert_accessible, sign_in


def test_a_practice_goes_from_submission_to_publication_with_a_comment(
    live_server, page, browser, screenshots, participant, manager
):
    load_taxonomy(Tag)
    judge = make_user(
        "judge@example.org",
        first_name="Marta",
        last_name="Nowak",
        profile={
            "profession": "judge",
            "country": "PL",
            "organisation": "Sąd Okręgowy",
            "vetting": Vetting.VERIFIED,
        },
    )
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.goto(f"{base}/library/practices/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Interpreters booked before the action day")
    page.get_by_label("Country").select_option("HR")
    page.get_by_label("Summary").fill(
        "The same two interpreters serve every interview of the case."
    )
    page.get_by_label("The problem").fill("Victims repeated their story to new interpreters.")
    page.get_by_label("What was done").fill(
        "The police booked two interpreters for the whole operation."
    )
    page.get_by_label("Results").fill("Consistent statements; victims stayed in contact.")
    page.get_by_label("Contact point").fill("National anti-trafficking police unit")
    page.get_by_label("Sources").fill("Fifth JIT evaluation report (2025)")
    page.get_by_label("Law-enforcement officer").check()
    page.get_by_label("A – Investigations and prosecutions, incl. intelligence-led").check()
    page.screenshot(path=screenshots / "library-submit.png", full_page=True)
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".submission-status")).to_contain_text("Awaiting review")
    entry = Entry.objects.get(author=participant)

    moderator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    moderator.set_default_timeout(10_000)
    sign_in(moderator, base, manager.email, totp=True)  # one sign-in: a TOTP code works once
    moderator.goto(f"{base}/library/moderation/")
    assert_accessible(moderator)
    moderator.get_by_role("link", name="Interpreters booked before the action day").click()
    moderator.get_by_label("Ask the author for changes").check()
    moderator.get_by_label("Note to the author").fill(
        "Please add which evaluation report you mean."
    )
    moderator.get_by_role("button", name="Record decision").click()
    expect(moderator.locator(".messages")).to_contain_text("Decision recorded")
    moderator.screenshot(path=screenshots / "library-moderation.png", full_page=True)

    page.goto(f"{base}/library/practices/mine/")
    expect(page.locator("table")).to_contain_text("Changes requested")
    expect(page.locator("table")).to_contain_text("Please add which evaluation report")
    assert_accessible(page)
    page.screenshot(path=screenshots / "library-mine.png", full_page=True)
    page.goto(f"{base}/library/{entry.slug}/edit/")
    page.get_by_label("Sources").fill(
        "Fifth evaluation report of joint investigation teams (July 2025)"
    )
    page.get_by_role("button", name="Send the changes").click()
    expect(page.locator(".submission-status")).to_contain_text("Awaiting review")

    moderator.goto(f"{base}/library/{entry.slug}/")
    moderator.get_by_label("Publish", exact=True).check()
    moderator.get_by_label("Who may read it").select_option("registered")
    moderator.get_by_role("button", name="Record decision").click()
    expect(moderator.locator(".messages")).to_contain_text("Decision recorded")
    entry.refresh_from_db()
    assert entry.status == "published"

    page.context.clear_cookies()
    sign_in(page, base, judge.email)
    page.goto(f"{base}/library/{entry.slug}/")
    page.get_by_label("Your comment").fill("We do the same in Kraków: book them a week ahead.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".comment")).to_contain_text("book them a week ahead")
    assert_accessible(page)
    page.screenshot(path=screenshots / "library-practice.png", full_page=True)
