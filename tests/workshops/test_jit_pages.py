"""A group's JIT draft through HTTP: saving with gaps, malformed input, two members saving at
once, submitting, the closed run, the trainer's grid, comments and debrief, who may see what."""

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossborder.audit.models import AuditEntry
from crossborder.enrolment.models import Application
from crossborder.seminars.models import Speaker
from crossborder.workshops.models import (
    Draft,
    DraftComment,
    Exercise,
    ExerciseRun,
    Group,
    Membership,
    Workshop,
)
from tests.factories import make_call, make_seminar, make_speaker, make_user

pytestmark = pytest.mark.django_db

CHECKLIST_FILE = (
    Path(__file__).resolve().parents[2]
    / "crossborder/content/workshops/jit-simulation/checklist.yaml"
)


def jit_checklist() -> list:
    return yaml.safe_load(CHECKLIST_FILE.read_text())


def make_member(call, group, user=None, n=0):
    user = user or make_user(
        f"member{group.workshop_id}-{group.number}-{n}@example.org",
        first_name=f"Member{n}",
        last_name=f"Group{group.number}",
        profile={"profession": "judge", "country": "AT"},
    )
    application = Application.objects.create(
        call=call,
        user=user,
        status="confirmed",
        profession="judge",
        country="AT",
        organisation=f"Court {group.number}-{n}",
        submitted_at=timezone.now(),
    )
    Membership.objects.create(workshop=group.workshop, group=group, application=application)
    return user


def make_jit_run(*, groups=3, status="open", participant=None, trainer=None, slug="jit-vienna"):
    """A seminar whose first workshop slot runs the JIT exercise with `groups` groups of one
    member each (the `participant` in group 1 when given); `trainer` trains every group."""
    seminar = make_seminar(slug)
    call = make_call(seminar)
    session = seminar.sessions.filter(kind="workshop").order_by("track").first()
    workshop = Workshop.objects.create(seminar=seminar, start=session.start)
    exercise = Exercise.objects.get_or_create(
        slug="jit-simulation",
        defaults={
            "title": "Joint investigation team simulation",
            "case_file": "Recruitment online in State A …",
            "checklist": jit_checklist(),
        },
    )[0]
    run = ExerciseRun.objects.create(
        exercise=exercise, workshop=workshop, status=status, opened_at=timezone.now()
    )
    speaker = None
    if trainer is not None:
        speaker = Speaker.objects.filter(user=trainer).first() or make_speaker(
            f"{slug}-trainer", trainer.get_full_name(), user=trainer
        )
    made = []
    for number in range(1, groups + 1):
        group = Group.objects.create(
            workshop=workshop, number=number, trainer=speaker, session=session, language="en"
        )
        make_member(call, group, participant if number == 1 and participant else None)
        made.append(group)
    run.call = call  # for tests that add members
    return run, made


def url(run, group=1, tail=""):
    return f"/workshops/runs/{run.pk}/drafts/{group}/{tail}"


def form_data(page_html: str, **changes) -> dict:
    """The fields of the draft form as the browser would send them (inputs, textareas,
    selects), with `changes` applied."""
    data = {}
    for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page_html
    ):
        data[name] = value
    for tag in re.findall(r"<input [^>]*>", page_html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="checkbox"' not in tag and 'type="hidden"' not in tag:
            data[name[1]] = value[1] if value else ""
    for name, text in re.findall(
        r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', page_html, re.S
    ):
        data[name] = text
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page_html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen[1] if chosen else ""
    data = {k: unescape(v) for k, v in data.items()}
    data.pop("csrfmiddlewaretoken", None)
    data.pop("language", None)
    data.pop("next", None)
    data.update(changes)
    return data


PARTIAL = {
    "parties-rows-0-state": "State A",
    "parties-rows-0-authority": "Public Prosecution Service",
    "purpose-description": "Trafficking for labour exploitation on farms in State C.",
    "period-start": "2026-05-01",
    "period-end": "2027-04-30",
    "states-rows-0-state": "State A",
    "states-rows-1-state": "State C",
    "leaders-rows-0-state": "State A",
    "leaders-rows-0-name": "Marta Kovač",
}


@pytest.fixture
def world(participant, trainer):
    run, groups = make_jit_run(participant=participant, trainer=trainer)
    return run, groups


def test_a_member_opens_an_empty_form_with_every_section(client_of, participant, world):
    run, _groups = world
    r = client_of(participant).get(url(run))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Not started: nothing saved yet." in html
    for title in ("Parties to the agreement", "Leaders of the JIT", "Evaluation", "Action day"):
        assert title in html
    assert 'name="leaders-rows-TOTAL_FORMS"' in html and 'value="2"' in html  # two empty rows
    assert Draft.objects.count() == 0  # a GET writes nothing


def test_it_saves_a_draft_with_gaps_and_lists_what_is_missing(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    data = form_data(client.get(url(run)).content.decode(), **PARTIAL)
    r = client.post(url(run), data)
    assert r.status_code == 302 and r["Location"].endswith("#checklist")
    draft = Draft.objects.get(run=run)
    assert draft.updated_by == participant and draft.submitted_at is None
    assert draft.content["leaders"]["rows"] == [
        {"state": "State A", "name": "Marta Kovač", "function": "", "authority": ""}
    ]
    assert draft.content["period"]["start"] == "2026-05-01"
    assert len(draft.content["states"]["rows"]) == 2  # the empty extra rows are dropped
    page = client.get(url(run)).content.decode()
    assert "The draft is saved." in page
    assert "No leader for: State C." in page
    assert "Missing: extension rule." in page
    assert 'href="#evaluation"' in page  # each missing item links to its section
    assert AuditEntry.objects.filter(action="workshops.draft.save").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("period-start", "31/02/2026", "Enter a valid date."),
        ("leaders-rows-0-name", "x" * 201, "at most 200 characters"),
        ("members-rows-0-kind", "boss", "Select a valid choice."),
        ("evaluation-evaluation", "x" * 4001, "at most 4000 characters"),
    ],
)
def test_malformed_input_is_refused_with_a_message_and_nothing_changes(
    client_of, participant, world, field, value, error
):
    run, _groups = world
    client = client_of(participant)
    data = form_data(client.get(url(run)).content.decode(), **PARTIAL)
    client.post(url(run), data)
    before = Draft.objects.get(run=run).content
    data = form_data(client.get(url(run)).content.decode(), **{field: value})
    r = client.post(url(run), data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "Nothing was saved: correct the fields marked in" in html
    assert error in html
    assert Draft.objects.get(run=run).content == before


def test_too_many_rows_or_a_tampered_formset_is_refused(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    data = form_data(client.get(url(run)).content.decode())
    data["leaders-rows-TOTAL_FORMS"] = "40"
    for i in range(40):
        data[f"leaders-rows-{i}-state"] = f"State {i}"
    r = client.post(url(run), data)
    assert r.status_code == 400
    assert "Please submit at most 30 forms." in r.content.decode()
    del data["leaders-rows-TOTAL_FORMS"]
    assert client.post(url(run), data).status_code == 400
    assert not Draft.objects.exists()


def test_the_second_of_two_members_saving_is_told_to_reload_and_loses_nothing(
    client, participant, world
):
    run, groups = world
    colleague = make_member(run.call, groups[0], n=2)
    client.force_login(participant)
    mine = form_data(client.get(url(run)).content.decode(), **PARTIAL)
    client.force_login(colleague)
    theirs = form_data(
        client.get(url(run)).content.decode(), **{"evaluation-evaluation": "Mid-term review."}
    )
    client.force_login(participant)
    assert client.post(url(run), mine).status_code == 302  # first saver wins
    client.force_login(colleague)
    r = client.post(url(run), theirs)  # based on the empty draft: refused
    assert r.status_code == 409
    html = r.content.decode()
    assert "Nothing was saved: Ana Horvat saved this draft after you opened it." in html
    assert "Mid-term review." in html  # the colleague's text is still in the form
    draft = Draft.objects.get(run=run)
    assert draft.content["leaders"]["rows"][0]["name"] == "Marta Kovač"
    assert draft.content["evaluation"]["evaluation"] == ""
    # Saving the same form again conflicts again: the version is still the old one.
    again = form_data(html)
    assert client.post(url(run), again).status_code == 409
    # After reloading, the colleague's save goes through on top of the first one.
    fresh = form_data(
        client.get(url(run)).content.decode(), **{"evaluation-evaluation": "Mid-term review."}
    )
    assert client.post(url(run), fresh).status_code == 302
    draft.refresh_from_db()
    assert draft.content["evaluation"]["evaluation"] == "Mid-term review."
    assert draft.content["leaders"]["rows"][0]["name"] == "Marta Kovač"
    assert draft.updated_by == colleague


def test_a_stale_version_after_a_save_is_refused(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    first = form_data(client.get(url(run)).content.decode(), **PARTIAL)
    client.post(url(run), first)
    opened = form_data(client.get(url(run)).content.decode())
    client.post(url(run), {**opened, "purpose-description": "Second version"})
    r = client.post(url(run), {**opened, "purpose-description": "Third version"})
    assert r.status_code == 409
    assert Draft.objects.get(run=run).content["purpose"]["description"] == "Second version"
    garbage = {**opened, "version": "yesterday"}
    assert client.post(url(run), garbage).status_code == 409


def test_removing_a_row_drops_it(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    client.post(url(run), form_data(client.get(url(run)).content.decode(), **PARTIAL))
    data = form_data(client.get(url(run)).content.decode(), **{"states-rows-0-remove": "on"})
    assert client.post(url(run), data).status_code == 302
    assert Draft.objects.get(run=run).content["states"]["rows"] == [
        {"state": "State C", "activity": ""}
    ]


def test_the_add_button_without_javascript_saves_and_returns_to_the_section(
    client_of, participant, world
):
    run, _groups = world
    client = client_of(participant)
    data = form_data(client.get(url(run)).content.decode(), **PARTIAL, action="add:leaders")
    r = client.post(url(run), data)
    assert r.status_code == 302 and r["Location"].endswith("#leaders")
    assert Draft.objects.filter(run=run).exists()


def test_htmx_adds_a_row_with_the_next_index(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    r = client.get(url(run, tail="rows/leaders/?index=2"), headers={"HX-Request": "true"})
    assert r.status_code == 200
    html = r.content.decode()
    assert 'name="leaders-rows-2-name"' in html
    assert 'name="leaders-rows-TOTAL_FORMS" value="3"' in html and 'hx-swap-oob="true"' in html
    assert "index=3" in html  # the button now asks for the row after
    assert client.get(url(run, tail="rows/leaders/?index=30")).status_code == 400
    assert client.get(url(run, tail="rows/purpose/?index=0")).status_code == 404  # no rows
    assert client.get(url(run, tail="rows/nothing/?index=0")).status_code == 404


def test_submitting_marks_the_draft_and_it_stays_editable_until_the_run_closes(
    client_of, participant, world
):
    run, _groups = world
    client = client_of(participant)
    data = form_data(client.get(url(run)).content.decode(), **PARTIAL, action="submit")
    assert client.post(url(run), data).status_code == 302
    draft = Draft.objects.get(run=run)
    assert draft.submitted_at is not None
    page = client.get(url(run)).content.decode()
    assert "The draft is submitted to your trainer." in page
    assert "Submit again" in page
    data = form_data(page, **{"evaluation-evaluation": "JIT evaluation form."})
    assert client.post(url(run), data).status_code == 302
    assert "changed since" in client.get(url(run)).content.decode()
    ExerciseRun.objects.filter(pk=run.pk).update(status="closed")
    page = client.get(url(run)).content.decode()
    assert "The exercise is closed" in page and "<textarea" not in page
    assert "JIT evaluation form." in page
    assert client.post(url(run), data).status_code == 403
    assert Draft.objects.get(run=run).content["evaluation"]["evaluation"] == "JIT evaluation form."


def test_a_run_not_yet_open_cannot_be_written(client_of, participant, trainer):
    run, _groups = make_jit_run(participant=participant, trainer=trainer, status="prepared")
    client = client_of(participant)
    page = client.get(url(run)).content.decode()
    assert "The exercise has not started yet" in page
    assert client.post(url(run), {"version": ""}).status_code == 403


def test_a_participant_cannot_read_or_edit_another_groups_draft(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    for tail in ("", "agreement.docx", "agreement.pdf", "rows/leaders/?index=2"):
        assert client.get(url(run, 2, tail)).status_code == 403, tail
    assert client.post(url(run, 2), {"version": ""}).status_code == 403
    assert client.post(url(run, 2, "comments/purpose/"), {"body": "hi"}).status_code == 403
    assert client.get(f"/workshops/runs/{run.pk}/drafts/").status_code == 403
    assert client.get(f"/workshops/runs/{run.pk}/drafts/debrief/").status_code == 403
    assert not Draft.objects.exists()


def test_unknown_runs_and_groups_are_404(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    assert client.get(url(run, 9)).status_code == 404
    assert client.get(f"/workshops/runs/{run.pk + 100}/drafts/1/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    run, _groups = world
    r = client.get(url(run))
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_mine_leads_a_member_to_their_group_and_the_trainer_to_the_grid(
    client, participant, trainer, world
):
    run, _groups = world
    client.force_login(participant)
    assert client.get(f"/workshops/runs/{run.pk}/drafts/mine/")["Location"] == url(run)
    client.force_login(trainer)
    assert (
        client.get(f"/workshops/runs/{run.pk}/drafts/mine/")["Location"]
        == f"/workshops/runs/{run.pk}/drafts/"
    )


def test_a_trainer_of_another_slot_sees_nothing(client_of, world):
    run, _groups = world
    other = make_user("other-trainer@example.org", role="trainer")
    client = client_of(other)
    assert client.get(f"/workshops/runs/{run.pk}/drafts/").status_code == 403
    assert client.get(url(run)).status_code == 403


def _save(run, group, user, content, submitted=False):
    return Draft.objects.create(
        run=run,
        group=group,
        content=content,
        updated_by=user,
        submitted_at=timezone.now() if submitted else None,
    )


def test_the_trainer_sees_all_drafts_side_by_side(client_of, participant, trainer, world):
    run, groups = world
    _save(run, groups[0], participant, {"purpose": {"description": "Labour exploitation on farms"}})
    _save(run, groups[1], None, {"evaluation": {"evaluation": "Mid-term review"}}, submitted=True)
    r = client_of(trainer).get(f"/workshops/runs/{run.pk}/drafts/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Labour exploitation on farms" in html and "Mid-term review" in html
    assert html.count('scope="row"') == 16  # every section a row
    assert "not started" in html  # group 3
    assert "submitted" in html
    assert "1/19 met" in html  # group 2's evaluation clause


def test_the_trainer_comments_per_section_and_the_group_sees_it(
    client, participant, trainer, world
):
    run, groups = world
    _save(run, groups[0], participant, {"purpose": {"description": "Labour exploitation"}})
    client.force_login(trainer)
    page = client.get(url(run)).content.decode()
    assert 'id="comment-leaders"' in page and '<textarea name="body"' in page
    r = client.post(
        url(run, tail="comments/leaders/"),
        {"body": "Who leads the team in State C?"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 200
    assert "Who leads the team in State C?" in r.content.decode()
    assert "<html" not in r.content.decode()  # the section's comments only
    r = client.post(url(run, tail="comments/costs/"), {"body": "Apply for Eurojust funding."})
    assert r.status_code == 302 and r["Location"].endswith("#costs")
    assert DraftComment.objects.filter(author=trainer).count() == 2
    assert AuditEntry.objects.filter(action="workshops.draft.comment").count() == 2
    client.force_login(participant)
    page = client.get(url(run)).content.decode()
    assert "Who leads the team in State C?" in page and "jit-comments-title" in page
    assert 'id="comment-leaders"' not in page  # members read comments, they do not write them


def test_an_empty_comment_or_one_on_a_draft_not_started_is_refused(client_of, trainer, world):
    run, groups = world
    client = client_of(trainer)
    r = client.post(url(run, 2, "comments/purpose/"), {"body": "Hello"})
    assert r.status_code == 302
    assert not DraftComment.objects.exists()
    _save(run, groups[1], None, {})
    r = client.post(
        url(run, 2, "comments/purpose/"), {"body": "  "}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 400 and "This field is required." in r.content.decode()
    r = client.post(
        url(run, 2, "comments/purpose/"), {"body": "x" * 2001}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 400 and "at most 2000 characters" in r.content.decode()
    assert client.post(url(run, 2, "comments/nothing/"), {"body": "x"}).status_code == 404
    assert not DraftComment.objects.exists()


def test_the_debrief_shows_each_groups_results_and_exports(client_of, trainer, manager, world):
    run, groups = world
    _save(
        run,
        groups[0],
        None,
        {"evaluation": {"evaluation": "Evaluation form"}, "costs": {"funding": "Eurojust"}},
        submitted=True,
    )
    _save(run, groups[1], None, {"evaluation": {"evaluation": "Mid-term review"}})
    ExerciseRun.objects.filter(pk=run.pk).update(status="closed")
    for user in (trainer, manager):
        r = client_of(user).get(f"/workshops/runs/{run.pk}/drafts/debrief/")
        assert r.status_code == 200
        html = r.content.decode()
        assert "2 / 19" in html and "1 / 19" in html and "0 / 19" in html
        assert "The agreement has an evaluation clause." in html
        assert html.count("agreement.docx") == 3 and html.count("agreement.pdf") == 3
        row = html[html.index("The agreement has an evaluation clause.") :]
        assert "2 / 3" in row[: row.index("</tr>")]  # two of three groups met it


def _count(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def test_the_form_and_the_grid_take_as_many_queries_for_two_groups_as_for_eight(
    client, participant, trainer, django_assert_num_queries
):
    small, small_groups = make_jit_run(groups=2, participant=participant, trainer=trainer)
    big, big_groups = make_jit_run(groups=8, trainer=trainer, slug="jit-big")
    for run, groups in ((small, small_groups), (big, big_groups)):
        for g in groups:
            d = _save(run, g, participant, {"purpose": {"description": "x"}})
            DraftComment.objects.create(draft=d, section="purpose", body="c", author=trainer)
    client.force_login(participant)
    form_queries = _count(client, url(small))
    client.force_login(trainer)
    grid = (f"/workshops/runs/{small.pk}/drafts/", f"/workshops/runs/{big.pk}/drafts/")
    debrief = [g + "debrief/" for g in grid]
    assert _count(client, grid[0]) == _count(client, grid[1])
    assert _count(client, debrief[0]) == _count(client, debrief[1])
    # session, user, run, trainer check, groups, drafts, comments
    with django_assert_num_queries(7):
        client.get(grid[1])
    with django_assert_num_queries(10):
        client.get(url(big, 5))  # the trainer reading one draft with its comments
    client.force_login(participant)
    with django_assert_num_queries(8):
        client.get(url(small))
    member_of_big = big_groups[4].memberships.get().application.user
    client.force_login(member_of_big)
    assert _count(client, url(big, 5)) == form_queries == 8


def test_the_form_and_the_checklist_are_translated(client_of, participant, world):
    run, _groups = world
    client = client_of(participant)
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    html = client.get(url(run)).content.decode()
    assert "Leiter des GEG" in html
    assert "Mitgliedstaaten, in denen das GEG tätig wird" in html
    assert "Jeder Staat, in dem das Team tätig wird, hat einen benannten Leiter." in html
    assert "Zeile hinzufügen (Leiter)" in html
