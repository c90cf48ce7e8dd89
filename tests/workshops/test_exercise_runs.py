"""Running an exercise: a trainer of the slot or a manager prepares, opens, releases injects one
by one and closes; the groups read the case file, their role card, the injects released so
far (never one before its release, in the page or the API) and their group."""

import re

import pytest
from django.urls import reverse

from crossborder.audit.models import AuditEntry
from crossborder.enrolment.models import Application
from crossborder.workshops.exercises import services
from crossborder.workshops.exercises.loader import load_workshops
from crossborder.workshops.models import (
    Exercise,
    ExerciseRun,
    Group,
    InjectRelease,
    Membership,
    Workshop,
)
from tests.factories import make_applicant, make_call, make_seminar, make_speaker, make_user

pytestmark = pytest.mark.django_db

MEDIA_LEAK_TEXT = "Foreign sex ring under investigation"  # in the media-leak inject only


class World:
    """A seminar's first workshop slot with two groups, the JIT exercise prepared for it."""

    def __init__(self, participant, trainer, manager):
        load_workshops()
        self.exercise = Exercise.objects.get(slug="jit-simulation")
        self.seminar = make_seminar("vienna-jit")
        self.call = make_call(self.seminar)
        sessions = list(self.seminar.sessions.filter(kind="workshop").order_by("track"))
        self.speaker = make_speaker("jan-peeters", "Jan Peeters", user=trainer)
        sessions[0].speakers.add(self.speaker)
        self.workshop = Workshop.objects.create(seminar=self.seminar, start=sessions[0].start)
        self.groups = [
            Group.objects.create(
                workshop=self.workshop, number=n, session=s, trainer=self.speaker, language="en"
            )
            for n, s in enumerate(sessions, 1)
        ]
        self.mine = Application.objects.create(
            call=self.call,
            user=participant,
            status="confirmed",
            profession="law_enforcement",
            country="HR",
            organisation="Policija",
        )
        self.join(self.mine, 0)
        self.n = 0
        for profession in ("prosecutor", "judge", "financial_compliance"):
            self.add(0, profession)
        for profession in ("civil_society", "labour_inspector"):
            self.add(1, profession)
        self.run = services.prepare_run(exercise=self.exercise, workshop=self.workshop, by=manager)
        self.manager = manager

    def join(self, application, group):
        Membership.objects.create(
            workshop=self.workshop, group=self.groups[group], application=application
        )

    def add(self, group, profession):
        self.n += 1
        application = make_applicant(
            self.call, self.n, status="confirmed", profession=profession, country="PT"
        )
        self.join(application, group)
        return application

    def open(self):
        return services.open_run(run=self.run, by=self.manager)

    def inject(self, key):
        return self.exercise.injects.get(key=key)

    def release(self, key):
        return services.release_inject(run=self.run, inject=self.inject(key), by=self.manager)

    @property
    def page(self):
        return reverse("exercise-run", args=[self.run.pk])

    @property
    def conduct(self):
        return reverse("exercise-run-conduct", args=[self.run.pk])

    def release_url(self, key):
        return reverse("exercise-inject-release", args=[self.run.pk, self.inject(key).pk])


@pytest.fixture
def world(participant, trainer, manager):
    return World(participant, trainer, manager)


# --- the groups' page --------------------------------------------------------------------------


def test_a_member_reads_nothing_before_the_trainer_opens_the_run(client_of, participant, world):
    assert client_of(participant).get(world.page).status_code == 404


def test_it_shows_the_case_file_the_role_card_of_the_profession_and_the_group(
    client_of, participant, world
):
    world.open()
    r = client_of(participant).get(world.page)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Operation Glass Harbour" in html  # the case file
    assert "Your role: Police officer in Member State A, seconded member of the JIT" in html
    assert "Your group: group 1" in html and "Room A" in html and "Jan Peeters" in html
    assert "Applicant1 Test" in html and "Applicant4" not in html  # own group only
    assert "No new information yet" in html
    assert 'hx-trigger="every 20s"' in html  # refreshed while open


def test_an_inject_is_invisible_until_released_then_shown_with_its_time(
    client_of, participant, world
):
    world.open()
    client = client_of(participant)
    assert MEDIA_LEAK_TEXT not in client.get(world.page).content.decode()
    api = client.get(f"/api/v1/exercise-runs/{world.run.pk}")
    assert api.status_code == 200 and api.json()["released"] == []
    assert MEDIA_LEAK_TEXT not in api.content.decode()
    release = world.release("media-leak")
    html = client.get(world.page).content.decode()
    assert MEDIA_LEAK_TEXT in html and "A news site publishes the story" in html
    assert "Released at" in html
    assert "A worker in Member State C makes a statement" not in html  # not released
    released = client.get(f"/api/v1/exercise-runs/{world.run.pk}").json()["released"]
    assert [(i["key"], i["title"]) for i in released] == [
        ("media-leak", "A news site publishes the story")
    ]
    assert released[0]["released_at"].startswith(release.released_at.strftime("%Y-%m-%dT%H:%M"))


def test_the_polling_fragment_brings_the_new_injects(client_of, participant, world):
    world.open()
    world.release("bank-reply")
    r = client_of(participant).get(world.page, headers={"HX-Request": "true"})
    html = r.content.decode()
    assert html.lstrip().startswith('<section id="injects"')
    assert "The bank replies" in html and "EUR 187,400" in html
    assert "Operation Glass Harbour" not in html  # the fragment only


def test_a_closed_run_stays_readable_and_stops_polling(client_of, participant, world):
    world.open()
    world.release("media-leak")
    services.close_run(run=world.run, by=world.manager)
    html = client_of(participant).get(world.page).content.decode()
    assert MEDIA_LEAK_TEXT in html and "every 20s" not in html
    assert "The exercise is closed." in html


def test_a_member_switches_to_a_card_of_the_group_but_not_to_another(client_of, participant, world):
    world.open()
    client = client_of(participant)
    html = client.get(world.page + "?role=prosecutor").content.decode()
    assert "Your role: Prosecutor in Member State B, proposed JIT leader" in html
    # nobody in group 1 is an NGO counsellor or a labour inspector
    assert 'value="ngo-counsellor"' not in html and 'value="labour-inspector"' not in html
    assert 'value="eurojust-national-member"' in html  # for the group's prosecutor and judge
    r = client.get(world.page + "?role=ngo-counsellor")
    html = r.content.decode()
    assert "Your role: Police officer in Member State A" in html
    assert "That role card is not one of your group" in html


def test_the_run_page_links_to_the_groups_own_draft(client_of, participant, world):
    world.open()
    html = client_of(participant).get(world.page).content.decode()
    draft = reverse("jit-draft", args=[world.run.pk, world.groups[0].number])
    assert f'href="{draft}"' in html and "Your group's draft" in html


def test_people_outside_the_slot_cannot_read_the_run(client_of, world, funder):
    world.open()
    outsider = make_user("other@example.org", profile={"profession": "judge"})
    other_trainer = make_user("t2@example.org", role="trainer")
    for user in (outsider, funder, other_trainer):
        client = client_of(user)
        assert client.get(world.page).status_code == 404
        assert client.get(f"/api/v1/exercise-runs/{world.run.pk}").status_code == 404
    client.logout()
    assert client.get(world.page).status_code == 302  # to the sign-in page


def test_the_trainer_of_the_slot_previews_the_groups_page_with_every_card(
    client_of, trainer, world
):
    html = client_of(trainer).get(world.page).content.decode()  # prepared, not open
    assert "You see this page as the groups see it" in html
    assert len(re.findall(r'<option value="[a-z-]+"( selected)?>', html)) == 8  # every card


# --- the trainer's page and the release rules ---------------------------------------------------


def test_the_trainer_opens_releases_with_confirmation_and_closes(client_of, trainer, world):
    client = client_of(trainer)
    html = client.get(world.conduct).content.decode()
    assert "Open the exercise" in html and "Group 1" in html and "Applicant5 Test" in html
    assert "Release</button>" not in html  # nothing to release before it is open
    client.post(reverse("exercise-run-open", args=[world.run.pk]))
    world.run.refresh_from_db()
    assert world.run.status == "open" and world.run.opened_at is not None
    r = client.post(world.release_url("media-leak"))  # a plain form: asks first
    assert r.status_code == 200 and "Release this inject?" in r.content.decode()
    assert not InjectRelease.objects.exists()
    r = client.post(world.release_url("media-leak"), {"confirmed": "yes"}, follow=True)
    assert "Released: “A news site publishes the story” is shown to every group." in (
        r.content.decode()
    )
    release = InjectRelease.objects.get()
    assert release.released_by.email == trainer.email
    r = client.post(reverse("exercise-run-close", args=[world.run.pk]))
    assert "Close the exercise?" in r.content.decode()
    client.post(reverse("exercise-run-close", args=[world.run.pk]), {"confirmed": "yes"})
    world.run.refresh_from_db()
    assert world.run.status == "closed" and world.run.closed_at is not None
    actions = list(
        AuditEntry.objects.filter(object_id=str(world.run.pk), object_type="workshops.exerciserun")
        .order_by("pk")
        .values_list("action", "actor_email")
    )
    assert actions == [
        ("exercise.prepare", "manager@example.org"),
        ("exercise.open", "trainer@example.org"),
        ("exercise.release_inject", "trainer@example.org"),
        ("exercise.close", "trainer@example.org"),
    ]


def test_an_htmx_release_answers_with_the_updated_list(client_of, trainer, world):
    world.open()
    r = client_of(trainer).post(
        world.release_url("arrest-abroad"), {"confirmed": "yes"}, headers={"HX-Request": "true"}
    )
    html = r.content.decode()
    assert html.lstrip().startswith('<section id="trainer-injects"')
    assert "1 of 7 released." in html and "Released: “Aurel B. is stopped" in html
    assert html.count("Release</button>") == 6


def test_an_inject_is_released_once(client_of, trainer, world):
    world.open()
    client = client_of(trainer)
    client.post(world.release_url("media-leak"), {"confirmed": "yes"})
    r = client.post(world.release_url("media-leak"), {"confirmed": "yes"}, follow=True)
    assert "“A news site publishes the story” was already released." in r.content.decode()
    assert InjectRelease.objects.count() == 1
    with pytest.raises(services.ExerciseError, match="already released"):
        world.release("media-leak")


def test_injects_are_released_only_while_the_run_is_open(client_of, trainer, world):
    client = client_of(trainer)
    r = client.post(world.release_url("media-leak"), {"confirmed": "yes"}, follow=True)
    assert "Injects are released while the exercise is open; this one is prepared." in (
        r.content.decode()
    )
    world.open()
    services.close_run(run=world.run, by=world.manager)
    r = client.post(world.release_url("media-leak"), {"confirmed": "yes"}, follow=True)
    assert "this one is closed" in r.content.decode()
    assert not InjectRelease.objects.exists()


def test_open_and_close_happen_once_in_order(client_of, manager, world):
    client = client_of(manager)
    r = client.post(reverse("exercise-run-close", args=[world.run.pk]), {"confirmed": "yes"})
    r = client.get(r.url)
    assert "Only an open exercise can be closed; this one is prepared." in r.content.decode()
    client.post(reverse("exercise-run-open", args=[world.run.pk]))
    r = client.post(reverse("exercise-run-open", args=[world.run.pk]), follow=True)
    assert "Only a prepared exercise can be opened; this one is open." in r.content.decode()
    assert AuditEntry.objects.filter(action="exercise.open").count() == 1


def test_an_inject_of_another_exercise_or_none_is_refused(client_of, manager, world):
    world.open()
    url = reverse("exercise-inject-release", args=[world.run.pk, 999999])
    r = client_of(manager).post(url, {"confirmed": "yes"}, follow=True)
    assert "There is no such inject in this exercise." in r.content.decode()
    assert not InjectRelease.objects.exists()


@pytest.mark.parametrize("who", ["participant", "funder", "other_trainer"])
def test_only_staff_and_the_slot_trainers_run_it(client_of, world, who, participant, funder):
    world.open()
    user = {
        "participant": participant,
        "funder": funder,
        "other_trainer": make_user("t2@example.org", role="trainer"),
    }[who]
    client = client_of(user)
    assert client.get(world.conduct).status_code == 403
    r = client.post(world.release_url("media-leak"), {"confirmed": "yes"})
    assert r.status_code == 403
    assert client.post(reverse("exercise-run-close", args=[world.run.pk])).status_code == 403
    assert not InjectRelease.objects.exists()
    world.run.refresh_from_db()
    assert world.run.status == "open"


def test_a_group_trainer_who_is_not_on_the_timetable_runs_it_too(client_of, world):
    lead = make_user("lead@example.org", role="trainer")
    world.groups[1].trainer = make_speaker("lead", "Lea Dorn", user=lead)
    world.groups[1].save(update_fields=["trainer"])
    assert client_of(lead).get(world.conduct).status_code == 200


# --- preparing a run ---------------------------------------------------------------------------


def test_a_manager_prepares_the_exercise_for_a_slot_and_not_twice(client_of, manager, world):
    ExerciseRun.objects.all().delete()
    client = client_of(manager)
    url = reverse("exercise", args=["jit-simulation"])
    html = client.get(url).content.decode()
    slot = world.seminar.sessions.filter(kind="workshop").order_by("track").first()
    assert f'<option value="{slot.pk}">' in html
    r = client.post(reverse("exercise-prepare", args=["jit-simulation"]), {"slot": slot.pk})
    run = ExerciseRun.objects.get()
    assert r.url == reverse("exercise-run-conduct", args=[run.pk])
    assert run.workshop == world.workshop and run.status == "prepared"
    r = client.post(
        reverse("exercise-prepare", args=["jit-simulation"]), {"slot": slot.pk}, follow=True
    )
    assert "Choose one of the workshop slots listed" in r.content.decode()
    assert ExerciseRun.objects.count() == 1


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_a_bad_slot_prepares_nothing(client_of, manager, world, value):
    ExerciseRun.objects.all().delete()
    r = client_of(manager).post(
        reverse("exercise-prepare", args=["jit-simulation"]), {"slot": value}, follow=True
    )
    assert r.status_code == 200
    assert "Choose one of the workshop slots listed" in r.content.decode() or (
        "This field is required." in r.content.decode()
    )
    assert not ExerciseRun.objects.exists()


def test_a_trainer_prepares_only_for_the_slots_they_train_in(client_of, trainer, world):
    ExerciseRun.objects.all().delete()
    other = make_seminar("graz", start_date=world.seminar.start_date)
    foreign = other.sessions.filter(kind="workshop").first()
    client = client_of(trainer)
    html = client.get(reverse("exercise", args=["jit-simulation"])).content.decode()
    assert f'value="{foreign.pk}"' not in html
    r = client.post(reverse("exercise-prepare", args=["jit-simulation"]), {"slot": foreign.pk})
    assert not ExerciseRun.objects.exists() and r.status_code == 302
    mine = world.seminar.sessions.filter(kind="workshop").order_by("track").first()
    client.post(reverse("exercise-prepare", args=["jit-simulation"]), {"slot": mine.pk})
    assert ExerciseRun.objects.get().workshop == world.workshop


def test_participants_do_not_browse_the_exercises(client_of, participant, world):
    client = client_of(participant)
    assert client.get(reverse("exercise", args=["jit-simulation"])).status_code == 403
    html = client.get(reverse("exercises")).content.decode()
    assert "There is no exercise for you yet" in html and MEDIA_LEAK_TEXT not in html
    world.open()
    html = client.get(reverse("exercises")).content.decode()
    assert reverse("exercise-run", args=[world.run.pk]) in html


def test_the_catalogue_lists_the_exercise_and_the_runs_a_trainer_conducts(
    client_of, trainer, world
):
    html = client_of(trainer).get(reverse("exercises")).content.decode()
    assert "Joint investigation team simulation: Operation Glass Harbour" in html
    assert "8 role cards" in html and "7 injects" in html
    assert world.conduct in html
    other = make_user("t2@example.org", role="trainer")
    assert world.conduct not in client_of(other).get(reverse("exercises")).content.decode()


def test_the_exercise_page_shows_every_inject_to_trainers(client_of, trainer, world):
    html = client_of(trainer).get(reverse("exercise", args=["jit-simulation"])).content.decode()
    assert MEDIA_LEAK_TEXT in html and "Minute 70" in html


def test_the_pages_are_in_french_and_german_with_an_english_fallback(client_of, participant, world):
    world.open()
    world.release("media-leak")
    client = client_of(participant)
    html = client.get(world.page, headers={"Accept-Language": "fr"}).content.decode()
    assert "Un site d&#x27;information publie l&#x27;affaire" in html
    assert "Nouvelles informations" in html and "Votre rôle" in html
    assert "Opération Glass Harbour" in html  # the French case file
    assert "Pas encore traduit" not in html
    html = client.get(world.page, headers={"Accept-Language": "de"}).content.decode()
    assert "Eine Nachrichtenseite veröffentlicht den Fall" in html
    assert "Ausländischer Sexring" in html
    # a card without its French brief: shown in English, and the page says so
    world.exercise.roles.filter(key="police-officer").update(body_fr="")
    html = client.get(world.page, headers={"Accept-Language": "fr"}).content.decode()
    assert "Pas encore traduit : affiché en anglais." in html
    assert '<div class="role-card-body" lang="en">' in html


# --- queries -----------------------------------------------------------------------------------


def test_the_groups_page_reads_a_fixed_number_of_queries(
    client_of, participant, world, django_assert_num_queries
):
    world.open()
    world.release("media-leak")
    client = client_of(participant)
    client.get(world.page)
    with django_assert_num_queries(7):
        client.get(world.page)
    for profession in ("civil_society", "labour_inspector", "judge", "prosecutor"):
        world.add(0, profession)
    for key in ("bank-reply", "arrest-abroad", "victim-withdraws"):
        world.release(key)
    with django_assert_num_queries(7):
        assert client.get(world.page).status_code == 200


def test_the_trainer_page_reads_a_fixed_number_of_queries(
    client_of, trainer, world, django_assert_num_queries
):
    world.open()
    world.release("media-leak")
    client = client_of(trainer)
    client.get(world.conduct)
    with django_assert_num_queries(9):
        client.get(world.conduct)
    for profession in ("civil_society", "labour_inspector", "judge", "prosecutor"):
        world.add(1, profession)
    for key in ("bank-reply", "arrest-abroad", "victim-withdraws"):
        world.release(key)
    with django_assert_num_queries(9):
        assert client.get(world.conduct).status_code == 200


def test_the_api_reads_with_a_token_and_refuses_visitors(client, trainer, world):
    from crossborder.accounts.models import ApiToken

    world.open()
    world.release("bank-reply")
    url = f"/api/v1/exercise-runs/{world.run.pk}"
    assert client.get(url).status_code == 401
    _token, secret = ApiToken.issue(user=trainer, name="laptop")
    r = client.get(url, headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "open" and body["exercise"] == "jit-simulation"
    assert [i["key"] for i in body["released"]] == ["bank-reply"]


def test_a_release_racing_another_is_refused_by_the_constraint(world, monkeypatch):
    """Two trainers press the same button at once: the second passes the check before the first
    has written, and the unique constraint refuses it with the same message."""
    world.open()
    inject = world.inject("media-leak")
    world.release("media-leak")
    real_filter = InjectRelease.objects.filter

    class Blind:
        def exists(self):
            return False  # as if the other trainer's release were not written yet

    monkeypatch.setattr(
        InjectRelease.objects,
        "filter",
        lambda **kw: Blind() if "inject" in kw else real_filter(**kw),
    )
    with pytest.raises(services.ExerciseError, match="already released"):
        services.release_inject(run=world.run, inject=inject, by=world.manager)
    monkeypatch.undo()
    assert InjectRelease.objects.filter(run=world.run).count() == 1
    assert AuditEntry.objects.filter(action="exercise.release_inject").count() == 1


def test_the_trainer_dashboard_links_to_the_exercises(client_of, trainer, world):
    html = client_of(trainer).get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("exercises")}"' in html
