"""Background work that fails is tried again, and reported when it keeps failing.

The task queue (django-tasks-db) runs each task once: a task that raises is marked failed, and a
task whose worker died (killed, out of memory, the machine restarted) stays "running" for ever.
For the tasks listed in RETRIED, which are safe to run again because they do only what is still
missing (a certificate batch issues the certificates not issued yet; a report is built whole and
stored in one write), this module

- enqueues a failed run again, after a delay that doubles each time, up to `TASK_RETRIES` runs
  in all;
- takes a run that has been "running" longer than `TASK_LOST_AFTER_SECONDS` for lost (its worker
  is gone), marks it failed and handles it the same way (`recover_lost_tasks`, a recurring job);
- reports a task that failed on every try: an error in the log, an entry in the audit trail and
  an e-mail to the administrators (`ADMINS`).

What a run did before it failed stays done only where it was complete: each certificate is issued
in its own transaction, a report's files are stored with its final status.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import mail_admins
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

RETRIED = {
    "crossborder.credentials.tasks.issue_seminar_certificates",
    "crossborder.evaluation.reports.tasks.generate_funder_report",
}


class WorkerLost(Exception):
    """The worker running the task stopped answering (killed, or its machine restarted)."""


def failed_runs(result) -> int:
    """How many runs of this task, with these arguments, have failed so far."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=result.task_path,
        args_kwargs=result.args_kwargs,
        status=TaskResultStatus.FAILED,
    ).count()


def retry_or_report(result) -> None:
    """After a failed run of a RETRIED task (a DBTaskResult): enqueue it again, or report it."""
    failures = failed_runs(result)
    retried = import_string(result.task_path)
    args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
    if failures < settings.TASK_RETRIES:
        delay = timedelta(seconds=settings.TASK_RETRY_DELAY_SECONDS * 2 ** (failures - 1))
        again = retried.using(run_after=timezone.now() + delay).enqueue(*args, **kwargs)
        log.warning(
            "Task %s(%s) failed (%s, run %d of %d); trying again in %s as %s",
            result.task_path, kwargs or args, result.exception_class_path, failures,
            settings.TASK_RETRIES, delay, again.id,
        )  # fmt: skip
        return
    from crossborder.audit.models import record

    record(
        actor=None,
        action="task.failed",
        obj=result,
        details={
            "task": result.task_path,
            "arguments": result.args_kwargs,
            "runs": failures,
            "exception": result.exception_class_path,
        },
    )
    summary = f"{result.task_path}({kwargs or args}) failed {failures} times"
    log.error("Task %s; not trying again. Last error: %s", summary, result.exception_class_path)
    try:
        mail_admins(
            f"Background task failed: {result.task_path}",
            f"{summary} and is not tried again.\n\nLast error: {result.exception_class_path}"
            f"\n\n{result.traceback[-4000:]}",
        )
    except Exception:  # a mail server that is down must not stop the worker: logged above
        log.exception("Could not e-mail the administrators about %s", summary)


def on_task_finished(sender, task_result, **kwargs) -> None:
    """Receiver of django.tasks' task_finished: a failed run of a RETRIED task, in the database
    queue, is retried or reported."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if task_result.status != TaskResultStatus.FAILED or not issubclass(sender, DatabaseBackend):
        return

    result = DBTaskResult.objects.filter(pk=task_result.id).first()
    if result is not None and result.task_path in RETRIED:
        retry_or_report(result)


@task
def recover_lost_tasks() -> int:
    """Runs of RETRIED tasks "running" for longer than TASK_LOST_AFTER_SECONDS lost their worker:
    mark each failed, then retry or report it (recurring: crossborder/scheduling/recurring.py).
    Returns how many were recovered."""
    from django_tasks_db.models import DBTaskResult

    since = timezone.now() - timedelta(seconds=settings.TASK_LOST_AFTER_SECONDS)
    lost = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path__in=RETRIED, started_at__lt=since
    )
    recovered = 0
    for result in lost:
        # Only this recoverer changes a lost run: the update counts as its claim.
        claimed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"No news from worker(s) {', '.join(result.worker_ids)} since "
            f"{result.started_at:%Y-%m-%d %H:%M:%S} UTC.",
        )
        if claimed:
            result.refresh_from_db()
            retry_or_report(result)
            recovered += 1
    return recovered
