"""The manager's group pages through HTTP: allocate, refuse what cannot hold (saving nothing),
move people, pairing rules, publish; what participants and trainers then see."""

import contextlib
import re
import zlib
from collections import Counter

import pytest

from crossborder.audit.models import AuditEntry
from crossborder.workshops.models import AllocationRun, Group, Membership, PairingRule, Workshop
from tests.workshops.allocation_world import allocate, seminar_with_cohort, slot_key

pytestmark = pytest.mark.django_db


def test_it_allocates_one_group_per_trainer_keeping_every_hard_constraint(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(26, orgs={0: "Policija", 1: "POLICIJA ", 2: "policija"})
    r = allocate(client_of(manager), seminar, django_capture_on_commit_callbacks)
    run = AllocationRun.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/groups/runs/{run.pk}/")
    assert run.status == "done", run.error
    groups = list(Group.objects.select_related("trainer", "session"))
    assert len(groups) == 4  # two sessions with two speakers each
    assert len({g.trainer_id for g in groups}) == 4
    assert all(g.session and g.language in ("en", "de") for g in groups)
    members = Membership.objects.select_related("application")
    assert sorted(m.application_id for m in members) == sorted(a.pk for a in people)
    sizes = Counter(m.group_id for m in members)
    assert max(sizes.values()) - min(sizes.values()) <= 1
    police = {
        m.group_id for m in members if m.application.organisation.strip().lower() == "policija"
    }
    assert len(police) == 3  # the one organisation (however written) is spread
    assert run.result["overall"]["diversity"] > run.result["random"]["diversity"]
    assert AuditEntry.objects.filter(action="workshop.allocate").count() == 1
    page = client_of(manager).get(r["Location"])
    assert "Done: the groups are allocated" in page.content.decode()


def test_the_board_shows_groups_scores_and_the_random_baseline(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(20)
    allocate(client_of(manager), seminar, django_capture_on_commit_callbacks)
    html = client_of(manager).get(f"/manage/seminars/{seminar.slug}/groups/").content.decode()
    assert "Diversity score" in html and "random allocation" in html
    assert "Group 4" in html and "Trainer Extra 1" in html
    assert people[0].user.get_full_name() in html
    assert 'draggable="true"' in html and "Move to group" in html


def test_it_refuses_more_people_of_one_organisation_than_groups_and_saves_nothing(
    client_of, manager, django_capture_on_commit_callbacks
):
    orgs = dict.fromkeys(range(5), "Guardia Civil")
    seminar, _people = seminar_with_cohort(20, orgs=orgs)
    r = allocate(client_of(manager), seminar, django_capture_on_commit_callbacks)
    assert r.status_code == 400
    html = r.content.decode()
    assert "5 people work for Guardia Civil" in html and "only 4 groups" in html
    assert "Nothing was changed" in html
    assert not Workshop.objects.exists() and not AllocationRun.objects.exists()


def test_it_refuses_more_groups_than_trainers(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, _people = seminar_with_cohort(20)
    r = allocate(
        client_of(manager), seminar, django_capture_on_commit_callbacks, mode="groups", number=6
    )
    assert r.status_code == 400
    assert (
        "6 groups need 6 trainers, but the workshop sessions of this slot have 4"
        in r.content.decode()
    )
    assert not Workshop.objects.exists()


def test_it_names_somebody_who_speaks_none_of_the_group_languages(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(12)
    profile = people[3].user.profile
    profile.working_languages = ["pl"]
    profile.save()
    r = allocate(client_of(manager), seminar, django_capture_on_commit_callbacks)
    assert r.status_code == 400
    name = people[3].user.get_full_name()
    assert f"{name} speaks none of the group languages (English, German)" in r.content.decode()
    assert not Group.objects.exists()


def test_contradicting_pairing_rules_are_named_and_nothing_is_saved(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(12)
    c = client_of(manager)
    a, b, d = people[0], people[1], people[2]
    for first, second, kind in [(a, b, "together"), (b, d, "together"), (a, d, "apart")]:
        r = c.post(
            f"/manage/seminars/{seminar.slug}/groups/rules/",
            {"first": first.pk, "second": second.pk, "kind": kind, "note": "test"},
        )
        assert r.status_code == 302
    r = allocate(c, seminar, django_capture_on_commit_callbacks)
    assert r.status_code == 400
    assert (
        "are to be kept apart, but keep-together rules put them in one group" in r.content.decode()
    )
    assert not Workshop.objects.exists()


@pytest.mark.parametrize(
    "form, message",
    [
        ({"mode": "groups", "number": ""}, "Enter the number of groups or the group size."),
        ({"mode": "size", "number": "1"}, "A group needs at least two people."),
        ({"mode": "groups", "number": "abc"}, "Enter a whole number."),
        ({"mode": "nonsense"}, "Select a valid choice."),
        ({"slot": "12345"}, "This seminar has no workshop slot at that time."),
        ({"slot": "x"}, "Enter a whole number."),
        ({"mode": "groups", "number": "30"}, "There are more groups (30) than participants (8)."),
    ],
)
def test_bad_allocation_input_gets_a_clear_message_and_changes_nothing(
    client_of, manager, django_capture_on_commit_callbacks, form, message
):
    seminar, _people = seminar_with_cohort(8)
    r = allocate(client_of(manager), seminar, django_capture_on_commit_callbacks, **form)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Workshop.objects.exists()


def test_groups_of_at_most_k_people(client_of, manager, django_capture_on_commit_callbacks):
    seminar, _people = seminar_with_cohort(14)
    allocate(client_of(manager), seminar, django_capture_on_commit_callbacks, mode="size", number=5)
    sizes = sorted(Counter(Membership.objects.values_list("group_id", flat=True)).values())
    assert sizes == [4, 5, 5]


def _allocated(client, seminar, capture):
    allocate(client, seminar, capture)
    return list(Group.objects.order_by("number"))


def test_a_move_by_the_plain_form_changes_the_group_and_is_audited(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, _people = seminar_with_cohort(16)
    c = client_of(manager)
    groups = _allocated(c, seminar, django_capture_on_commit_callbacks)
    m = Membership.objects.filter(group=groups[0]).first()
    r = c.post(
        f"/manage/seminars/{seminar.slug}/groups/move/", {"membership": m.pk, "group": groups[1].pk}
    )
    assert r.status_code == 302 and r["Location"].endswith(f"#slot-{slot_key(seminar)}")
    m.refresh_from_db()
    assert m.group_id == groups[1].pk and m.moved_by == manager
    assert AuditEntry.objects.filter(action="workshop.group.move").count() == 1
    page = c.get(r["Location"].split("#")[0]).content.decode()
    assert "moved." in page and "differ in size by more than one person" in page


def test_a_move_with_htmx_answers_with_the_slot_and_its_new_scores(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, _people = seminar_with_cohort(16)
    c = client_of(manager)
    groups = _allocated(c, seminar, django_capture_on_commit_callbacks)
    m = Membership.objects.filter(group=groups[0]).first()
    r = c.post(
        f"/manage/seminars/{seminar.slug}/groups/move/",
        {"membership": m.pk, "group": groups[1].pk},
        HTTP_HX_REQUEST="true",
    )
    html = r.content.decode()
    assert r.status_code == 200
    assert html.lstrip().startswith(f'<section id="slot-{slot_key(seminar)}"')
    assert "Diversity score" in html and "moved" in html
    assert "<html" not in html


def test_a_move_that_puts_two_colleagues_together_is_refused_with_the_reason(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(16, orgs={0: "Europol liaison", 1: "Europol Liaison"})
    c = client_of(manager)
    _allocated(c, seminar, django_capture_on_commit_callbacks)
    first = Membership.objects.get(application=people[0])
    second = Membership.objects.get(application=people[1])
    r = c.post(
        f"/manage/seminars/{seminar.slug}/groups/move/",
        {"membership": first.pk, "group": second.group_id},
        HTTP_HX_REQUEST="true",
    )
    html = r.content.decode()
    assert "of the same organisation" in html and 'role="alert"' in html
    first.refresh_from_db()
    assert first.group_id != second.group_id


def test_a_move_that_breaks_a_keep_apart_rule_is_refused(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(16)
    c = client_of(manager)
    c.post(
        f"/manage/seminars/{seminar.slug}/groups/rules/",
        {"first": people[0].pk, "second": people[1].pk, "kind": "apart", "note": "Same case"},
    )
    _allocated(c, seminar, django_capture_on_commit_callbacks)
    first = Membership.objects.get(application=people[0])
    second = Membership.objects.get(application=people[1])
    assert first.group_id != second.group_id
    r = c.post(
        f"/manage/seminars/{seminar.slug}/groups/move/",
        {"membership": first.pk, "group": second.group_id},
    )
    assert r.status_code == 302
    page = c.get(f"/manage/seminars/{seminar.slug}/groups/").content.decode()
    assert "are to be kept apart (Same case)" in page
    first.refresh_from_db()
    assert first.group_id != second.group_id


def test_a_move_of_somebody_else_s_seminar_or_nonsense_is_refused(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, _people = seminar_with_cohort(8)
    c = client_of(manager)
    _allocated(c, seminar, django_capture_on_commit_callbacks)
    for data in [{"membership": "x", "group": "1"}, {"membership": 999999, "group": 1}, {}]:
        r = c.post(f"/manage/seminars/{seminar.slug}/groups/move/", data)
        assert r.status_code == 400
        assert "Choose a person and a group" in r.content.decode()
    m = Membership.objects.first()
    r = c.post(
        f"/manage/seminars/{seminar.slug}/groups/move/", {"membership": m.pk, "group": 999999}
    )
    assert r.status_code == 302
    assert not AuditEntry.objects.filter(action="workshop.group.move").exists()


def test_pairing_rules_refuse_bad_input(client_of, manager):
    seminar, people = seminar_with_cohort(6)
    c = client_of(manager)
    url = f"/manage/seminars/{seminar.slug}/groups/rules/"
    same = c.post(url, {"first": people[0].pk, "second": people[0].pk, "kind": "apart"})
    assert same.status_code == 400 and "Choose two different people." in same.content.decode()
    stranger = c.post(url, {"first": people[0].pk, "second": 424242, "kind": "apart"})
    assert stranger.status_code == 400 and "Select a valid choice" in stranger.content.decode()
    c.post(url, {"first": people[0].pk, "second": people[1].pk, "kind": "apart"})
    twice = c.post(url, {"first": people[1].pk, "second": people[0].pk, "kind": "together"})
    assert "There is already a rule for these two" in twice.content.decode()
    assert PairingRule.objects.count() == 1
    rule = PairingRule.objects.get()
    r = c.post(f"/manage/seminars/{seminar.slug}/groups/rules/{rule.pk}/remove/")
    assert r.status_code == 302 and not PairingRule.objects.exists()


def test_participants_see_only_their_own_group_once_published(
    client_of, manager, django_capture_on_commit_callbacks, client
):
    seminar, people = seminar_with_cohort(16)
    _allocated(client_of(manager), seminar, django_capture_on_commit_callbacks)
    me = people[0]
    mine = Membership.objects.get(application=me)
    others = Membership.objects.exclude(group=mine.group).select_related("application__user")
    client.force_login(me.user)
    assert "Your workshop group" not in client.get(seminar.get_absolute_url()).content.decode()
    workshop = Workshop.objects.get()
    client.force_login(manager)
    client.post(f"/manage/seminars/{seminar.slug}/groups/{workshop.pk}/publish/", {"publish": "1"})
    client.force_login(me.user)
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert "Your workshop group" in html and f"Group {mine.group.number}" in html
    assert mine.group.trainer.name in html and mine.group.session.room in html
    for other in others:
        assert other.application.user.get_full_name() not in html
    dashboard = client.get("/dashboard/").content.decode()
    assert "My workshop groups" in dashboard and mine.group.trainer.name in dashboard


def test_a_trainer_sees_the_members_of_the_groups_they_lead(
    client_of, manager, trainer, django_capture_on_commit_callbacks, client
):
    seminar, _people = seminar_with_cohort(16)
    groups = _allocated(client_of(manager), seminar, django_capture_on_commit_callbacks)
    speaker = groups[0].trainer
    speaker.user = trainer
    speaker.save()
    client.force_login(trainer)
    html = client.get("/workshops/my-groups/").content.decode()
    for m in Membership.objects.filter(group=groups[0]).select_related("application__user"):
        assert m.application.user.get_full_name() in html
    other = Membership.objects.filter(group=groups[1]).select_related("application__user").first()
    assert other.application.user.get_full_name() not in html
    assert "My workshop groups" in client.get("/dashboard/").content.decode()


def test_printable_lists_and_the_pdf(client_of, manager, django_capture_on_commit_callbacks):
    seminar, people = seminar_with_cohort(12)
    c = client_of(manager)
    _allocated(c, seminar, django_capture_on_commit_callbacks)
    html = c.get(f"/manage/seminars/{seminar.slug}/groups/print/").content.decode()
    assert "Room A" in html and "Room B" in html and people[0].user.get_full_name() in html
    # The browser gets the stylesheet as a file (the CSP refuses inline styles) ...
    assert 'href="/static/workshops/groups-print.css"' in html and "<style" not in html
    assert html.count('role="region"') == html.count("<table")  # each table scrolls on a phone
    pdf = c.get(f"/manage/seminars/{seminar.slug}/groups/groups.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # ... and WeasyPrint reads it inline: A4 pages (595 x 842 points)
    assert b"/MediaBox [0 0 595" in _unpacked(pdf.content)


def _unpacked(pdf: bytes) -> bytes:
    """The PDF with its compressed object streams inflated (WeasyPrint packs the page objects)."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"".join(parts)


def test_publishing_without_groups_is_refused(client_of, manager):
    seminar, _people = seminar_with_cohort(4)
    workshop = Workshop.objects.create(
        seminar=seminar, start=seminar.sessions.filter(kind="workshop").first().start
    )
    r = client_of(manager).post(
        f"/manage/seminars/{seminar.slug}/groups/{workshop.pk}/publish/",
        {"publish": "1"},
        follow=True,
    )
    assert "Allocate the groups before publishing them." in r.content.decode()
    workshop.refresh_from_db()
    assert workshop.published_at is None


def test_a_solver_proven_conflict_fails_the_run_in_words_and_keeps_the_groups(
    client_of, manager, django_capture_on_commit_callbacks
):
    seminar, people = seminar_with_cohort(8)
    c = client_of(manager)
    before = _allocated(c, seminar, django_capture_on_commit_callbacks)
    # Two groups of four: five people now work only in German, three only in English.
    for i, a in enumerate(people):
        a.user.profile.working_languages = ["de"] if i < 5 else ["en"]
        a.user.profile.save()
    r = allocate(c, seminar, django_capture_on_commit_callbacks, mode="groups", number=2)
    run = AllocationRun.objects.order_by("-pk").first()
    assert run.status == "failed"
    assert "one working language per group that all its members speak" in run.error
    assert (
        "The allocation failed; the groups were not changed."
        in c.get(r["Location"]).content.decode()
    )
    assert list(Group.objects.order_by("number")) == before
