import io
import random
import zipfile

import pytest
from django.core.management import call_command
from django.db.models import Q

from crossborder.accounts.models import EU27, Profession, Profile, Role, User
from crossborder.demo import people

pytestmark = pytest.mark.django_db


def test_it_loads_a_realistic_cohort_and_does_not_duplicate_on_rerun(capsys, client_of):
    call_command("demo")
    out = capsys.readouterr().out
    assert "manager@example.org" in out and people.DEMO_PASSWORD in out
    totals = Profile.objects.totals()
    assert totals["total"] >= 320
    assert totals["country_count"] >= 22
    assert totals["eu_country_count"] >= 20
    assert all(n > 0 for _label, n in totals["professions"])
    assert {u.role for u in User.objects.filter(email__endswith="@example.org")} == set(Role)
    from crossborder.enrolment.models import Application, Call

    for call in Call.objects.select_related("seminar"):
        n = call.applications.count()
        assert 120 <= n <= 200, call.seminar.slug
        if call.seminar.status == "published":
            assert call.applications.filter(imported=True).count() == n  # nominations
            continue
        if call.seminar.status == "held":
            held = call.applications.filter(status__in=Application.SEAT_STATUSES).count()
            assert 0 < held <= call.seminar.capacity
            assert call.applications.filter(status="attended").exists()
            assert call.selection_runs.get().published_at is not None
        else:
            assert call.is_open()
    from crossborder.library.models import Comment, Entry

    assert Entry.objects.published().count() >= 80
    assert Entry.objects.filter(
        status="submitted", author__email="participant@example.org"
    ).exists()
    assert Entry.sessions.through.objects.count() > 50  # sessions link the entries they cite
    from crossborder.learning.models import Answer

    waiting = Answer.objects.awaiting_grading().select_related("question")
    assert waiting.count() == 1 and waiting.get().question.kind == "essay"  # for the trainer
    from crossborder.learning.models import Module, Question

    draft = Module.objects.get(slug="jit-first-30-days")
    assert draft.status == "draft" and [u.email for u in draft.owners.all()] == [
        "trainer@example.org"
    ]
    assert draft.lessons.count() == 2
    kinds = sorted(draft.questions.values_list("kind", flat=True))
    assert kinds == ["matching", "multiple", "numeric", "short", "single", "true_false"]
    numeric = draft.questions.get(kind="numeric")
    versions = list(numeric.history.order_by("history_id"))
    assert [v.data["answer"] for v in versions] == [10, 7]
    assert {v.history_user.email for v in versions} == {"trainer@example.org"}
    # Learning after the held seminars: module reports and item statistics have data, and the
    # participant's journey (Vienna attended, The Hague applied to, one module passed, one begun).
    from crossborder.learning.models import Attempt, LessonView

    assert Attempt.objects.filter(submitted_at__isnull=False).count() >= 100
    assert Attempt.objects.filter(number=2).exists()  # a second try after a fail
    assert Attempt.objects.filter(passed=False, submitted_at__isnull=False).exists()
    marta = User.objects.get(email="participant@example.org")
    journey = dict(
        Application.objects.filter(user=marta).values_list("call__seminar__slug", "status")
    )
    assert journey == {
        "vienna-2026-law-identification-evidence": "attended",
        "the-hague-2027-jits-judicial-cooperation": "submitted",
    }
    # Letters of support to the open call: about a third attach one (Marta too), as Word files
    # that name their applicant, so the manager's documents download has something to hold.
    from docx import Document

    from crossborder.enrolment.models import ApplicationFile

    letters = ApplicationFile.objects.filter(application__call__seminar__status="applications_open")
    hague = Application.objects.filter(
        call__seminar__slug="the-hague-2027-jits-judicial-cooperation"
    )
    assert 0.2 < letters.count() / hague.count() < 0.4
    mine = letters.select_related("application__user").get(application__user=marta)
    with mine.file.open("rb") as stored:
        text = "\n".join(p.text for p in Document(stored).paragraphs)
    assert f"Letter of support for {marta.first_name} {marta.last_name}" in text
    assert mine.original_name.endswith(".docx")
    staff = client_of(User.objects.get(email="manager@example.org"))
    listed = staff.get("/manage/seminars/the-hague-2027-jits-judicial-cooperation/applications/")
    assert f"{letters.count()} documents (ZIP)" in listed.content.decode()
    download = staff.get(
        "/manage/seminars/the-hague-2027-jits-judicial-cooperation/applications/documents.zip"
    )
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        assert len(archive.namelist()) == letters.count()
    modules = Attempt.objects.filter(user=marta, quiz__module__isnull=False)
    assert list(modules.values_list("quiz__module__slug", "passed")) == [
        ("thb-law-and-2024-reform", True)
    ]
    # and the Vienna seminar's knowledge tests, before and after
    from crossborder.evaluation.models import Sitting

    vienna = Sitting.objects.filter(user=marta, test__seminar__slug__startswith="vienna")
    assert sorted(vienna.values_list("phase", flat=True)) == ["post", "pre"]
    assert LessonView.objects.filter(
        user=marta, lesson__module__slug="evidence-beyond-testimony"
    ).exists()
    from crossborder.seminars.models import Session

    trainer_sessions = Session.objects.filter(speakers__user__email="trainer@example.org")
    assert trainer_sessions.count() == 3
    # Certificates: everyone checked in at a held seminar, one revoked; Marta's two.
    from crossborder.credentials.models import Credential

    checked_in = Application.objects.filter(checked_in_at__isnull=False).count()
    assert Credential.objects.filter(kind="attendance").count() == checked_in > 0
    assert Credential.objects.filter(revoked_at__isnull=False).exclude(revoked_reason="").count()
    assert sorted(Credential.objects.filter(holder=marta).values_list("kind", "revoked_at")) == [
        ("attendance", None),
        ("completion", None),
    ]
    # The network: about a third listed with varied choices; Marta's accepted and waiting requests.
    from crossborder.network.models import ContactRequest, NetworkListing

    listed = NetworkListing.objects.filter(listed=True)
    assert 0.28 < listed.count() / Profile.objects.count() < 0.4
    assert listed.filter(audience="vetted").exists() and listed.filter(show_name=False).exists()
    assert sorted(
        ContactRequest.objects.filter(Q(sender=marta) | Q(recipient=marta)).values_list(
            "status", flat=True
        )
    ) == ["accepted", "pending"]
    counts = lambda: (  # noqa: E731
        NetworkListing.objects.count(),
        ContactRequest.objects.count(),
        Credential.objects.count(),
        User.objects.count(),
        Profile.objects.count(),
        Application.objects.count(),
        ApplicationFile.objects.count(),
        Entry.objects.count(),
        Comment.objects.count(),
        Answer.objects.count(),
        Module.objects.count(),
        Question.history.count(),
        Attempt.objects.count(),
        LessonView.objects.count(),
    )
    before = counts()
    call_command("demo")
    assert counts() == before


def test_it_generates_the_same_people_for_the_same_seed():
    first = people.generate(random.Random(people.SEED))
    again = people.generate(random.Random(people.SEED))
    assert [p["email"] for p in first] == [p["email"] for p in again]
    assert len({p["email"] for p in first}) == len(first)


def test_it_gives_names_with_diacritics_that_fit_the_country():
    cohort = people.generate(random.Random(people.SEED))
    polish = [p for p in cohort if p["country"] == "PL"]
    assert any(set(p["first_name"] + p["last_name"]) & set("ąćęłńóśźż") for p in polish)
    # Gendered family names: Polish women are -ska/-cka, not -ski/-cki.
    for p in polish:
        if p["gender"] == "female":
            assert not p["last_name"].endswith(("ski", "cki"))
    assert {p["country"] for p in cohort} - EU27 == {"UA"}
    judges = {p["organisation"] for p in cohort if p["profession"] == Profession.JUDGE}
    assert any("gericht" in org.lower() or "tribunal" in org.lower() for org in judges)


def test_it_lets_each_demo_role_sign_in_with_the_documented_credentials():
    from django.test import Client

    from tests.factories import current_totp

    call_command("demo")  # once: loading the demo is the slow part
    for email, role, *_rest in people.ROLE_ACCOUNTS:
        client = Client()
        r = client.post("/accounts/login/", {"login": email, "password": people.DEMO_PASSWORD})
        if role in (Role.MANAGER, Role.ADMIN):
            assert r["Location"] == "/accounts/2fa/authenticate/", email
            r = client.post(
                "/accounts/2fa/authenticate/", {"code": current_totp(people.DEMO_TOTP_SECRET)}
            )
        assert r["Location"] == "/dashboard/", email
        assert client.get("/api/v1/me").json()["role"] == role, email


def test_the_vienna_cohort_talks_and_a_moderator_hid_one_message():
    from crossborder.accounts.models import EU27
    from crossborder.network.models import CohortPost

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    posts = list(CohortPost.objects.select_related("author__profile", "hidden_by", "seminar"))
    assert len(posts) == 5
    assert {p.seminar.slug for p in posts} == {"vienna-2026-law-identification-evidence"}
    assert "participant@example.org" in {p.author.email for p in posts}
    assert all(p.author.profile.country.code in EU27 for p in posts)
    hidden = [p for p in posts if p.is_hidden]
    assert len(hidden) == 1 and "victims" in hidden[0].body
    assert hidden[0].hidden_by.email == "manager@example.org"
