"""Applying, following one's applications, the badge and the nominator's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.accounts.models import Profile
from crossborder.audit.models import record_view

from .. import badges, services
from ..forms import ApplicationForm
from ..models import Application, ApplicationFile
from .common import call_of

S = Application.Status


def _own_application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call__seminar", "user"), pk=pk
    )
    if not access.owns_application(request.user, application):
        raise Http404  # someone else's application does not exist for you
    return application


@login_required
def apply(request, slug):
    call = call_of(slug)
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
                # a new file replaces the old one, in storage too
                ApplicationFile.objects.filter(
                    application=application, question=question
                ).delete_with_files()
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
        {
            "call": call,
            "seminar": seminar,
            "form": form,
            "problem": problem,
            "application": application,
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_applications(request):
    from crossborder.evaluation.knowledge.services import tests_due

    applications = list(
        Application.objects.filter(user=request.user)
        .select_related("call__seminar")
        .prefetch_related("call__questions", "files")
        .order_by("-created_at")
    )
    due = tests_due(request.user)  # knowledge tests open to the person: "Pre-test due by …"
    for application in applications:
        application.knowledge_due = [
            d for d in due if d.test.seminar_id == application.call.seminar_id
        ]
        # what the person sent, once sent (a draft is still open in the form)
        sent = application.status != S.DRAFT
        application.rows = application.answered_questions() if sent else None
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


@login_required
def application_file(request, pk, file_id):
    """A document uploaded with an application, as a download (never shown inline), to its
    author and programme staff; staff downloads are written to the audit trail."""
    upload = get_object_or_404(
        ApplicationFile.objects.select_related("application"), pk=file_id, application_id=pk
    )
    if not access.can_read_application(request.user, upload.application):
        raise Http404  # someone else's document does not exist for you
    try:
        stored = upload.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("This document is no longer stored.")) from missing
    if not access.owns_application(request.user, upload.application):
        record_view(actor=request.user, obj=upload.application, what="application.document")
    return FileResponse(stored, as_attachment=True, filename=upload.original_name)


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
    response = HttpResponse(
        badges.badge_pdf(application, request=request),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="badge-{application.badge_code}.pdf"'},
    )
    if access.can_keep_offline_copy(request.user, application):
        from crossborder.seminars.seminar_day import allow_offline_copy

        allow_offline_copy(response)  # the phone's service worker may keep it for check-in
    return response
