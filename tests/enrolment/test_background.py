"""Side effects after commit, the selection on the task queue, the recurring jobs."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from crossborder.enrolment import services
from crossborder.enrolment.models import Application, SelectionRun
from tests.factories import make_applicant, make_call, make_seminar

pytestmark = pytest.mark.django_db
S = Application.Status
TARGETS = {
    "seats": 3,
    "max_per_country": "",
    "max_per_organisation": "",
    "women_min_share": 0,
    "women_max_share": 100,
    "weight_first_time": 3,
    "weight_new_country": 2,
    "weight_nominated": 1,
}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def call(db):
    return make_call(make_seminar(sessions=False, capacity=3))


def test_it_sends_no_mail_when_the_workflow_rolls_back(call, django_capture_on_commit_callbacks):
    confirmed = make_applicant(call, 1, status=S.CONFIRMED)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.withdraw_application(application=confirmed, by=confirmed.user)
        raise RuntimeError("a later step of the same request fails")
    assert callbacks == [] and mail.outbox == []
    assert Application.objects.get(pk=confirmed.pk).status == S.CONFIRMED
    # The same step that commits sends its mail — after the commit, not before.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.withdraw_application(application=confirmed, by=confirmed.user)
        assert mail.outbox == []
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert [m.subject for m in mail.outbox] == [
        "Application withdrawn: Investigating trafficking across borders"
    ]


def test_it_shows_a_queued_run_that_polls_then_its_result(
    client_of, manager, call, django_capture_on_commit_callbacks
):
    for i in range(5):
        make_applicant(call, i)
    c = client_of(manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        r = c.post("/manage/seminars/vienna/selection/", TARGETS)
    run = SelectionRun.objects.get()
    assert (run.status, run.result, len(callbacks)) == (SelectionRun.Status.QUEUED, {}, 1)
    page = c.get(r["Location"]).content.decode()
    assert "Queued: the selection will start in a moment." in page
    assert f'hx-get="/manage/seminars/vienna/selection/{run.pk}/"' in page
    assert 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh" content="3">' in page  # without JavaScript
    fragment = c.get(r["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<section id="run-status"') and "<html" not in fragment
    callbacks[0]()  # the commit happens: the tests' backend runs the task at once
    fragment = c.get(r["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Done: the selection is computed." in fragment and "hx-trigger" not in fragment
    assert 'href="/manage/seminars/vienna/selection/"' in fragment
    assert "Every target is met." in c.get("/manage/seminars/vienna/selection/").content.decode()


def test_it_reports_a_failed_run_clearly(
    client_of, manager, call, monkeypatch, django_capture_on_commit_callbacks
):
    for i in range(5):
        make_applicant(call, i)

    def broken(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr("crossborder.enrolment.selection.solve", broken)
    c = client_of(manager)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/manage/seminars/vienna/selection/", TARGETS)
    run = SelectionRun.objects.get()
    assert run.status == SelectionRun.Status.FAILED
    page = c.get(r["Location"]).content.decode()
    assert "The selection failed." in page
    assert "The solver stopped with an error. Try again." in page and "crashed" not in page
    # The selection page shows no result of a failed run.
    assert (
        "Every target is met." not in c.get("/manage/seminars/vienna/selection/").content.decode()
    )


def test_it_refuses_to_start_a_selection_without_applications(client_of, manager, call):
    r = client_of(manager).post("/manage/seminars/vienna/selection/", TARGETS, follow=True)
    assert "There are no submitted applications to select from." in r.content.decode()
    assert not SelectionRun.objects.exists()


@pytest.fixture
def run_worker(monkeypatch):
    """The real worker, once over what is queued. It runs inside the test's transaction (rolled
    back after each test: no flush of the migrated data other tests rely on), so its periodic
    `close_old_connections()` — which would drop a connection that is inside a transaction on
    PostgreSQL — is the one thing left out."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0
    )


def test_it_solves_on_the_database_queue_outside_any_transaction(
    client_of, manager, call, settings, monkeypatch, run_worker, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    from django_tasks_db.models import DBTaskResult

    from crossborder.enrolment import selection

    for i in range(5):
        make_applicant(call, i)
    transactions = []  # how deep in transactions the solver ran
    real_solve = selection.solve

    def watched(*args, **kwargs):
        transactions.append(len(connection.atomic_blocks))
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(selection, "solve", watched)
    c = client_of(manager)
    with django_capture_on_commit_callbacks(execute=True):  # the enqueue waits for the commit
        r = c.post("/manage/seminars/vienna/selection/", TARGETS)
    run = SelectionRun.objects.get()
    assert run.status == SelectionRun.Status.QUEUED
    assert DBTaskResult.objects.get().task_path == "crossborder.enrolment.tasks.solve_selection"
    assert "Queued" in c.get(r["Location"]).content.decode()
    outside = len(connection.atomic_blocks)  # the test's own transaction(s)
    run_worker()
    run.refresh_from_db()
    assert run.status == SelectionRun.Status.DONE and len(run.result["selected"]) == 3
    assert transactions == [outside]  # no transaction of ours around the solver
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert "Done: the selection is computed." in c.get(r["Location"]).content.decode()


def test_the_scheduler_enqueues_each_recurring_job_for_the_worker(
    settings, run_worker, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    from django_tasks_db.models import DBTaskResult

    call = make_call(make_seminar(sessions=False, capacity=1, status="applications_closed"))
    late = make_applicant(call, 1, status=S.SELECTED)
    Application.objects.filter(pk=late.pk).update(confirm_by=timezone.now() - timedelta(hours=1))
    nxt = make_applicant(call, 2, status=S.WAITLISTED)
    out = io.StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "crossborder.enrolment.tasks.apply_retention",
        "crossborder.enrolment.tasks.expire_lapsed_offers",
        "crossborder.evaluation.reports.tasks.draw_indicator_charts",
        "crossborder.evaluation.surveys.tasks.dispatch_surveys",
        "crossborder.learning.tasks.submit_expired_attempts",
        "crossborder.scheduling.retrying.recover_lost_tasks",
    ]
    assert Application.objects.get(pk=late.pk).status == S.SELECTED  # queued, not yet run
    with django_capture_on_commit_callbacks(execute=True):  # the task's emails, after commit
        run_worker()
    assert Application.objects.get(pk=late.pk).status == S.EXPIRED
    assert Application.objects.get(pk=nxt.pk).status == S.SELECTED
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Your offer has expired",
        "A place has become free",
    ]


def test_the_waiting_list_page_shows_a_lapsed_offer_without_expiring_it(
    client_of, manager, call, django_capture_on_commit_callbacks
):
    late = make_applicant(call, 1, status=S.SELECTED)
    Application.objects.filter(pk=late.pk).update(confirm_by=timezone.now() - timedelta(hours=1))
    make_applicant(call, 2, status=S.WAITLISTED)
    c = client_of(manager)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = c.get("/manage/seminars/vienna/waiting-list/").content.decode()
    assert callbacks == [] and mail.outbox == []
    assert Application.objects.get(pk=late.pk).status == S.SELECTED
    assert "lapsed" in page and "3 free places" in page
    with django_capture_on_commit_callbacks(execute=True):
        c.post("/manage/seminars/vienna/waiting-list/", {"action": "expire"})
    assert Application.objects.get(pk=late.pk).status == S.EXPIRED
    assert len(mail.outbox) == 2  # the lapsed offer, then the next person's offer


def test_it_stops_polling_a_run_no_worker_picked_up_and_says_why(client_of, manager, call):
    run = SelectionRun.objects.create(
        call=call, targets={"seats": 3}, status=SelectionRun.Status.QUEUED
    )
    SelectionRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    page = client_of(manager).get(f"/manage/seminars/vienna/selection/{run.pk}/").content.decode()
    assert "Check that the task worker (manage.py db_worker) is running" in page
    assert "hx-trigger" not in page and 'http-equiv="refresh"' not in page
