"""Applying, following one's applications, and the manager's enrolment pages."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.accounts.models import Profile
from crossborder.audit.models import record_list_view
from crossborder.seminars.models import Seminar

from . import badges, exports, importing, services
from .forms import ApplicationForm, CallForm, QuestionFormSet, TargetsForm
from .models import Application, ApplicationFile, Call, SelectionRun

S = Application.Status


def _call_of(slug) -> Call:
    return get_object_or_404(Call.objects.select_related("seminar"), seminar__slug=slug)


def _own_application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call__seminar", "user"), pk=pk
    )
    if not access.owns_application(request.user, application):
        raise Http404  # someone else's application does not exist for you
    return application


@login_required
def apply(request, slug):
    call = _call_of(slug)
    seminar = call.seminar
    if not seminar.is_public:
        raise Http404
    application = Application.objects.filter(call=call, user=request.user).first()
    if application and application.status != S.DRAFT:
        messages.info(request, _("You have already applied to this seminar."))
        return redirect("my-applications")
    problem = call.eligibility_problem(Profile.objects.filter(user=request.user).first())
    form = ApplicationForm(
        request.POST or None, request.FILES or None, call=call, application=application
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            application = application or Application(call=call, user=request.user)
            application.motivation = form.cleaned_data.get("motivation", "")
            application.nominator_email = form.cleaned_data.get("nominator_email", "") or ""
            application.answers = form.answers()
            application.save()
            for question, upload in form.uploads():
                ApplicationFile.objects.filter(application=application, question=question).delete()
                ApplicationFile.objects.create(
                    application=application,
                    question=question,
                    file=upload,
                    original_name=upload.name[:200],
                )
        if "submit" in request.POST:
            try:
                services.submit_application(application=application, by=request.user)
            except services.EnrolmentError as error:
                messages.error(request, str(error))
                return redirect("apply", slug=slug)
            messages.success(request, _("Your application has been sent."))
            return redirect("my-applications")
        messages.success(request, _("Draft saved. You can finish it until the call closes."))
        return redirect("apply", slug=slug)
    return render(
        request,
        "enrolment/apply.html",
        {"call": call, "seminar": seminar, "form": form, "problem": problem,
         "application": application},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def my_applications(request):
    applications = (
        Application.objects.filter(user=request.user)
        .select_related("call__seminar")
        .order_by("-created_at")
    )
    return render(request, "enrolment/my_applications.html", {"applications": applications})


def _act(request, pk, action, done_message):
    application = _own_application(request, pk)
    try:
        action(application=application, by=request.user)
    except services.EnrolmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect("my-applications")


@login_required
@require_POST
def confirm(request, pk):
    application = _own_application(request, pk)
    try:
        application = services.confirm_seat(application=application, by=request.user)
    except services.EnrolmentError as error:
        messages.error(request, str(error))
        return redirect("my-applications")
    if application.status == S.CONFIRMED:
        messages.success(request, _("Your place is confirmed."))
    else:
        messages.warning(
            request,
            _(
                "All places were taken just before your confirmation; you are first on the waiting list."  # noqa: E501
            ),
        )
    return redirect("my-applications")


@login_required
@require_POST
def decline(request, pk):
    return _act(request, pk, services.decline_offer, _("You have declined the place."))


@login_required
@require_POST
def withdraw(request, pk):
    return _act(request, pk, services.withdraw_application, _("Your application is withdrawn."))


def nomination(request, token):
    application = (
        Application.objects.select_related("call__seminar", "user")
        .filter(nomination_token=token)
        .exclude(nomination_token="")
        .first()
    )
    if application is None:
        raise Http404
    if request.method == "POST":
        services.confirm_nomination(token=token)
        messages.success(request, _("Thank you: the nomination is confirmed."))
        return redirect("nomination", token=token)
    return render(request, "enrolment/nomination.html", {"application": application})


# --- Programme staff ------------------------------------------------------------------------


def _staff_call(request, slug) -> Call:
    if not access.can_manage_enrolment(request.user):
        raise PermissionDenied
    return _call_of(slug)


@login_required
def manage_call(request, slug):
    if not access.can_manage_enrolment(request.user):
        raise PermissionDenied
    seminar = get_object_or_404(Seminar, slug=slug)
    call = Call.objects.filter(seminar=seminar).first() or Call(seminar=seminar)
    form = CallForm(request.POST or None, instance=call)
    questions = QuestionFormSet(request.POST or None, instance=call, prefix="q")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        with transaction.atomic():
            call = form.save()
            questions.instance = call
            questions.save()
        messages.success(request, _("Call for applications saved."))
        return redirect("manage-applications", slug=slug)
    return render(
        request,
        "enrolment/manage/call.html",
        {"seminar": seminar, "form": form, "questions": questions},
        status=400 if form.errors or questions.total_error_count() else 200,
    )


@login_required
def manage_applications(request, slug):
    if not access.can_manage_enrolment(request.user):
        raise PermissionDenied
    seminar = get_object_or_404(Seminar, slug=slug)
    call = Call.objects.filter(seminar=seminar).first()
    if call is None:
        return redirect("manage-call", slug=slug)
    status = request.GET.get("status", "")
    applications = call.applications.select_related("user").order_by("submitted_at", "pk")
    if status in S.values:
        applications = applications.filter(status=status)
    counts = dict(call.applications.values_list("status").annotate(n=Count("id")))
    return render(
        request,
        "enrolment/manage/applications.html",
        {
            "seminar": seminar,
            "call": call,
            "applications": applications,
            "status": status,
            "counts": [(value, label, counts.get(value, 0)) for value, label in S.choices],
            "free": services.free_seats(call),
        },
    )


@login_required
def manage_selection(request, slug):
    call = _staff_call(request, slug)
    run = call.selection_runs.first()
    form = TargetsForm(
        request.POST or None,
        initial=TargetsForm.initial_from(run.targets if run else None, call.seminar.capacity),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.run_selection(call=call, targets=form.targets(), by=request.user)
        except services.EnrolmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Selection computed. Review it, adjust, then publish."))
        return redirect("manage-selection", slug=slug)
    rows = []
    if run:
        overrides = run.overrides or {}
        selected = set(run.result["selected"])
        people = {
            a.pk: a
            for a in call.applications.select_related("user").filter(
                pk__in=[*run.result["selected"], *run.result["waiting"]]
            )
        }
        for pk in [*run.result["selected"], *run.result["waiting"]]:
            decision = overrides.get(str(pk))
            final = decision == "select" or (pk in selected and decision != "deselect")
            rows.append(
                {
                    "application": people.get(pk),
                    "pk": pk,
                    "proposed": pk in selected,
                    "final": final,
                    "override": decision,
                    "reason": run.result["reasons"].get(str(pk), ""),
                    "priority": run.result["priorities"].get(str(pk)),
                }
            )
    return render(
        request,
        "enrolment/manage/selection.html",
        {
            "call": call,
            "seminar": call.seminar,
            "form": form,
            "run": run,
            "rows": rows,
            "final_count": sum(1 for r in rows if r["final"]),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def manage_override(request, slug, run_id):
    call = _staff_call(request, slug)
    run = get_object_or_404(SelectionRun, pk=run_id, call=call)
    try:
        services.override_decision(
            run=run,
            application_id=int(request.POST.get("application", "0") or 0),
            decision=request.POST.get("decision", ""),
            by=request.user,
        )
    except (services.EnrolmentError, ValueError) as error:
        messages.error(request, str(error))
    return redirect("manage-selection", slug=slug)


@login_required
@require_POST
def manage_publish(request, slug, run_id):
    call = _staff_call(request, slug)
    run = get_object_or_404(SelectionRun, pk=run_id, call=call)
    try:
        counts = services.publish_selection(run=run, by=request.user)
    except services.EnrolmentError as error:
        messages.error(request, str(error))
        return redirect("manage-selection", slug=slug)
    messages.success(
        request,
        _(
            "Published: %(selected)s selected, %(waitlisted)s on the waiting list, %(rejected)s not selected."  # noqa: E501
        )
        % counts,
    )
    return redirect("manage-applications", slug=slug)


@login_required
def manage_waiting_list(request, slug):
    call = _staff_call(request, slug)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("up", "down"):
                order = list(call.applications.waiting().values_list("pk", flat=True))
                pk = int(request.POST.get("application", "0") or 0)
                if pk not in order:
                    raise services.EnrolmentError(_("This person is not on the waiting list."))
                i = order.index(pk)
                j = i - 1 if action == "up" else i + 1
                if 0 <= j < len(order):
                    order[i], order[j] = order[j], order[i]
                services.reorder_waiting_list(call=call, ordered_ids=order, by=request.user)
            elif action == "offer":
                offered = services.offer_free_seats(call=call, by=request.user)
                messages.success(request, _("%(n)s place(s) offered.") % {"n": len(offered)})
            elif action == "expire":
                n = services.expire_offers(call=call)
                messages.success(request, _("%(n)s overdue offer(s) expired.") % {"n": n})
        except (services.EnrolmentError, ValueError) as error:
            messages.error(request, str(error))
        return redirect("manage-waiting-list", slug=slug)
    services.expire_offers(call=call)  # the page never shows an offer that has lapsed
    return render(
        request,
        "enrolment/manage/waiting_list.html",
        {
            "call": call,
            "seminar": call.seminar,
            "waiting": call.applications.waiting().select_related("user"),
            "offers": call.applications.filter(status=S.SELECTED).select_related("user"),
            "free": services.free_seats(call),
        },
    )


@login_required
def badge(request, pk):
    """The participant's badge: A6 PDF with name, organisation and a QR code for check-in."""
    application = get_object_or_404(
        Application.objects.select_related("call__seminar", "user"), pk=pk
    )
    if not access.can_see_badge(request.user, application):
        raise Http404
    if application.status not in Application.SEAT_STATUSES:
        messages.error(request, _("A badge is issued once the place is confirmed."))
        return redirect("my-applications")
    return HttpResponse(
        badges.badge_pdf(application, request=request),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="badge-{application.badge_code}.pdf"'},
    )


PARTICIPANT_STATUSES = (S.CONFIRMED, S.ATTENDED, S.NO_SHOW)


def _participants(call):
    return (
        call.applications.filter(status__in=PARTICIPANT_STATUSES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


@login_required
def export_participants(request, slug, fmt):
    """Participant list as CSV, XLSX or a printable page."""
    call = _staff_call(request, slug)
    participants = _participants(call)
    record_list_view(actor=request.user, objects=participants, what=f"participants.{fmt}")
    if fmt == "csv":
        return HttpResponse(
            exports.as_csv(participants),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{slug}-participants.csv"'},
        )
    if fmt == "xlsx":
        return HttpResponse(
            exports.as_xlsx(participants, title=call.seminar.slug),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{slug}-participants.xlsx"'},
        )
    return render(
        request,
        "enrolment/manage/print.html",
        {"seminar": call.seminar, "participants": participants},
    )


@login_required
def check_in_desk(request, slug):
    """Phone-friendly check-in: type or scan the badge code, or search by name."""
    call = _staff_call(request, slug)
    query = request.GET.get("q", "").strip()[:100]
    if request.method == "POST":
        code = request.POST.get("code", "").strip().upper()[:24]
        application = call.applications.filter(badge_code=code).select_related("user").first()
        if application is None:
            messages.error(
                request,
                _("No participant of this seminar has the code %(code)s.") % {"code": code or "—"},
            )
        else:
            try:
                services.check_in(application=application, by=request.user)
            except services.EnrolmentError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s is checked in.") % {"name": application.user.get_full_name()},
                )
        return redirect(f"{request.path}?q={query}" if query else request.path)
    participants = _participants(call)
    if query:
        participants = participants.filter(
            Q(user__last_name__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(organisation__icontains=query)
            | Q(badge_code__iexact=query)
        )
    arrived = call.applications.filter(checked_in_at__isnull=False).count()
    return render(
        request,
        "enrolment/manage/check_in.html",
        {
            "seminar": call.seminar,
            "participants": participants[:50],
            "query": query,
            "arrived": arrived,
            "expected": _participants(call).count(),
        },
    )


@login_required
def attendance_sheet(request, slug, session_id):
    """Tick who attended one session; feeds certificates and reports."""
    call = _staff_call(request, slug)
    session = get_object_or_404(call.seminar.sessions, pk=session_id)
    participants = list(_participants(call))
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
        services.record_session_attendance(
            session=session, participants=participants, present=present, by=request.user
        )
        messages.success(request, _("Attendance saved."))
        return redirect("attendance-sheet", slug=slug, session_id=session_id)
    marked = set(session.attendance.filter(present=True).values_list("application_id", flat=True))
    return render(
        request,
        "enrolment/manage/attendance.html",
        {
            "seminar": call.seminar,
            "session": session,
            "rows": [(p, p.pk in marked) for p in participants],
            "sessions": call.seminar.sessions.exclude(kind="break").order_by("start"),
        },
    )


IMPORT_SESSION_KEY = "enrolment-import"
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@login_required
def manage_import(request, slug):
    """Upload → preview with per-row errors → confirm. Nothing is stored before confirming."""
    call = _staff_call(request, slug)
    rows, error = None, None
    if request.method == "POST" and "confirm" in request.POST:
        pending = request.session.get(IMPORT_SESSION_KEY) or {}
        if pending.get("call") != call.pk or pending.get("token") != request.POST.get("token"):
            messages.error(request, _("This preview is no longer valid; upload the file again."))
            return redirect("manage-import", slug=slug)
        counts = importing.import_rows(call=call, rows=pending["rows"], by=request.user)
        del request.session[IMPORT_SESSION_KEY]
        messages.success(
            request,
            _("Imported: %(applications)s new applications, %(people)s new people.") % counts,
        )
        return redirect("manage-applications", slug=slug)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose a CSV or XLSX file.")
        elif upload.size > MAX_IMPORT_BYTES:
            error = _("The file is larger than 5 MB.")
        elif not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            error = _("Only CSV and XLSX files can be imported.")
        else:
            try:
                rows = importing.parse(upload.name, upload.read(), call=call)
            except importing.ImportFileError as problem:
                error = str(problem)
        if rows is not None:
            token = secrets.token_urlsafe(12)
            request.session[IMPORT_SESSION_KEY] = {
                "call": call.pk,
                "token": token,
                "rows": [r.data for r in rows if r.ok and not r.note],
            }
            return render(
                request,
                "enrolment/manage/import.html",
                {
                    "seminar": call.seminar,
                    "rows": rows,
                    "token": token,
                    "valid": sum(1 for r in rows if r.ok and not r.note),
                    "invalid": sum(1 for r in rows if not r.ok),
                },
            )
    return render(
        request,
        "enrolment/manage/import.html",
        {"seminar": call.seminar, "error": error},
        status=400 if error else 200,
    )
