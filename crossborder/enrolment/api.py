"""/api/v1 endpoints for applications and seats."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.api import OPTIONAL_AUTH

from . import services
from .models import Application, Call

router = Router(tags=["enrolment"])
S = Application.Status


class ApplicationOut(Schema):
    id: int
    status: str
    first_name: str
    last_name: str
    email: str
    profession: str
    country: str
    organisation: str
    submitted_at: datetime | None
    confirm_by: datetime | None
    waitlist_rank: int | None

    @staticmethod
    def resolve_first_name(obj):
        return obj.user.first_name

    @staticmethod
    def resolve_last_name(obj):
        return obj.user.last_name

    @staticmethod
    def resolve_email(obj):
        return obj.user.email


class SeatsOut(Schema):
    capacity: int
    confirmed: int
    offered: int
    waitlisted: int
    free: int


class Message(Schema):
    detail: str


@router.get(
    "/seminars/{slug}/applications",
    response={200: list[ApplicationOut], 403: Message, 404: Message},
    summary="All applications to a seminar (programme staff)",
)
def list_applications(request, slug: str, status: str | None = None):
    if not access.can_manage_enrolment(request.user):
        raise PermissionDenied
    call = get_object_or_404(Call, seminar__slug=slug)
    applications = call.applications.select_related("user").order_by("submitted_at", "pk")
    if status:
        applications = applications.filter(status=status)
    return list(applications)


@router.get(
    "/seminars/{slug}/seats",
    response={200: SeatsOut, 404: Message},
    auth=OPTIONAL_AUTH,
    summary="Capacity and how the seats are taken",
)
def seats(request, slug: str):
    call = get_object_or_404(Call.objects.select_related("seminar"), seminar__slug=slug)
    if not access.can_view_seminar(request.user, call.seminar):
        return Status(404, {"detail": _("No such seminar.")})
    counts = {
        "confirmed": call.applications.holding_seats().count(),
        "offered": call.applications.filter(status=S.SELECTED).count(),
        "waitlisted": call.applications.filter(status=S.WAITLISTED).count(),
    }
    return {"capacity": call.seminar.capacity, **counts, "free": services.free_seats(call)}


@router.post(
    "/applications/{application_id}/confirm",
    response={200: ApplicationOut, 404: Message, 409: Message},
    summary="Confirm your place (the applicant only)",
)
def confirm(request, application_id: int):
    application = (
        Application.objects.select_related("user", "call").filter(pk=application_id).first()
    )
    if application is None or not access.owns_application(request.user, application):
        return Status(404, {"detail": _("No such application.")})
    try:
        application = services.confirm_seat(application=application, by=request.user)
    except services.EnrolmentError as error:
        return Status(409, {"detail": str(error)})
    return Status(200, application)
