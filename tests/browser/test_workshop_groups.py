"""A manager allocates a workshop's groups, drags a participant to another group and moves one
with the plain form, sees the scores change and publishes; a participant then sees their
group on the seminar page. Desktop and phone screenshots."""

from playwright.sync_api import expect

from crossborder.workshops.models import Group, Membership
from tests.workshops.allocation_world import seminar_with_cohort

from .helpers import assert_accessible, settle, sign_in


def _scores(page) -> str:
    return (
        " ".join(page.locator(".group-score").all_inner_texts())
        + page.locator(".score-summary").inner_text()
    )


def test_a_manager_allocates_moves_and_publishes_and_a_participant_sees_their_group(
    live_server, browser, screenshots, manager
):
    seminar, people = seminar_with_cohort(14, slug="groups-browser")
    base = live_server.url
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.set_default_timeout(20_000)
    sign_in(staff, base, manager.email, totp=True)
    staff.goto(f"{base}/manage/seminars/{seminar.slug}/")
    staff.get_by_role("link", name="Workshop groups").click()
    settle(staff)
    expect(staff.get_by_role("heading", level=1)).to_have_text("Workshop groups")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "groups-before-allocation.png", full_page=True)

    staff.get_by_role("button", name="Allocate groups").click()
    expect(staff.locator("#run-status")).to_contain_text("Done: the groups are allocated")
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "groups-run-done.png", full_page=True)
    staff.get_by_role("button", name="Review the groups").click()
    settle(staff)
    expect(staff.locator(".group-card")).to_have_count(4)
    assert_accessible(staff)
    staff.screenshot(path=screenshots / "groups-allocated.png", full_page=True)

    # Drag one person of group 1 onto group 2: htmx swaps in the slot with the new scores.
    groups = list(Group.objects.order_by("number"))
    moved = Membership.objects.filter(group=groups[0]).select_related("application__user").first()
    before = _scores(staff)
    staff.drag_and_drop(
        f'li[data-membership="{moved.pk}"]', f'article[data-group="{groups[1].pk}"] h3'
    )
    name = moved.application.user.get_full_name()
    expect(staff.get_by_role("status").filter(has_text=f"{name} moved.")).to_have_count(1)
    expect(staff.locator(f'article[data-group="{groups[1].pk}"]')).to_contain_text(name)
    assert Membership.objects.get(pk=moved.pk).group_id == groups[1].pk
    assert _scores(staff) != before
    staff.screenshot(path=screenshots / "groups-after-drag.png", full_page=True)

    # The plain form beside a name does the same without dragging.
    other = Membership.objects.filter(group=groups[2]).select_related("application__user").first()
    item = staff.locator(f'li[data-membership="{other.pk}"]')
    item.locator("summary").click()
    item.get_by_label("Move to group").select_option(label="Group 4")
    item.get_by_role("button", name="Move").click()
    expect(staff.locator(f'article[data-group="{groups[3].pk}"]')).to_contain_text(
        other.application.user.get_full_name()
    )
    assert Membership.objects.get(pk=other.pk).group_id == groups[3].pk
    assert_accessible(staff)

    staff.get_by_role("button", name="Show to participants").click()
    expect(staff.get_by_role("status").first).to_contain_text(
        "The groups are shown to participants."
    )
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, storage_state=staff.context.storage_state()
    ).new_page()
    phone.goto(f"{base}/manage/seminars/{seminar.slug}/groups/")
    settle(phone)
    phone.screenshot(path=screenshots / "groups-phone.png", full_page=True)

    # A participant sees their group, room, trainer and language.
    me = people[5]
    mine = Membership.objects.select_related("group__trainer", "group__session").get(application=me)
    visitor = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    visitor.set_default_timeout(20_000)
    sign_in(visitor, base, me.user.email)
    visitor.goto(f"{base}/seminars/{seminar.slug}/")
    section = visitor.locator(
        "section", has=visitor.get_by_role("heading", name="Your workshop groups", exact=True)
    ).first
    expect(section).to_contain_text(f"Group {mine.group.number}")
    expect(section).to_contain_text(mine.group.trainer.name)
    expect(section).to_contain_text(mine.group.session.room)
    assert_accessible(visitor)
    visitor.screenshot(path=screenshots / "groups-participant-phone.png", full_page=True)
