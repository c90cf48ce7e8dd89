from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from crossborder.accounts.models import Profile
from crossborder.credentials.signing.keys import ensure_key
from crossborder.curriculum.taxonomy import ensure_taxonomy
from crossborder.demo import people
from crossborder.demo.authoring import seed_draft_module
from crossborder.demo.credentials import seed_credentials
from crossborder.demo.drafts import seed_jit_drafts
from crossborder.demo.enrolment import seed_enrolment
from crossborder.demo.exercises import seed_exercise_run
from crossborder.demo.knowledge import seed_knowledge
from crossborder.demo.labs import seed_labs
from crossborder.demo.learning import seed_essay_to_grade, seed_learning
from crossborder.demo.library import seed_exchange
from crossborder.demo.network import seed_network
from crossborder.demo.privacy import seed_leaving_practitioner, seed_privacy
from crossborder.demo.referrals import NGO_ACCOUNT, seed_referrals
from crossborder.demo.speaking import seed_trainer_speaker
from crossborder.demo.surveys import seed_surveys
from crossborder.demo.workshops import seed_groups
from crossborder.learning.content import load_modules
from crossborder.library.content import load_library
from crossborder.seminars.content import load_programme


class Command(BaseCommand):
    help = "Migrate the database and load the demo data (safe to run again: adds what is missing)."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        ensure_taxonomy()  # a flushed database keeps its migrations, not the data they loaded
        result = people.seed_people()
        totals = Profile.objects.totals()
        self.stdout.write(
            f"Practitioners: {result['created']} added, {totals['total']} profiles from "
            f"{totals['country_count']} countries."
        )
        programme = load_programme()
        self.stdout.write(
            f"Programme: {programme['seminars']} seminars, {programme['sessions']} sessions, "
            f"{programme['speakers']} speakers."
        )
        learning = load_modules()
        self.stdout.write(
            f"Online modules: {learning['modules']} modules, {learning['lessons']} lessons, "
            f"{learning['questions']} questions."
        )
        draft = seed_draft_module()
        self.stdout.write(f"Draft module of the trainer: {draft['modules']} added.")
        essays = seed_essay_to_grade()
        self.stdout.write(f"Essays awaiting the trainer's grading: {essays['essays']} added.")
        library = load_library()
        seed_exchange()
        self.stdout.write(
            f"Library: {library['entries']} entries, linked {library['session_links']} times from "
            f"seminar sessions and {library['question_links']} times from quiz questions."
        )
        enrolment = seed_enrolment()
        self.stdout.write(
            f"Applications: {enrolment['applications']} added; {enrolment['calls']} calls."
        )
        seed_leaving_practitioner()  # attends a held seminar; deletes the account at the end
        speaking = seed_trainer_speaker()
        self.stdout.write(f"The trainer speaks at {speaking['sessions']} sessions.")
        knowledge = seed_knowledge()
        self.stdout.write(
            f"Knowledge tests: {knowledge['tests']} seminars' pre- and post-tests added, "
            f"{knowledge['sittings']} tests taken."
        )
        surveys = seed_surveys()
        self.stdout.write(
            f"Surveys: {surveys['surveys']} surveys, {surveys['responses']} responses added."
        )
        groups = seed_groups()
        if groups["workshops"]:
            self.stdout.write(
                f"Workshop groups: {groups['workshops']} slots of the held seminars allocated, "
                f"diversity score {groups['diversity']:.0%} (random groups: "
                f"{groups['random']:.0%}); {groups['rules']} pairing rules added."
            )
        learning = seed_learning()
        self.stdout.write(
            f"Learning after the held seminars: {learning['learners']} learners added, "
            f"{learning['attempts']} quiz attempts, {learning['lessons']} lessons read."
        )
        # The certificates below are signed with it (kept in CREDENTIAL_KEY_DIR).
        key, created = ensure_key()
        self.stdout.write(
            f"Credential signing key: {key.key_id} ({'created' if created else 'kept'})."
        )
        credentials = seed_credentials()  # after the learning (a passed module's certificate)
        self.stdout.write(
            f"Certificates: {credentials['attendance']} of attendance ({credentials['revoked']} "
            f"revoked), {credentials['completion']} of completion added."
        )
        exercises = seed_exercise_run()  # after the workshop groups (it uses the Lisbon groups)
        self.stdout.write(
            f"Workshop exercises: {exercises['exercises']} loaded; the JIT exercise prepared at "
            f"The Hague ({exercises['prepared']} added) and held in Lisbon ({exercises['held']} "
            "added)."
        )
        jit = seed_jit_drafts()
        self.stdout.write(
            f"JIT agreement drafts: {jit['drafts']} groups' drafts, "
            f"{jit['comments']} comments added" + (f" ({jit['note']})." if jit["note"] else ".")
        )
        labs = seed_labs()
        self.stdout.write(
            f"Investigation labs: Lisbon's lab worked on by {labs['groups']} groups, scored and "
            f"revealed; {labs['self_study']} self-study lab added."
        )
        referrals = seed_referrals()
        self.stdout.write(
            f"Referral profiles: {referrals['created']} added, {referrals['published']} "
            f"published, {referrals['waiting']} waiting for the manager (the NGO's sign-in: "
            f"{NGO_ACCOUNT})."
        )
        network = seed_network()
        self.stdout.write(
            f"Practitioner network: {network['listed']} practitioners listed, "
            f"{network['requests']} contact requests of participant@example.org and "
            f"{network['posts']} messages in the Vienna cohort's discussion added."
        )
        refresh_planner_statistics()
        privacy = seed_privacy()  # last: the deletion erases what the seeds above made
        self.stdout.write(
            f"Data rights: {privacy['exports']} download of a person's data, "
            f"{privacy['deleted']} account deleted (its figures kept anonymously)."
        )
        refresh_planner_statistics()
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for all: {people.DEMO_PASSWORD})")
        for email, role, first, last, _profile in people.ROLE_ACCOUNTS:
            self.stdout.write(f"  {role.label:<20} {email:<26} {first} {last}")
        self.stdout.write("")
        self.stdout.write(
            "Managers and administrators also need a one-time code (TOTP). Add this key to an\n"
            f"authenticator app: {people.DEMO_TOTP_SECRET}\n"
            "or print the current code with: make totp EMAIL=manager@example.org"
        )


def refresh_planner_statistics():
    """After a bulk load, PostgreSQL's planner still has the row counts it last saw (often of
    empty tables) until autovacuum catches up, and may then plan nested loops over thousands of
    rows. ANALYZE refreshes them now, as PostgreSQL advises after loading data; the ORM has no call
    for it. SQLite keeps no statistics unless asked, and plans well without them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics: no ORM call exists for it
