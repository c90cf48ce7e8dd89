"""The trainer releases an inject of the JIT exercise and a participant's page shows it."""

import re

from playwright.sync_api import expect

from tests.workshops.test_exercise_runs import World

from .helpers import assert_accessible, settle, sign_in

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def test_the_trainer_releases_an_inject_and_the_groups_see_it(
    live_server, browser, screenshots, participant, trainer, manager
):
    world = World(participant, trainer, manager)
    base = live_server.url

    # The trainer opens the prepared exercise from the catalogue.
    coach = browser.new_context(viewport=DESKTOP).new_page()
    coach.set_default_timeout(10_000)
    sign_in(coach, base, trainer.email)
    coach.goto(f"{base}/exercises/")
    coach.get_by_role("link", name="Joint investigation team simulation").first.click()
    settle(coach)
    coach.get_by_role("button", name="Open the exercise").click()
    settle(coach)
    expect(coach.get_by_role("status").first).to_contain_text("The exercise is open")

    # A participant reads the case file and the role card; no inject yet.
    member = browser.new_context(viewport=DESKTOP).new_page()
    member.set_default_timeout(10_000)
    sign_in(member, base, participant.email)
    member.goto(f"{base}/exercises/")
    member.get_by_role("link", name=re.compile("Operation Glass Harbour")).click()
    settle(member)
    expect(member.get_by_role("heading", level=2, name=re.compile("Your role"))).to_contain_text(
        "Police officer in Member State A"
    )
    expect(member.locator("#injects")).to_contain_text("No new information yet")
    expect(member.locator("#injects")).not_to_contain_text("A news site publishes the story")
    assert_accessible(member)

    # The trainer releases the media leak (htmx, after a confirmation).
    coach.once("dialog", lambda dialog: dialog.accept())
    coach.get_by_role("button", name="Release “A news site publishes the story”").click()
    expect(coach.locator("#trainer-injects")).to_contain_text("1 of 7 released.")
    expect(coach.locator("#trainer-injects")).to_contain_text("Released: “A news site")
    expect(
        coach.get_by_role("button", name="Release “A news site publishes the story”")
    ).to_have_count(0)
    assert_accessible(coach)
    coach.screenshot(path=screenshots / "exercise-trainer.png", full_page=True)

    # The participant's list refreshes itself (the same request htmx's 20-second poll sends).
    member.evaluate(
        "htmx.ajax('GET', location.pathname, {source: '#injects', target: '#injects', "
        "swap: 'outerHTML'})"
    )
    expect(member.locator("#injects")).to_contain_text("A news site publishes the story")
    expect(member.locator("#injects")).to_contain_text("Foreign sex ring under investigation")
    assert world.run.releases.count() == 1
    member.screenshot(path=screenshots / "exercise-participant.png", full_page=True)

    # On a phone, the inject comes first and the role card can be switched.
    member.set_viewport_size(PHONE)
    member.reload()
    member.get_by_label("Read another role card of your group").select_option(
        label="Prosecutor in Member State B, proposed JIT leader"
    )
    member.get_by_role("button", name="Show this card").click()
    settle(member)
    expect(member.get_by_role("heading", level=2, name=re.compile("Your role"))).to_contain_text(
        "Prosecutor in Member State B"
    )
    assert_accessible(member)
    member.screenshot(path=screenshots / "exercise-participant-phone.png", full_page=True)
