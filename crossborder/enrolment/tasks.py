"""Background work of enrolment, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task

from .models import Call, SelectionRun


@task
def solve_selection(run_id: int) -> str:
    """Solve one queued selection run; the manager's status page follows it."""
    from .services import run_selection

    run = SelectionRun.objects.select_related("call__seminar", "created_by").get(pk=run_id)
    return run_selection(run=run).status


@task
def expire_lapsed_offers() -> dict:
    """Offers not confirmed in time lapse and their seats go to the next people (recurring:
    see crossborder/scheduling/recurring.py)."""
    from .services import expire_offers, offer_free_seats

    expired = offered = 0
    for call in Call.objects.select_related("seminar").filter(
        seminar__status__in=["applications_open", "applications_closed", "published"]
    ):
        expired += expire_offers(call=call)
        offered += len(offer_free_seats(call=call, by=None))
    return {"expired": expired, "offered": offered}


@task
def apply_retention() -> dict:
    """Delete the uploads and the applications without a seat whose time is up (recurring:
    see crossborder/scheduling/recurring.py; the rules are in enrolment/retention.py)."""
    from .retention import apply_retention as apply

    deleted = apply()
    return {"files": deleted.files, "applications": deleted.applications}
