"""A group member flags three entities through the flag form, submits after the confirmation
step and sees the score; the trainer closes the lab, reveals the network and compares groups."""

import random

from playwright.sync_api import expect

from crossborder.labs.models import Flag, Lab
from crossborder.labs.running.services import rehearse_submissions
from tests.labs.world import make_lab_world

from .helpers import assert_accessible, settle, sign_in


def no_page_overflow(page) -> bool:
    page.wait_for_load_state()  # measured once the stylesheets apply
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def add_flag(page, base, lab, item, category, confidence):
    page.goto(f"{base}/labs/{lab.pk}/")
    page.get_by_role("button", name="Add a flag").click()
    settle(page)
    page.get_by_label("Entity or transaction").fill(item)
    page.get_by_label(category).check()
    page.get_by_role("radio", name=confidence).check()
    page.get_by_role("button", name="Flag it").click()
    settle(page)
    expect(page.get_by_text(f"{item} flagged.")).to_be_visible()


def test_a_group_flags_submits_and_the_trainer_reveals_and_compares(
    live_server, page, screenshots, participant, trainer
):
    lab, groups = make_lab_world(participant=participant, trainer=trainer)
    rehearse_submissions(lab=lab, shares={groups[1]: 0.6}, rng=random.Random(2))
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)

    page.goto(f"{base}/labs/{lab.pk}/flags/new/?item=PER-001")
    expect(page.get_by_label("Entity or transaction")).to_have_value("PER-001")
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-run-flag-form.png", full_page=True)
    # A bad identifier is refused in the form, nothing stored.
    page.get_by_label("Entity or transaction").fill("PER-999")
    page.get_by_label("Funnel account").check()
    page.get_by_role("button", name="Flag it").click()
    expect(page.get_by_role("alert")).to_contain_text("“PER-999” is not in this lab's dataset.")
    assert not Flag.objects.filter(submission__group=groups[0]).exists()

    add_flag(page, base, lab, "ACC-002", "Funnel account", "High: we would report it")
    add_flag(page, base, lab, "COM-001", "Front business", "Medium: several indicators")
    add_flag(page, base, lab, "PER-004", "A third party controls", "Low: worth a look")
    panel = page.locator("section.lab-run")
    expect(panel.locator("table.lab-flags tbody tr")).to_have_count(3)
    assert_accessible(page)

    page.get_by_role("button", name="Submit our flags").click()
    settle(page)
    expect(page.get_by_role("heading", name="Submit the flags")).to_be_visible()
    page.get_by_role("button", name="Submit these 3 flags").click()
    settle(page)
    expect(page.get_by_text("Your flags were submitted and scored.")).to_be_visible()
    score = page.locator("article.lab-score")
    # 2 of 3 flags on network entities (ACC-002, COM-001); PER-004 is a look-alike.
    expect(score).to_contain_text("67 %")
    expect(score).to_contain_text("2 / 10")
    assert_accessible(page)
    page.locator("#run-heading").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "lab-run-score.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_page_overflow(page)
    page.screenshot(path=screenshots / "lab-run-score-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.context.clear_cookies()
    sign_in(page, base, trainer.email)
    page.goto(f"{base}/labs/{lab.pk}/")
    controls = page.locator("article.lab-controls")
    expect(controls).to_contain_text("Open")
    expect(controls.get_by_role("button", name="Close the lab")).to_be_visible()
    controls.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "lab-run-trainer-overview.png")
    controls.get_by_role("button", name="Compare the groups").click()
    settle(page)
    expect(page.get_by_role("heading", name="Compare the groups")).to_be_visible()
    table = page.locator("table.lab-compare")
    expect(table).to_contain_text("not started")  # group 3
    page.get_by_role("button", name="Close the lab").click()
    settle(page)
    expect(page.get_by_text("The lab is closed.")).to_be_visible()
    page.get_by_role("button", name="Reveal the network").click()
    settle(page)
    expect(page.get_by_text("The hidden network is revealed.")).to_be_visible()
    network = page.locator("table.lab-network")
    expect(network).to_contain_text("Dimitar Petrov")
    expect(network.locator("tbody tr")).to_have_count(10)
    assert Lab.objects.get(pk=lab.pk).revealed_at is not None
    assert_accessible(page)
    page.screenshot(path=screenshots / "lab-run-trainer.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshots / "lab-run-trainer-phone.png", full_page=True)
    assert no_page_overflow(page)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, participant.email)
    page.goto(f"{base}/labs/{lab.pk}/")
    expect(page.get_by_role("heading", name="What you missed")).to_be_visible()
    expect(page.locator("article.lab-missed")).to_contain_text("Elena Ilieva")
    page.screenshot(path=screenshots / "lab-run-missed.png", full_page=True)
