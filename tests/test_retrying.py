"""Failed background work is tried again with growing delays, then reported; a run whose worker
was lost is found and handled the same way (crossborder/scheduling/retrying.py). The real
processes (a worker that crashes, a worker killed mid-batch) are in tests/test_faults.py."""

from datetime import timedelta

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from crossborder.audit.models import AuditEntry
from crossborder.credentials.tasks import issue_seminar_certificates
from crossborder.learning.tasks import submit_expired_attempts
from crossborder.scheduling.retrying import recover_lost_tasks, retry_or_report

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("database_queue"),
]


@pytest.fixture
def database_queue():
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        TASK_RETRIES=3,
        TASK_RETRY_DELAY_SECONDS=60,
        TASK_LOST_AFTER_SECONDS=900,
        ADMINS=["ops@example.org"],
    ):
        yield


def fail(result_id, error="builtins.RuntimeError") -> DBTaskResult:
    DBTaskResult.objects.filter(pk=result_id).update(
        status=TaskResultStatus.FAILED, exception_class_path=error, traceback="Traceback …"
    )
    return DBTaskResult.objects.get(pk=result_id)


def test_a_failed_run_is_queued_again_later_each_time_then_reported():
    run = issue_seminar_certificates.enqueue(batch_id=7)
    delays = []
    for _ in range(2):
        before = timezone.now()
        retry_or_report(fail(run.id))
        run = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert run.args_kwargs == {"args": [], "kwargs": {"batch_id": 7}}
        delays.append(round((run.run_after - before).total_seconds()))
    assert delays == [60, 120]
    assert not AuditEntry.objects.filter(action="task.failed").exists() and not mail.outbox

    retry_or_report(fail(run.id))  # the third failure: not again, reported
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    entry = AuditEntry.objects.get(action="task.failed")
    assert entry.details["runs"] == 3 and entry.details["exception"] == "builtins.RuntimeError"
    (message,) = mail.outbox
    assert message.to == ["ops@example.org"]
    assert "issue_seminar_certificates({'batch_id': 7}) failed 3 times" in message.body


def test_the_runs_of_other_arguments_do_not_count():
    retry_or_report(fail(issue_seminar_certificates.enqueue(batch_id=1).id))
    retry_or_report(fail(issue_seminar_certificates.enqueue(batch_id=2).id))
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert sorted(r.args_kwargs["kwargs"]["batch_id"] for r in ready) == [1, 2]


def test_a_run_without_news_for_too_long_is_taken_for_lost_and_queued_again():
    long_ago = timezone.now() - timedelta(hours=1)
    lost = issue_seminar_certificates.enqueue(batch_id=3)
    recent = issue_seminar_certificates.enqueue(batch_id=4)
    other = submit_expired_attempts.enqueue()  # not safe to rerun blindly: never touched
    DBTaskResult.objects.filter(pk__in=[lost.id, other.id]).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["w-1"]
    )
    DBTaskResult.objects.filter(pk=recent.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    assert recover_lost_tasks.call() == 1
    lost = DBTaskResult.objects.get(pk=lost.id)
    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "crossborder.scheduling.retrying.WorkerLost"
    assert "w-1" in lost.traceback
    again = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert again.args_kwargs["kwargs"] == {"batch_id": 3}
    statuses = {str(pk): status for pk, status in DBTaskResult.objects.values_list("pk", "status")}
    assert statuses[recent.id] == statuses[other.id] == TaskResultStatus.RUNNING
    assert recover_lost_tasks.call() == 0  # found once only
