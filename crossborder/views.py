"""Pages of the shell: landing page, personal dashboard, health check, error pages."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from crossborder import access
from crossborder.accounts.models import Profile
from crossborder.audit.models import AuditEntry, record_list_view
from crossborder.enrolment.models import Application, Call
from crossborder.seminars.models import Seminar


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "home.html")


@login_required
def dashboard(request):
    """One page per person, its content chosen by role. Every list a card shows is in the
    context (None where the card is not for this role)."""
    user = request.user
    staff = access.can_manage_enrolment(user)  # sees open calls instead of own applications
    applications = [] if staff else list(Application.objects.of_person(user)[:5])
    open_calls = Call.objects.open().filter(seminar=OuterRef("pk"))
    upcoming = Seminar.objects.upcoming().annotate(call_open=Exists(open_calls))
    context = {
        "profile": Profile.objects.filter(user=user).first(),
        "role": user.effective_role_label,
        "applications": applications,
        "applied": {a.call.seminar_id for a in applications},
        "upcoming": list(upcoming[:5]),
        "open_calls": None,
        "totals": None,
        "awaiting_vetting": None,
        "recent_audit": None,
        "essays_to_grade": None,
    }
    if access.can_use_grading_queue(user):
        from crossborder.learning.grading_views import essays_awaiting

        context["essays_to_grade"] = essays_awaiting(user)
    if access.can_see_aggregates(user):
        context["totals"] = Profile.objects.totals()
    if staff:
        context["open_calls"] = list(
            Call.objects.open()
            .select_related("seminar")
            .annotate(
                submitted=Count(
                    "applications", filter=~Q(applications__status=Application.Status.DRAFT)
                )
            )
            .order_by("closes_at")
        )
    if access.is_programme_staff(user):
        waiting = Profile.objects.awaiting_vetting().order_by("user__last_name")
        context["awaiting_vetting"] = list(waiting[:8])
        record_list_view(actor=user, objects=context["awaiting_vetting"], what="awaiting_vetting")
        context["awaiting_vetting_count"] = waiting.count()
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


def bare(request):
    """The benchmark's reference: the cheapest response Django can give (bench only)."""
    return HttpResponse(b"ok", content_type="text/plain")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
