"""The run pages through HTTP: the flag form, removing a flag, the submission with its
confirmation step, the run panel of the overview, open/close/reveal, the trainer's comparison
and the list of labs; that a group never sees another group's flags; query counts pinned."""

import random

import pytest

from crossborder.labs.flagging import FlagRequest, add_flags
from crossborder.labs.models import Flag, Lab, Submission
from crossborder.labs.running.services import close_lab, rehearse_submissions, submit_flags
from tests.labs.world import make_lab_world

pytestmark = pytest.mark.django_db

SECRET = "A private hunch of group one"


@pytest.fixture
def world(participant, trainer):
    lab, groups = make_lab_world(participant=participant, trainer=trainer)
    return lab, groups


def member(group):
    return group.memberships.select_related("application__user").get().application.user


def url(lab, what=""):
    return f"/labs/{lab.pk}/{what}"


def test_the_flag_form_is_prefilled_and_shows_the_hints(client_of, participant, world):
    lab, _groups = world
    r = client_of(participant).get(url(lab, "flags/new/?item=PER-001"))
    assert r.status_code == 200
    page = r.content.decode()
    assert 'value="PER-001"' in page
    assert "Funnel account: several people" in page
    assert "Wages of several workers arrive in one account" in page  # the hint beside it
    assert not Submission.objects.exists()  # GET never writes


def test_a_flag_is_stored_and_listed_on_the_overview(client_of, participant, world):
    lab, _groups = world
    client = client_of(participant)
    r = client.post(
        url(lab, "flags/new/"),
        {"item": "acc-002", "category": "funnel", "confidence": "3", "note": SECRET},
    )
    assert r.status_code == 302
    flag = Flag.objects.get()
    assert (flag.entity.key, flag.category, flag.confidence) == ("ACC-002", "funnel", 3)
    page = client.get(url(lab)).content.decode()
    assert "ACC-002" in page and SECRET in page and "Submit our flags" in page
    assert f"/labs/{lab.pk}/flags/{flag.pk}/delete/" in page


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("PER-999", "“PER-999” is not in this lab&#x27;s dataset."),
        ("ACC-002", "Already flagged by your group: ACC-002"),
    ],
)
def test_bad_flags_are_refused_in_the_form(client_of, participant, world, item, message):
    lab, groups = world
    add_flags(lab=lab, group=groups[0], by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    r = client_of(participant).post(
        url(lab, "flags/new/"), {"item": item, "category": "structuring", "confidence": "2"}
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert Flag.objects.count() == 1 and Flag.objects.get().category == "funnel"


def test_a_missing_category_is_a_form_error(client_of, participant, world):
    lab, _groups = world
    r = client_of(participant).post(url(lab, "flags/new/"), {"item": "PER-001", "confidence": "2"})
    assert r.status_code == 400 and "This field is required." in r.content.decode()
    assert not Flag.objects.exists()


def test_flags_are_refused_once_the_lab_is_closed(client_of, participant, manager, world):
    lab, _groups = world
    close_lab(lab=lab, by=manager)
    client = client_of(participant)
    r = client.post(url(lab, "flags/new/"), {"item": "PER-001", "category": "funnel", "confidence": "2"})  # fmt: skip
    assert r.status_code == 400
    assert "The lab is closed: flags can no longer be changed." in r.content.decode()
    assert not Flag.objects.exists()
    assert (
        "The lab is closed: flags can no longer be added or submitted."
        in client.get(url(lab)).content.decode()
    )


def test_a_flag_is_removed_by_post_only(client_of, participant, world):
    lab, groups = world
    [flag] = add_flags(
        lab=lab, group=groups[0], by=participant, requests=[FlagRequest("AD-001", "shared_details")]
    )
    client = client_of(participant)
    assert client.get(url(lab, f"flags/{flag.pk}/delete/")).status_code == 405
    assert Flag.objects.exists()
    assert client.post(url(lab, f"flags/{flag.pk}/delete/")).status_code == 302
    assert not Flag.objects.exists()


def test_another_groups_flag_cannot_be_removed(client_of, participant, world):
    lab, groups = world
    [flag] = add_flags(
        lab=lab, group=groups[1], by=member(groups[1]), requests=[FlagRequest("AD-001", "funnel")]
    )
    r = client_of(participant).post(url(lab, f"flags/{flag.pk}/delete/"), follow=True)
    assert "This flag is not one of your group" in r.content.decode()
    assert Flag.objects.filter(pk=flag.pk).exists()


def test_submitting_asks_for_confirmation_then_shows_the_score(client_of, participant, world):
    lab, groups = world
    add_flags(
        lab=lab,
        group=groups[0],
        by=participant,
        requests=[FlagRequest("ACC-002", "funnel"), FlagRequest("PER-004", "third_party")],
    )
    client = client_of(participant)
    confirm = client.get(url(lab, "submit/")).content.decode()
    assert "Submit these 2 flags" in confirm and "PER-004" in confirm
    assert not Submission.objects.filter(submitted_at__isnull=False).exists()
    r = client.post(url(lab, "submit/"), {"confirm": "yes"}, follow=True)
    page = r.content.decode()
    assert "Your flags were submitted and scored." in page
    assert "Your score" in page
    assert "50 %" in page  # 1 of 2 flags on a suspicious item
    assert "Add a flag" not in page
    r = client.post(url(lab, "submit/"), {"confirm": "yes"}, follow=True)
    assert "Your flags have already been submitted." in r.content.decode()


def test_an_empty_submission_is_refused_with_a_message(client_of, participant, world):
    lab, _groups = world
    r = client_of(participant).post(url(lab, "submit/"), {"confirm": "yes"})
    assert "Flag at least one entity or transaction before submitting." in r.content.decode()
    assert not Submission.objects.exists()


def test_a_group_never_sees_another_groups_flags(client_of, participant, world):
    lab, groups = world
    add_flags(
        lab=lab,
        group=groups[0],
        by=participant,
        requests=[FlagRequest("PHT-001", "shared_details", 3, SECRET)],
    )
    submit_flags(lab=lab, by=participant, group=groups[0])
    other = client_of(member(groups[1]))
    for path in ("", "flags/new/", "submit/"):
        page = other.get(url(lab, path)).content.decode()
        assert SECRET not in page and "PHT-001" not in page, path
    assert other.get(url(lab, "trainer/")).status_code == 403
    assert "Nothing flagged yet." in other.get(url(lab)).content.decode()


def test_people_outside_the_lab_are_refused(client_of, funder, world):
    lab, _groups = world
    client = client_of(funder)
    assert client.get(url(lab, "flags/new/")).status_code == 403
    assert client.post(url(lab, "submit/"), {"confirm": "yes"}).status_code == 403
    assert client.post(url(lab, "close/")).status_code == 403
    assert Lab.objects.get(pk=lab.pk).status == "open"


def test_participants_cannot_run_the_lab(client_of, participant, world):
    lab, _groups = world
    client = client_of(participant)
    assert client.post(url(lab, "close/")).status_code == 403
    assert client.get(url(lab, "trainer/")).status_code == 403
    assert "Close the lab" not in client.get(url(lab)).content.decode()


def test_the_trainer_closes_reveals_and_compares(client_of, trainer, world):
    lab, groups = world
    rehearse_submissions(lab=lab, shares={groups[0]: 0.8, groups[1]: 0.4}, rng=random.Random(1))
    client = client_of(trainer)
    overview = client.get(url(lab)).content.decode()
    assert "Close the lab" in overview and f"/labs/{lab.pk}/trainer/" in overview
    page = client.get(url(lab, "trainer/")).content.decode()
    assert "Group 1" in page and "Group 3" in page and "not started" in page
    assert "The hidden network, and which" not in page
    assert (
        client.post(url(lab, "reveal/"), follow=True)
        .content.decode()
        .count("Close the lab before revealing the network.")
    )
    client.post(url(lab, "close/"), {"next": "trainer"})
    r = client.post(url(lab, "reveal/"), {"next": "trainer"}, follow=True)
    page = r.content.decode()
    assert r.redirect_chain[-1][0] == url(lab, "trainer/")
    assert "The hidden network is revealed." in page
    assert "The hidden network, and which of its members each group found" in page
    assert "Dimitar Petrov" in page
    lab.refresh_from_db()
    assert lab.status == "closed" and lab.revealed_at


def test_after_the_reveal_participants_see_what_they_missed(client_of, participant, world):
    lab, groups = world
    add_flags(lab=lab, group=groups[0], by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    submit_flags(lab=lab, by=participant, group=groups[0])
    client = client_of(participant)
    assert "What you missed" not in client.get(url(lab)).content.decode()
    Lab.objects.filter(pk=lab.pk).update(status="closed")
    Lab.objects.filter(pk=lab.pk).update(revealed_at=lab.created_at)
    page = client.get(url(lab)).content.decode()
    assert "What you missed" in page
    assert "Sparkle Facility Services" in page  # COM-001, not flagged
    assert "✓ right" in page  # ACC-002 carries funnel
    missed = page[page.index("What you missed") :]
    assert "ACC-002" not in missed.split("Suspicious transactions")[0]


def test_the_labs_list_shows_each_person_their_labs(client_of, participant, manager, world):
    lab, _groups = world
    other, _ = make_lab_world(slug="lab-porto", status="prepared")
    assert [lab] == list(client_of(participant).get("/labs/").context["labs"])
    staff = client_of(manager).get("/labs/")
    assert {lab, other} == set(staff.context["labs"])
    assert "Follow the money" in staff.content.decode()


def test_a_trainer_lists_the_labs_of_their_slot(client_of, trainer, world):
    lab, _groups = world
    make_lab_world(slug="lab-porto")
    assert [lab] == list(client_of(trainer).get("/labs/").context["labs"])


def _grow(lab, groups, n):
    """More groups' flags and submissions: the pinned pages must not read more."""
    rehearse_submissions(
        lab=lab, shares={g: 0.3 + 0.1 * i for i, g in enumerate(groups[:n])}, rng=random.Random(n)
    )


def test_the_trainer_page_reads_a_fixed_number_of_queries(
    client_of, manager, participant, django_assert_max_num_queries
):
    lab, groups = make_lab_world(groups=5, participant=participant)
    client = client_of(manager)
    _grow(lab, groups, 1)
    with django_assert_max_num_queries(20) as captured:
        client.get(url(lab, "trainer/"))
    baseline = len(captured)
    _grow(lab, groups[1:], 4)
    close_lab(lab=lab, by=manager)
    Lab.objects.filter(pk=lab.pk).update(revealed_at=lab.created_at)
    with django_assert_max_num_queries(baseline + 1):  # + the network after the reveal
        assert client.get(url(lab, "trainer/")).status_code == 200


def test_the_overview_with_the_run_panel_reads_a_fixed_number_of_queries(
    client_of, participant, django_assert_max_num_queries
):
    lab, groups = make_lab_world(groups=3, participant=participant)
    client = client_of(participant)
    add_flags(lab=lab, group=groups[0], by=participant, requests=[FlagRequest("ACC-002", "funnel")])
    with django_assert_max_num_queries(30) as captured:
        client.get(url(lab))
    baseline = len(captured)
    add_flags(
        lab=lab,
        group=groups[0],
        by=participant,
        requests=[FlagRequest(k, "funnel") for k in ("TRX-0001", "TRX-0002", "PER-004", "AD-001")],
    )
    _grow(lab, groups[1:], 2)
    with django_assert_max_num_queries(baseline):
        assert client.get(url(lab)).status_code == 200


def test_the_labs_list_reads_a_fixed_number_of_queries(
    client_of, participant, trainer, django_assert_max_num_queries
):
    lab, _groups = make_lab_world(participant=participant, trainer=trainer)
    for client in (client_of(participant), client_of(trainer)):
        with django_assert_max_num_queries(20) as captured:
            client.get("/labs/")
        baseline = len(captured)
        for n in range(3):
            Lab.objects.create(title=f"More {n}", workshop=lab.workshop, seed=n, status="open")
        with django_assert_max_num_queries(baseline):
            r = client.get("/labs/")
        assert len(r.context["labs"]) == Lab.objects.count()


def test_the_group_on_the_seminar_page_links_to_its_lab(client_of, participant, world):
    lab, groups = world
    groups[0].workshop.published_at = lab.created_at
    groups[0].workshop.save(update_fields=["published_at"])
    page = client_of(participant).get(groups[0].workshop.seminar.get_absolute_url())
    assert f'href="/labs/{lab.pk}/"' in page.content.decode()
    Lab.objects.filter(pk=lab.pk).update(status="prepared")
    page = client_of(participant).get(groups[0].workshop.seminar.get_absolute_url())
    assert f'href="/labs/{lab.pk}/"' not in page.content.decode()
