"""Background work of the lab generator, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def generate_lab_task(lab_id: int) -> str:
    """Generate and store one lab's dataset; the status page follows its progress."""
    from ..models import Lab
    from .storing import generate_lab

    lab = Lab.objects.get(pk=lab_id)
    return generate_lab(lab).generation
