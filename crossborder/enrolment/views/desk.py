"""The participants at the seminar: lists and exports, the check-in desk, attendance per
session, and importing applications from a spreadsheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossborder.accounts.models import Profession
from crossborder.audit.models import record_list_view
from crossborder.uploads import Accept, upload_preview_confirm

from .. import exports, importing, services
from .common import participants_of, staff_call


@login_required
def export_participants(request, slug, fmt):
    """Participant list as CSV, XLSX or a printable page."""
    call = staff_call(request, slug)
    participants = participants_of(call)
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
    call = staff_call(request, slug)
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
    participants = participants_of(call)
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
            "expected": participants_of(call).count(),
        },
    )


@login_required
def attendance_sheet(request, slug, session_id):
    """Tick who attended one session; feeds certificates and reports."""
    call = staff_call(request, slug)
    session = get_object_or_404(call.seminar.sessions, pk=session_id)
    participants = list(participants_of(call))
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
APPLICATIONS_UPLOAD = Accept(
    choose=gettext_lazy("Choose a CSV or XLSX file."),
    max_bytes=5 * 1024 * 1024,
    too_large=gettext_lazy("The file is larger than 5 MB."),
    suffixes=(".csv", ".xlsx", ".txt"),
    wrong_type=gettext_lazy("Only CSV and XLSX files can be imported."),
)


@login_required
def manage_import(request, slug):
    """Upload → preview (errors, warnings, duplicates with choices) → confirm. Nothing is
    stored before confirming; the choices made in the preview come with the confirmation."""
    call = staff_call(request, slug)

    def parse(name, content):
        rows, notices = importing.parse(name, content, call=call)
        return (rows, notices), [r.as_kept() for r in rows if r.kept]

    step = upload_preview_confirm(
        request,
        key=IMPORT_SESSION_KEY,
        owner=call.pk,
        accept=APPLICATIONS_UPLOAD,
        parse=parse,
        store=lambda rows: importing.import_rows(
            call=call, rows=rows, choices=request.POST, by=request.user
        ),
        errors=(importing.ImportFileError,),
    )
    if step.stage == "stale":
        messages.error(request, _("This preview is no longer valid; upload the file again."))
        return redirect("manage-import", slug=slug)
    if step.stage == "done":
        messages.success(
            request,
            _(
                "Imported: %(applications)s new applications, %(people)s new people, "
                "%(updated)s applications updated."
            )
            % step.result,
        )
        if step.result["left_out"]:
            messages.warning(
                request,
                _("Left out because no profession was chosen: lines %(left_out_lines)s.")
                % step.result,
            )
        return redirect("manage-applications", slug=slug)
    context = {"seminar": call.seminar, "error": step.error}
    if step.stage == "preview":
        rows, notices = step.preview
        context.update(
            rows=rows,
            notices=notices,
            token=step.token,
            errors=[r for r in rows if not r.ok],
            duplicates=[r for r in rows if r.ok and r.duplicate],
            warnings=[r for r in rows if r.ok and r.warnings],
            # Rows with conflicting values are shown with their choice, under duplicates.
            kept=[r for r in rows if r.kept and not r.conflict_with],
            valid=sum(1 for r in rows if r.kept and not r.conflict_with),
            can_confirm=any(r.kept for r in rows),
            invalid=sum(1 for r in rows if not r.ok),
            professions=Profession.choices,
        )
    return render(request, "enrolment/manage/import.html", context, status=step.status)
