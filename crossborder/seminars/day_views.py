"""The seminar day in the pocket: the "now" view (its data is built in seminar_day.py)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from crossborder import access

from . import seminar_day
from .models import Seminar


@login_required
def seminar_now(request, slug):
    """The seminar day in the pocket (the short address printed on the badge): the current and
    next sessions, my workshop group, my badge QR and what is open for me. A fixed number of
    queries."""
    from crossborder.enrolment.models import Application

    seminar = get_object_or_404(Seminar.objects.select_related("venue"), slug=slug)
    application = (
        Application.objects.filter(user=request.user, call__seminar=seminar)
        .select_related("call")
        .first()
    )
    seated = access.holds_pocket_seat(request.user, application)
    speaks = not seated and access.sees_speaker_cards(request.user)
    speaks = speaks and seminar_day.speaks_at(request.user, seminar)
    if not access.can_see_seminar_now(
        request.user, seminar, application=application, speaks=speaks
    ):
        raise PermissionDenied
    offline = access.can_keep_offline_copy(request.user, application)
    qr = ""
    if seated:
        from crossborder.enrolment.badges import qr_svg

        qr = qr_svg(application.badge_code)
    response = render(
        request,
        "seminars/now.html",
        {
            "seminar": seminar,
            "day": seminar_day.seminar_now(
                seminar, request.user, application=application if seated else None, leads=speaks
            ),
            "application": application if seated else None,
            "qr": qr,
            "offline": offline,
            "generated_at": timezone.now(),
        },
    )
    return seminar_day.allow_offline_copy(response) if offline else response
