"""Background work of the group allocation, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def solve_allocation(run_id: int) -> str:
    """Solve one queued allocation run; the manager's status page follows its progress."""
    from ..models import AllocationRun
    from .services import run_allocation

    run = AllocationRun.objects.select_related("workshop__seminar", "created_by").get(pk=run_id)
    return run_allocation(run=run).status
