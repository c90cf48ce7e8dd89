"""The programme manager's enrolment pages: the call, applications, selection, waiting list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_countries.fields import Country

from crossborder import access
from crossborder.audit.models import record_list_view, record_view
from crossborder.seminars.models import Seminar

from .. import exports, services
from ..call_forms import CallForm, QuestionFormSet
from ..forms import TargetsForm
from ..models import Application, ApplicationFile, Call, SelectionRun
from .common import staff_call

S = Application.Status
BEGUN = gettext_lazy("The seminar has begun: free places are no longer offered.")


@login_required
def manage_call(request, slug):
    if not access.can_manage_enrolment(request.user):
        raise PermissionDenied
    seminar = get_object_or_404(Seminar, slug=slug)
    call = Call.objects.filter(seminar=seminar).first() or Call(seminar=seminar)
    form = CallForm(request.POST or None, instance=call)
    questions = QuestionFormSet(
        request.POST or None,
        instance=call,
        prefix="q",
        form_kwargs={"given": call.answers_given()},
    )
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
            "documents": _documents(call, status).count(),
            "status": status,
            "counts": [(value, label, counts.get(value, 0)) for value, label in S.choices],
            "free": services.free_seats(call),
        },
    )


@login_required
def manage_application(request, slug, application_id):
    """One application as the course director reads it: the applicant's facts, motivation,
    answers and documents. Every view is written to the audit trail."""
    call = staff_call(request, slug)
    application = get_object_or_404(
        Application.objects.select_related("user", "call").prefetch_related(
            "files", "call__questions"
        ),
        pk=application_id,
        call=call,
    )
    record_view(actor=request.user, obj=application, what="application")
    return render(
        request,
        "enrolment/manage/application.html",
        {
            "seminar": call.seminar,
            "application": application,
            "rows": application.answered_questions(),
            "country": Country(application.country) if application.country else None,
        },
    )


def _documents(call, status):
    """The documents of the call's applications, drafts left out (not yet sent), of one
    status if `status` is one."""
    files = ApplicationFile.objects.filter(application__call=call).exclude(
        application__status=S.DRAFT
    )
    return files.filter(application__status=status) if status in S.values else files


@login_required
def application_documents(request, slug):
    """The documents of the applications in the list (its status filter kept) as one ZIP,
    a folder per applicant; the download is written to the audit trail with whose they are."""
    call = staff_call(request, slug)
    status = request.GET.get("status", "")
    status = status if status in S.values else ""
    files = (
        _documents(call, status)
        .select_related("application__user")
        .order_by(
            "application__user__last_name", "application__user__first_name", "application", "pk"
        )
    )
    files = list(files)
    if not files:
        messages.info(request, _("No documents were uploaded with these applications."))
        listed = reverse("manage-applications", args=[slug])
        return redirect(f"{listed}?status={status}" if status else listed)
    archive, count = exports.documents_zip(files)
    applications = list({upload.application_id: upload.application for upload in files}.values())
    record_list_view(
        actor=request.user,
        objects=applications,
        what="application.documents",
        details={"status": status, "documents": count},
    )
    return FileResponse(archive, as_attachment=True, filename=f"documents-{slug}.zip")


@login_required
def manage_selection(request, slug):
    call = staff_call(request, slug)
    run = call.selection_runs.filter(status=SelectionRun.Status.DONE).first()
    form = TargetsForm(
        request.POST or None,
        initial=TargetsForm.initial_from(run.targets if run else None, call.seminar.capacity),
    )
    if request.method == "POST" and form.is_valid():
        try:
            started = services.start_selection(call=call, targets=form.targets(), by=request.user)
        except services.EnrolmentError as error:
            messages.error(request, str(error))
            return redirect("manage-selection", slug=slug)
        return redirect("selection-run", slug=slug, run_id=started.pk)
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
            "pending": call.selection_runs.filter(status__in=PENDING).first(),
        },
        status=400 if form.errors else 200,
    )


PENDING = (SelectionRun.Status.QUEUED, SelectionRun.Status.RUNNING)


@login_required
def selection_run(request, slug, run_id):
    """Where a selection run stands; htmx polls the status fragment until it is finished."""
    call = staff_call(request, slug)
    run = get_object_or_404(SelectionRun, pk=run_id, call=call)
    template = "enrolment/manage/selection_run.html"
    if request.headers.get("HX-Request"):
        template += "#run-status"
    return render(
        request,
        template,
        {
            "call": call,
            "seminar": call.seminar,
            "run": run,
            "pending": run.pending and not run.stuck,  # poll while it may still finish
        },
    )


@login_required
@require_POST
def manage_override(request, slug, run_id):
    call = staff_call(request, slug)
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
    call = staff_call(request, slug)
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
    call = staff_call(request, slug)
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
                if call.seminar.has_begun():
                    raise services.EnrolmentError(BEGUN)
                offered = services.offer_free_seats(call=call, by=request.user)
                n = len(offered)
                messages.success(
                    request,
                    ngettext("%(n)s place offered.", "%(n)s places offered.", n) % {"n": n},
                )
            elif action == "expire":
                n = services.expire_offers(call=call)
                messages.success(
                    request,
                    ngettext("%(n)s overdue offer expired.", "%(n)s overdue offers expired.", n)
                    % {"n": n},
                )
        except (services.EnrolmentError, ValueError) as error:
            messages.error(request, str(error))
        return redirect("manage-waiting-list", slug=slug)
    # Viewing changes nothing: lapsed offers are shown as lapsed until the scheduler's task
    # (or the "Expire overdue offers" button) expires them and offers their seats.
    return render(
        request,
        "enrolment/manage/waiting_list.html",
        {
            "call": call,
            "seminar": call.seminar,
            "waiting": call.applications.waiting().select_related("user"),
            "offers": call.applications.filter(status=S.SELECTED).select_related("user"),
            "free": services.free_seats(call),
            "begun": BEGUN if call.seminar.has_begun() else "",
        },
    )
