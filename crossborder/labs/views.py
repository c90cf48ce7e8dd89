"""The lab's overview page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from crossborder import access

from .models import Entity, Lab


def lab_for(request, pk):
    """The lab and the person's group in it, or 403/404 (views of every part use this)."""
    lab = get_object_or_404(
        Lab.objects.select_related("workshop__seminar", "module", "lead"), pk=pk
    )
    group = access.lab_group(request.user, lab)
    if not access.can_view_lab(request.user, lab, group):
        raise PermissionDenied
    return lab, group


@login_required
def lab(request, pk):
    lab, group = lab_for(request, pk)
    counts = dict(lab.entities.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    kinds = [(kind, label, counts.get(kind, 0)) for kind, label in Entity.Kind.choices]
    return render(
        request,
        "labs/lab.html",
        {
            "lab": lab,
            "group": group,
            "kinds": kinds,
            "transactions": lab.transactions.count(),
            "runs_it": access.can_run_lab(request.user, lab),
        },
    )
