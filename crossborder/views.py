"""Pages of the shell: landing page, personal dashboard, health check, error pages."""

import functools
import posixpath
import sys
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from crossborder import access
from crossborder.accounts.models import Profile
from crossborder.audit.models import AuditEntry, record_list_view
from crossborder.dashboards.learner import learner_cards
from crossborder.dashboards.programme import current_programme, programme_cards, trained_totals
from crossborder.dashboards.speaker import speaker_cards
from crossborder.enrolment.models import Call
from crossborder.seminars.models import Seminar


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "home.html")


@login_required
def dashboard(request):
    """The landing page after sign-in: the cards that fit the person's role (access.py decides
    which). Every list a card shows is in the context, None where the card is not for this role.
    The query count is fixed per role, however much data there is."""
    user = request.user
    profile = Profile.objects.filter(user=user).first()
    open_calls = Call.objects.open().filter(seminar=OuterRef("pk"))
    upcoming = Seminar.objects.upcoming().annotate(call_open=Exists(open_calls))
    context = {
        "profile": profile,
        "role": user.effective_role_label,
        "upcoming": list(upcoming[:5]),
        "applied": set(),
        # the participant's cards
        "applications": None,
        "to_do": None,
        "my_seminars": None,
        "my_modules": None,
        "suggested_modules": None,
        "my_groups": None,  # workshop groups (crossborder/workshops/allocation/board.py)
        "now_seminars": None,  # seminars under way: their "now" view (seminars/seminar_day.py)
        # programme staff's cards
        "open_calls": None,
        "attention": None,
        "seats": None,
        "awaiting_vetting": None,
        "recent_audit": None,
        # the trainer's cards
        "speaker": None,
        "my_sessions": None,
        "authored_modules": None,
        "session_feedback": None,
        "led_groups": None,
        "essays_to_grade": None,
        # anonymous totals of practitioners trained (funder and programme staff)
        "trained": None,
        # the indicator dashboard (crossborder/evaluation/reports): the funder's card links to it
        "indicators_url": reverse("indicators") if access.can_view_indicators(user) else None,
        # the practitioner network (crossborder/network/): requests waiting, open abuse reports
        "network_requests": None,
        "network_reports": None,
    }
    if access.can_open_network(user):
        from crossborder.network.models import AbuseReport, ContactRequest

        if access.can_moderate_network(user):
            context["network_reports"] = AbuseReport.objects.filter(status="open").count()
        else:
            context["network_requests"] = ContactRequest.objects.pending_for(user).count()
    if access.sees_learner_cards(user):
        context.update(learner_cards(user, profile))
        context["applied"] = {a.call.seminar_id for a in context["applications"]}
    if access.sees_speaker_cards(user):
        context.update(speaker_cards(user))
    if access.can_use_grading_queue(user):
        from crossborder.learning.grading_views import essays_awaiting

        context["essays_to_grade"] = essays_awaiting(user)
    if access.can_see_aggregates(user):
        context["trained"] = trained_totals(
            current_programme(), suppress=not access.can_see_small_cells(user)
        )
    if access.is_programme_staff(user):
        waiting = Profile.objects.awaiting_vetting().order_by("user__last_name")
        context["awaiting_vetting"] = list(waiting[:8])
        record_list_view(actor=user, objects=context["awaiting_vetting"], what="awaiting_vetting")
        context["awaiting_vetting_count"] = waiting.count()
    if access.sees_programme_attention(user):
        context.update(programme_cards(user, vetting=context["awaiting_vetting_count"]))
    if access.can_read_audit(user):
        context["recent_audit"] = AuditEntry.objects.all()[:8]
    return render(request, "dashboard.html", context)


def healthz(request):
    """For load balancers: 200 when the database answers a round-trip."""
    try:
        with connection.cursor() as cursor:
            # The smallest round trip that proves the database answers; no model to ask.
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def manifest(request):
    """The web app manifest: the platform installed on a phone opens on the dashboard."""
    from django.templatetags.static import static
    from django.utils.translation import gettext as _

    data = {
        "name": "Crossborder",
        "short_name": "Crossborder",
        "description": _(
            "Training practitioners across the EU to counter trafficking in human beings."
        ),
        "start_url": reverse("dashboard"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1e3a8a",
        "icons": [
            {"src": static("crossborder/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {
                "src": static("crossborder/favicon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@functools.cache
def _service_worker_source() -> bytes:
    from django.contrib.staticfiles import finders

    return Path(finders.find("crossborder/sw.js")).read_bytes()


def service_worker(request):
    """The service worker from the site root, so that its scope may be the whole site (a script
    under /static/ could only control /static/). Always revalidated: a new version takes over
    on the next visit."""
    return HttpResponse(
        _service_worker_source(),
        content_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


def bare(request):
    """The benchmark's reference: the cheapest response Django can give (bench only)."""
    return HttpResponse(b"ok", content_type="text/plain")


# Uploads anyone may see: the images of lessons and questions and the speakers' photos.
# Everything else under MEDIA_ROOT (application documents, certificates, funder reports) is
# private: only views that check permissions stream it, and no web server serves it
# (docs/deploy.md).
PUBLIC_MEDIA = ("lessons/", "questions/", "speakers/")


def public_media(request, path):
    """The public uploads, when Django serves them itself (the demo: SERVE_MEDIA)."""
    from django.conf import settings
    from django.http import Http404
    from django.views.static import serve

    if not posixpath.normpath(path).lstrip("/").startswith(PUBLIC_MEDIA):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """Django calls this inside its handler of the uncaught exception, so `sys.exception()` is
    that exception. A database that does not answer (restarting, failing over, out of
    connections) is a 503 with a page that says so and when to try again; the load balancer
    sees the same from /healthz."""
    if isinstance(sys.exception(), (OperationalError, InterfaceError)):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return render(request, "500.html", status=500)
