"""Background work of the learning app, run by the task worker (`manage.py db_worker`)."""

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from .models import Attempt


@task
def submit_expired_attempts() -> int:
    """Grade the attempts whose time ran out without being submitted (recurring: see
    crossborder/scheduling/recurring.py). Viewing such an attempt never grades it."""
    from .services import submit_attempt

    late = Attempt.objects.filter(
        submitted_at__isnull=True, deadline__lt=timezone.now() - timedelta(seconds=5)
    )
    n = 0
    for attempt in late.select_related("user").iterator():
        submit_attempt(attempt=attempt, user=attempt.user)
        n += 1
    return n
