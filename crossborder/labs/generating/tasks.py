"""Background work of the lab generator, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def generate_lab_task(lab_id: int) -> str:
    """Generate and store one lab's dataset; the status page follows its progress."""
    from ..exploring.tasks import lay_out_lab_graph
    from ..models import Lab
    from .storing import generate_lab

    lab = generate_lab(Lab.objects.get(pk=lab_id))
    if lab.generation == Lab.Generation.DONE:
        # The whole graph's positions, so that the browser need not lay out 1,500 entities.
        lay_out_lab_graph.enqueue(lab.pk)
    return lab.generation
