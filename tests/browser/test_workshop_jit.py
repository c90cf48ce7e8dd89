"""A group member fills part of the JIT agreement, adds a row with htmx, saves and sees what the
checklist still misses; the trainer reads all drafts side by side and comments on a section,
which the group then sees."""

from playwright.sync_api import expect

from crossborder.workshops.models import Draft, DraftComment
from tests.workshops.test_jit_pages import make_jit_run

from .helpers import assert_accessible, settle, sign_in


def no_page_overflow(page) -> bool:
    page.wait_for_load_state()  # measured once the stylesheets apply
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_group_drafts_its_jit_agreement_and_the_trainer_comments(
    live_server, page, screenshots, participant, trainer
):
    run, _groups = make_jit_run(participant=participant, trainer=trainer)
    base = live_server.url
    draft_url = f"{base}/workshops/runs/{run.pk}/drafts/1/"
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.goto(draft_url)
    settle(page)
    expect(page.get_by_role("heading", name="JIT agreement of Group 1")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("State, party 1").fill("State A")
    page.get_by_label("Competent authority, party 1").fill("Public Prosecution Service")
    page.get_by_label("State, party 2").fill("State C")
    page.get_by_label("Competent authority, party 2").fill("National Prosecutor's Office")
    page.get_by_label("Purpose and offences investigated").fill(
        "Trafficking for labour exploitation on farms in State C; recruitment online in State A."
    )
    page.get_by_label("Start", exact=True).fill("2026-05-01")
    page.get_by_label("End", exact=True).fill("2027-04-30")
    for n, state in enumerate(("State A", "State C"), start=1):
        page.get_by_label(f"State, State {n}", exact=True).fill(state)
    page.get_by_label("State, leader 1").fill("State A")
    page.get_by_label("Name, leader 1").fill("Marta Kovač")
    # A third State's row, added with htmx beyond the two empty rows.
    page.get_by_role("button", name="Add a row (participant)").click()
    expect(page.get_by_label("Body or State, participant 3")).to_be_visible()
    page.get_by_label("Body or State, participant 3").select_option("third_state")
    page.get_by_label("Name, participant 3").fill("Country E")
    page.get_by_label("Role, participant 3").fill("Bank accounts receiving the proceeds")
    page.get_by_role("button", name="Save draft").click()
    settle(page)

    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    checklist = page.locator("#checklist")
    expect(checklist).to_contain_text("No leader for: State C.")
    expect(checklist).to_contain_text("No legal basis noted for: Country E.")
    expect(checklist).to_contain_text("The agreement has an evaluation clause.")
    draft = Draft.objects.get(run=run)
    assert draft.content["participants"]["rows"] == [
        {
            "body": "third_state",
            "name": "Country E",
            "role": "Bank accounts receiving the proceeds",
            "legal_basis": "",
        }
    ]
    assert_accessible(page)
    page.screenshot(path=screenshots / "jit-draft-member.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_page_overflow(page)
    page.screenshot(path=screenshots / "jit-draft-member-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.context.clear_cookies()
    sign_in(page, base, trainer.email)
    page.goto(f"{base}/workshops/runs/{run.pk}/drafts/")
    expect(page.get_by_role("heading", name="JIT agreements side by side")).to_be_visible()
    expect(page.locator("table.jit-grid")).to_contain_text("Marta Kovač")
    expect(page.locator("table.jit-grid")).to_contain_text("not started")
    assert no_page_overflow(page)  # the wide grid scrolls inside its own region
    assert_accessible(page)
    page.screenshot(path=screenshots / "jit-grid-trainer.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_page_overflow(page)
    page.screenshot(path=screenshots / "jit-grid-trainer-phone.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Comment on Leaders of the JIT of Group 1").click()
    settle(page)
    page.get_by_label("Comment on “Leaders of the JIT”").fill(
        "State C is an operating State: who leads the team there?"
    )
    page.locator("#comments-leaders").get_by_role("button", name="Add comment").click()
    expect(page.locator("#comments-leaders")).to_contain_text("who leads the team there?")
    assert DraftComment.objects.filter(author=trainer, section="leaders").count() == 1
    assert_accessible(page)
    page.locator("#leaders").screenshot(path=screenshots / "jit-comment-trainer.png")

    page.goto(f"{base}/workshops/runs/{run.pk}/drafts/debrief/")
    expect(
        page.get_by_role("heading", name="Debrief: the JIT agreements against the checklist")
    ).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=screenshots / "jit-debrief.png", full_page=True)

    page.context.clear_cookies()
    sign_in(page, base, participant.email)
    page.goto(draft_url + "#leaders")
    expect(page.locator("#comments-leaders")).to_contain_text("who leads the team there?")
