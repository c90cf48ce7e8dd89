"""A GET never writes: every page, for every role, on the demo data, leaves the database as
it was (row counts of every table, and the audit trail entry by entry).

The same requests check the access matrix (tests/access_matrix.json): for every URL pattern, every
API operation that writes (from the OpenAPI schema, each undone after it) and every kind of caller — anonymous, a participant (who also stands for "someone else": the
world's applications, attempts and certificates are the vetted participant's), the vetted
participant, a trainer, a programme manager, the funder observer and an administrator — the
outcome must be the one written there (200, 302 to sign-in, 403, 404, …). A URL pattern without
an entry fails. After a deliberate change, write the file again with
ACCESS_MATRIX_WRITE=1 pytest tests/test_get_never_writes.py and read its diff line by line.

Allowed, and only these (each is a read being recorded, not a change):
- audit entries of kind VIEW: looking at someone else's personal data is logged (a legal
  requirement of the audit trail);
- LessonView rows: opening a lesson marks it read (as in Moodle).
"""

import json
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from crossborder.accounts.models import Role, User
from crossborder.audit.models import AuditEntry
from crossborder.enrolment.models import Application, Call, SelectionRun
from crossborder.learning.models import Attempt, LessonView, Module, Question
from crossborder.library.models import Entry
from crossborder.seminars.models import Session, Speaker
from crossborder.workshops.models import Membership, Workshop

pytestmark = pytest.mark.django_db

MATRIX = Path(__file__).with_name("access_matrix.json")
# The kinds of caller of the matrix: (label, email); None signs nobody in.
CALLERS = [
    ("anonymous", None),
    ("participant", "other"),  # an unvetted demo practitioner: see _other_participant
    ("vetted participant", "participant@example.org"),
    ("trainer", "trainer@example.org"),
    ("manager", "manager@example.org"),
    ("funder", "funder@example.org"),
    ("admin", "admin@example.org"),
]
ALLOWED_NEW_ROWS = {LessonView}  # read receipts (see above); audit VIEW entries: see _audit
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _routes(patterns=None, prefix=""):
    """(route, name) of every URL pattern, regexes and converters as written."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def _world():
    """The demo, plus the states a GET could be tempted to change."""
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    participant = User.objects.get(email="participant@example.org")
    manager = User.objects.get(email="manager@example.org")
    now = timezone.now()
    call = Call.objects.filter(seminar__status="applications_open").select_related("seminar")[0]
    mine = Application.objects.filter(user=participant).first() or Application.objects.create(
        call=call, user=participant, status="selected", submitted_at=now
    )
    # a document uploaded with it (the call's file question), for its download
    from django.core.files.base import ContentFile

    from crossborder.enrolment.models import ApplicationFile
    from crossborder.enrolment.models import Question as CallQuestion

    letter = CallQuestion.objects.create(call=call, order=9, label="Letter", kind="file")
    upload = ApplicationFile(application=mine, question=letter, original_name="letter.pdf")
    upload.file.save("letter.pdf", ContentFile(b"%PDF-1.7 letter"))
    lapsed = call.applications.exclude(user=participant).first()
    Application.objects.filter(pk=lapsed.pk).update(
        status="selected", confirm_by=now - timedelta(hours=1)
    )
    run = SelectionRun.objects.create(
        call=call, created_by=manager, targets={"seats": 3}, status=SelectionRun.Status.QUEUED
    )
    from crossborder.evaluation.knowledge.services import build_knowledge_test

    build_knowledge_test(seminar=call.seminar, by=manager)  # its pages with two forms
    module = Module.objects.get(slug="thb-law-and-2024-reform")  # no prerequisites
    from crossborder.learning.services import start_attempt

    attempt = start_attempt(quiz=module.quiz, user=participant)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=now - timedelta(minutes=5))
    from crossborder.accounts.models import ApiToken
    from crossborder.seminars.models import CalendarToken

    token, _secret = ApiToken.issue(user=participant, name="laptop")
    feed = CalendarToken.for_user(participant)
    from crossborder.learning.models import Answer

    essay = Answer.objects.awaiting_grading().select_related("question__module").first()
    entry = Entry.objects.published().first()
    session = call.seminar.sessions.exclude(kind="break").first() or Session.objects.first()
    from crossborder.evaluation.models import FunderReport, Survey

    survey = Survey.objects.get(
        seminar__slug="vienna-2026-law-identification-evidence", kind="satisfaction"
    )
    report = FunderReport.objects.create(programme=call.seminar.programme, requested_by=manager)
    from crossborder.workshops.models import AllocationRun, ExerciseRun, PairingRule

    allocation = AllocationRun.objects.select_related("workshop__seminar").latest("pk")
    exercise_run = ExerciseRun.objects.select_related("exercise").get(status="closed")  # Lisbon
    from crossborder.credentials.models import Credential, CredentialBatch

    batch = CredentialBatch.objects.create(seminar=call.seminar, created_by=manager, total=1)
    from crossborder.network.models import AbuseReport, CohortPost, ContactRequest
    from crossborder.referrals.models import ReferralProfile

    jit_run = _jit_run(call.seminar, mine, participant)
    return {
        "referral": ReferralProfile.objects.get(
            editors__email="ngo@example.org", has_pending_changes=True
        ),
        # the network: Marta's request waiting for her answer, the demo's open abuse report
        "contact_request": ContactRequest.objects.get(recipient=participant, status="pending"),
        "abuse_report": AbuseReport.objects.first(),
        # the Vienna cohort's discussion: a message of someone else's that Marta may report
        "cohort_post": CohortPost.objects.shown()
        .exclude(author=participant)
        .select_related("seminar")
        .first(),
        "credential": Credential.objects.filter(holder=participant).first(),  # Marta's Vienna
        "batch": batch,  # a queued batch of certificates (its status page polls)
        "allocation": allocation,  # the demo's groups of a held seminar
        "rule": PairingRule.objects.filter(seminar=allocation.workshop.seminar).first(),
        "exercise_run": exercise_run,
        "jit_run": jit_run,
        "survey": survey,
        "report": report,
        "seminar": call.seminar,
        "application": mine,
        "application_file": upload,
        "run": run,
        "module": module,
        "lesson": module.lessons.first(),
        "attempt": attempt,
        "question": attempt.question_ids[0],
        "api_token": token,
        "feed": feed,
        "entry": entry,
        "speaker": Speaker.objects.first(),
        "session": session,
        "participant": participant,
        "essay": essay,  # the demo's essay awaiting the trainer
        "question_version": attempt.question_versions[str(attempt.question_ids[0])],
        # an open lab in the workshop of the JIT run, where the participant has a group
        "lab": _lab(jit_run.workshop),
    }


def _lab(workshop):
    """An open lab with the hand-made dataset of tests/labs/world.py in a demo workshop slot."""
    from crossborder.labs.models import Lab
    from tests.labs.world import make_lab_dataset

    lab = Lab.objects.create(title="Lab", workshop=workshop, seed=1, status="open")
    make_lab_dataset(lab)
    return lab


def _jit_run(seminar, application, participant):
    """A JIT exercise run with a saved draft and a comment, the participant in its group 1
    (the demo's own run when it has one)."""
    from crossborder.workshops.models import (
        Draft,
        DraftComment,
        Exercise,
        ExerciseRun,
        Group,
        Membership,
        Workshop,
    )

    run = ExerciseRun.objects.filter(exercise__kind="jit_agreement", status="closed").first()
    if run is None:
        exercise = Exercise.objects.create(
            slug="jit-get-test", title="JIT", case_file="Case", checklist=[]
        )
        workshop = Workshop.objects.create(seminar=seminar, start=timezone.now())
        run = ExerciseRun.objects.create(exercise=exercise, workshop=workshop, status="open")
    group = run.workshop.groups.order_by("number").first() or Group.objects.create(
        workshop=run.workshop, number=1
    )
    if not Membership.objects.filter(workshop=run.workshop, application__user=participant):
        Membership.objects.create(workshop=run.workshop, group=group, application=application)
    draft, _created = Draft.objects.get_or_create(
        run=run, group=group, defaults={"content": {"purpose": {"description": "x"}}}
    )
    DraftComment.objects.create(draft=draft, section="purpose", body="Good start.")
    return run


def _value(route, name, w):
    if name == "slug":
        if "/essays/" in route:
            return w["essay"].question.module.slug
        if route.startswith(("learn/", "api/v1/modules", "author/modules/")):
            return w["module"].slug
        if route.startswith(("library/", "api/v1/library", "author/library/")):
            return w["entry"].slug
        if "speakers/" in route:
            return w["speaker"].slug
        if "/groups/" in route:
            return w["allocation"].workshop.seminar.slug
        if route.startswith("network/cohorts/"):
            return w["cohort_post"].seminar.slug
        if "/applications/<int:application_id>" in route or route.endswith("documents.zip"):
            # the application's own seminar (its documents: the world's upload)
            return w["application"].call.seminar.slug
        return w["seminar"].slug
    return {
        "lesson_slug": w["lesson"].slug,
        "pk": w["attempt"].pk
        if route.startswith("attempts/")
        else w["lab"].pk
        if route.startswith("labs/")
        else w["report"].pk
        if route.startswith("reports/")
        else w["application"].pk,
        "attempt_id": w["attempt"].pk,
        "answer_id": w["essay"].pk,
        "application_id": w["application"].pk,
        "file_id": w["application_file"].pk,
        "question_id": w["question"],
        "user_id": w["participant"].pk,
        "token_id": w["api_token"].pk,
        "session_id": w["session"].pk,
        "run_id": w["allocation"].pk
        if "allocations/" in route
        else w["exercise_run"].pk
        if "exercise-runs/" in route
        else w["run"].pk,
        "allocation_id": w["allocation"].pk,
        "workshop_id": w["allocation"].workshop_id,
        "rule_id": w["rule"].pk,
        "token": w["feed"].token if route.startswith("calendar/") else "no-such-token",
        "content_type_id": ContentType.objects.get_for_model(Entry).pk,
        "id": w["participant"].pk,
        # authoring history: a question's versions (and its regrade preview)
        "kind": "xlsx" if route.startswith("reports/") else "question",
        "object_id": w["question"],
        "history_id": w["question_version"],
        # surveys: the demo's Vienna satisfaction survey and one of its questions
        "survey_id": w["survey"].pk,
        "survey_question_id": w["survey"].questions.first().pk,
        # workshop exercises: the demo's closed JIT run in Lisbon, its exercise and an inject
        "exercise_slug": w["exercise_run"].exercise.slug,
        "inject_id": w["exercise_run"].exercise.injects.first().pk,
        # the JIT drafts (and the run's pages): the Lisbon run, group 1 (the participant's)
        "exercise_run_id": w["jit_run"].pk,
        "group_number": 1,
        "section_key": "leaders",
        # the investigation lab (crossborder/labs/): an open lab in the demo's groups
        "lab_id": w["lab"].pk,
        "flag_id": 0,
        "fmt": "csv",  # the lab downloads: the CSV ZIP
        # credentials: the participant's certificate, a batch of the seminar's certificates
        "code": w["credential"].code,
        "batch_id": w["batch"].pk,
        # the status list
        "number": 1,
        # referral profiles: the demo NGO's published profile, with a change awaiting approval
        "uid": w["referral"].uid,
        # the network: Marta's listing (her own profile page), her waiting request, a report
        "public_id": w["participant"].network_listing.public_id,
        "request_id": w["contact_request"].pk,
        "block_id": 0,
        "post_id": w["cohort_post"].pk,
        "report_id": w["abuse_report"].pk,
    }[name]


def _admin_object(name):
    """The pk of an object of the admin page's model, from its URL name."""
    for model in apps.get_models():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name and name.startswith(prefix):
            obj = model._default_manager.order_by("-pk").first()  # a recent, small one
            return obj.pk if obj else 0
    return 0


REGEX_URLS = {  # routes written as regular expressions
    "export-participants": ["participants.csv", "participants.xlsx", "participants.html"],
    "export-questions": ["questions.xml", "questions.gift"],
}


def _urls(w):
    """(matrix key, URL) of every route: the key is the URL name (with the file name where one
    name serves several URLs), or the route itself where it has no name."""
    for route, name in _routes():
        key = name or route
        if route.startswith("admin/"):
            if name in ("logout", None) or "(?P<url>" in route:
                continue  # a catch-all, or signing out (allauth's and the admin's are POST)
            if "app_label" in route:
                for label in ("accounts", "audit", "seminars"):
                    yield f"admin:{label}", f"/admin/{label}/"
                continue
            if "<path:object_id>" in route or "<id>" in route:
                pk = w["participant"].pk if name == "auth_user_password_change" else None
                pk = pk or _admin_object(name)
                route = route.replace("<path:object_id>", str(pk)).replace("<id>", str(pk))
        if name in REGEX_URLS:
            base = f"/{'learn/' + w['module'].slug if name == 'export-questions' else 'manage/seminars/' + w['seminar'].slug}/"
            yield from ((f"{name} {tail}", base + tail) for tail in REGEX_URLS[name])
            continue
        if "(?P<" in route:  # allauth's key links: an unknown key is a page too
            route = re.sub(r"\^|\$", "", route)
            route = re.sub(r"\(\?P<(\w+)>[^)]*\)", "x1-unknown", route)
        url = "/" + PARAMETER.sub(lambda m: str(_value(route, m["name"], w)), route)
        yield (f"admin:{key}" if route.startswith("admin/") else key), url


def _snapshot():
    tables = set(connection.introspection.table_names())  # some exist on one database only
    counts = {
        m._meta.db_table: m._default_manager.count()
        for m in apps.get_models()
        if m not in (*ALLOWED_NEW_ROWS, AuditEntry)
        and not m._meta.proxy
        and m._meta.db_table in tables
    }
    audit = set(AuditEntry.objects.exclude(kind=AuditEntry.Kind.VIEW).values_list("pk", "action"))
    watched = {  # rows a GET was once tempted to update
        "applications": list(Application.objects.order_by("pk").values_list("pk", "status")),
        "attempts": list(Attempt.objects.order_by("pk").values_list("pk", "submitted_at", "score")),
        "runs": list(SelectionRun.objects.order_by("pk").values_list("pk", "status")),
        "groups": list(Membership.objects.order_by("pk").values_list("pk", "group_id")),
        "workshops": list(Workshop.objects.order_by("pk").values_list("pk", "published_at")),
        "credentials": list(
            apps.get_model("credentials", "Credential")
            .objects.order_by("pk")
            .values_list("pk", "pdf", "revoked_at")
        ),
        "credential_batches": list(
            apps.get_model("credentials", "CredentialBatch")
            .objects.order_by("pk")
            .values_list("pk", "status", "done")
        ),
        "contact_requests": list(
            apps.get_model("network", "ContactRequest")
            .objects.order_by("pk")
            .values_list("pk", "status")
        ),
        "listings": list(
            apps.get_model("network", "NetworkListing")
            .objects.order_by("pk")
            .values_list("pk", "listed", "public_id")
        ),
        "exercise_runs": list(
            apps.get_model("workshops", "ExerciseRun")
            .objects.order_by("pk")
            .values_list("pk", "status", "opened_at", "closed_at")
        ),
    }
    return counts, audit, watched


def _other_participant():
    """A demo practitioner who is not vetted and has no part in the world's objects."""
    return (
        User.objects.filter(role=Role.PARTICIPANT, profile__vetting="none", is_active=True)
        .exclude(email="participant@example.org")
        .order_by("pk")
        .first()
    )


def _outcome(response) -> str:
    if response.status_code in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return "302 sign-in"
    return str(response.status_code)


def _api_writes(w):
    """(matrix key, method, URL, JSON body) of every API operation that writes, from the
    published OpenAPI schema, with a body that is valid for a caller who may do it."""
    from crossborder.api import api
    from crossborder.learning.services import start_attempt

    participant = w["participant"]
    # a fresh attempt of another module for the answer and submit operations (the world's own
    # is past its deadline, for the GET pages)
    module = Module.objects.exclude(pk=w["module"].pk).filter(level="public").order_by("pk")[0]
    attempt = start_attempt(quiz=module.quiz, user=participant)
    question = Question.objects.get(pk=attempt.question_ids[0])
    seminar = w["seminar"]
    # a seat offered to the participant at the open seminar, for the confirmation
    offer, _new = Application.objects.update_or_create(
        call=Call.objects.filter(seminar=seminar).first(),
        user=participant,
        defaults={
            "status": "selected",
            "submitted_at": timezone.now(),
            "confirm_by": timezone.now() + timedelta(days=3),
        },
    )
    params = {
        "slug": seminar.slug,
        "application_id": offer.pk,
        "attempt_id": attempt.pk,
        "question_id": question.pk,
        "workshop_id": w["allocation"].workshop_id,
        "lab_id": w["lab"].pk,
    }
    bodies = {
        "POST /api/v1/seminars": {
            "title": "Bratislava 2027: labour exploitation",
            "slug": "bratislava-2027-labour-exploitation",
            "programme": seminar.programme_id,
            "city": "Bratislava",
            "country": "SK",
            "start_date": "2027-09-14",
            "end_date": "2027-09-16",
            "time_zone": "Europe/Bratislava",
            "capacity": 30,
        },
        "PATCH /api/v1/seminars/{slug}": {"capacity": seminar.capacity + 2},
        "POST /api/v1/seminars/{slug}/sessions": {
            "title": "Following the money: a case from Sofia",
            "kind": "case_study",
            "day": seminar.start_date.isoformat(),
            "start_time": "14:00",
            "end_time": "15:30",
        },
        "POST /api/v1/applications/{application_id}/confirm": None,
        "POST /api/v1/attempts": {"module": module.slug},
        "PUT /api/v1/attempts/{attempt_id}/answers/{question_id}": {
            "response": {
                "single": 0,
                "multiple": [0],
                "true_false": True,
                "short": "joint investigation team",
                "numeric": 30,
                "essay": "The victim's consent is irrelevant where a means was used.",
                "matching": list(range(len(question.data.get("pairs", [])))),
                "ordering": list(range(len(question.data.get("items", [])))),
            }[question.kind]
        },
        "POST /api/v1/attempts/{attempt_id}/submit": None,
        "POST /api/v1/workshops/{workshop_id}/allocate": {"groups": 4},  # 6 trainers there
        "POST /api/v1/labs/{lab_id}/flags": {
            "flags": [{"item": "PER-001", "category": "third_party", "confidence": 2}],
            "submit": False,
        },
        "POST /api/v1/credentials/verify": w["credential"].open_badge,
    }
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            if method == "get":
                continue
            key = f"{method.upper()} {path}"
            assert key in bodies, f"{key}: write a valid body for it here, then its matrix row"
            url = re.sub(r"\{(\w+)\}", lambda m: str(params[m[1]]), path)
            yield f"API {key}", method, url, bodies[key]


def _api_write_outcomes(client, w) -> dict[str, dict[str, str]]:
    """Each API write by each caller, undone after it (a savepoint rolled back), so that every
    caller meets the same state."""
    from django.db import transaction

    writes = list(_api_writes(w))
    outcomes: dict[str, dict[str, str]] = {}
    for label, email in CALLERS:
        client.logout()
        if email is not None:
            client.force_login(
                _other_participant() if email == "other" else User.objects.get(email=email)
            )
        for key, method, url, body in writes:
            with transaction.atomic():
                r = getattr(client, method)(
                    url,
                    data=json.dumps(body) if body is not None else None,
                    content_type="application/json",
                )
                transaction.set_rollback(True)
            assert r.status_code < 500, (label, key, r.content[:300])
            outcomes.setdefault(key, {})[label] = _outcome(r)
    return outcomes


def test_no_get_of_any_page_writes_for_any_role(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded document of _world
    w = _world()
    pairs = list(dict.fromkeys(_urls(w)))
    assert len(pairs) > 150
    changed, errors = [], []
    outcomes: dict[str, dict[str, str]] = {}
    for label, email in CALLERS:
        client.logout()
        user = None
        if email is not None:
            user = _other_participant() if email == "other" else User.objects.get(email=email)
            client.force_login(user)  # signing in writes a session: before the snapshot
        admin = label == "admin"
        role_pairs = [(k, u) for k, u in pairs if admin or not k.startswith("admin:")]
        before = _snapshot()
        for key, url in role_pairs:
            r = client.get(url)
            if not key.startswith("admin:") or url == "/admin/":
                outcomes.setdefault(key, {})[label] = _outcome(r)
            if r.status_code >= 500:
                errors.append((label, url, r.status_code))
            after = _snapshot()
            if after != before:
                diff = {
                    k: (before[0].get(k), v) for k, v in after[0].items() if before[0].get(k) != v
                }
                changed.append((label, url, diff or "audit or updated rows"))
            before = after
    assert changed == [], "\n".join(map(str, changed))
    assert errors == [], "\n".join(map(str, errors))
    outcomes.update(_api_write_outcomes(client, w))
    if os.environ.get("ACCESS_MATRIX_WRITE"):
        MATRIX.write_text(
            json.dumps(dict(sorted(outcomes.items())), indent=1, ensure_ascii=False) + "\n"
        )
    expected = json.loads(MATRIX.read_text())
    missing = sorted(set(outcomes) - set(expected))
    assert missing == [], f"URL patterns without an entry in {MATRIX.name}: {missing}"
    wrong = {
        key: {
            who: (expected[key].get(who), got)
            for who, got in seen.items()
            if expected[key].get(who) != got
        }
        for key, seen in outcomes.items()
    }
    wrong = {key: diff for key, diff in wrong.items() if diff}
    assert wrong == {}, "(expected, got) per URL name and caller:\n" + "\n".join(
        f"{key}: {diff}" for key, diff in sorted(wrong.items())
    )
    assert sorted(set(expected) - set(outcomes)) == [], "entries of URL patterns that are gone"
