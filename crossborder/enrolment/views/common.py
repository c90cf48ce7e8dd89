"""Look-ups the enrolment views share."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from crossborder import access

from ..models import Application, Call

S = Application.Status
PARTICIPANT_STATUSES = (S.CONFIRMED, S.ATTENDED, S.NO_SHOW)


def call_of(slug) -> Call:
    return get_object_or_404(Call.objects.select_related("seminar"), seminar__slug=slug)


def staff_call(request, slug) -> Call:
    """The call of a seminar, for programme staff only."""
    if not access.can_manage_enrolment(request.user):
        raise PermissionDenied
    return call_of(slug)


def participants_of(call):
    return (
        call.applications.filter(status__in=PARTICIPANT_STATUSES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
