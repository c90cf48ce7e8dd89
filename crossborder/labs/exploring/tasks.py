"""Background work of the lab's exploration, run by the task worker (`manage.py db_worker`)."""

from django.tasks import task


@task
def lay_out_lab_graph(lab_id: int) -> float:
    """Lay out the whole graph of a generated lab (the generation task enqueues this)."""
    from ..models import Lab
    from .layout import lay_out

    return lay_out(Lab.objects.get(pk=lab_id))
