"""`{% run_panel %}`: the RUN part of the lab overview (crossborder/labs/running/), which reads
the group's flags and score itself so that the overview view stays as it is."""

from django import template

from crossborder.labs.models import Entity
from crossborder.labs.redflags import Category
from crossborder.labs.running.panel import participant_context

register = template.Library()


@register.inclusion_tag("labs/running/_panel.html", takes_context=True)
def run_panel(context, lab, group, runs_it):
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "lab": lab,
        "group": group,
        "runs_it": runs_it,
        **participant_context(request.user, lab, group),
    }


@register.filter
def percent(value):
    """A ratio (0-1) as a whole percent, or an en dash when there is nothing to divide by."""
    if value is None or value == "":
        return "–"
    return f"{round(float(value) * 100)} %"


@register.filter
def category_labels(values):
    """Red-flag category values as their labels, comma-separated (an en dash for none)."""
    labels = dict(Category.choices)
    return ", ".join(str(labels.get(v, v)) for v in values or []) or "–"


@register.filter
def kind_label(value):
    return dict(Entity.Kind.choices).get(value, value)
