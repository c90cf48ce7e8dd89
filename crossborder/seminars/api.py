"""/api/v1/seminars: the public programme, and staff-only create/update through the same forms."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access
from crossborder.api import OPTIONAL_AUTH

from . import services
from .forms import SeminarForm, SessionForm
from .models import Seminar, Session

router = Router(tags=["seminars"])


class SeminarOut(Schema):
    slug: str
    title: str
    title_local: str
    city: str
    country: str
    start_date: date
    end_date: date
    time_zone: str
    status: str
    capacity: int
    working_languages: list[str]
    url: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class SpeakerOut(Schema):
    slug: str
    name: str
    function: str
    organisation: str
    country: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code


class SessionOut(Schema):
    id: int
    title: str
    title_local: str
    kind: str
    start: datetime
    end: datetime
    room: str
    track: str
    speakers: list[str]
    chair: str | None
    tags: list[str]
    objectives: str

    @staticmethod
    def resolve_speakers(obj):
        return [s.slug for s in obj.speakers.all()]

    @staticmethod
    def resolve_chair(obj):
        return obj.chair.slug if obj.chair else None

    @staticmethod
    def resolve_tags(obj):
        return [t.code for t in obj.tags.all()]


class SeminarDetailOut(SeminarOut):
    description: str
    interpretation: str
    sessions: list[SessionOut]
    speakers: list[SpeakerOut]

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())

    @staticmethod
    def resolve_speakers(obj):
        found = {}
        for session in obj.sessions.all():
            for speaker in [*session.speakers.all(), *([session.chair] if session.chair else [])]:
                found[speaker.slug] = speaker
        return sorted(found.values(), key=lambda s: s.name)


class SeminarIn(Schema):
    """Fields of the seminar form; on PATCH, only the ones to change."""

    title: str | None = None
    title_fr: str | None = None
    title_de: str | None = None
    slug: str | None = None
    programme: int | None = None
    city: str | None = None
    country: str | None = None
    venue: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    time_zone: str | None = None
    capacity: int | None = None
    working_languages: list[str] | None = None
    interpretation: str | None = None
    description: str | None = None
    description_fr: str | None = None
    description_de: str | None = None
    tags: list[int] | None = None


class SessionIn(Schema):
    title: str
    kind: str
    day: date
    start_time: str
    end_time: str
    room: str = ""
    track: str = ""
    speakers: list[int] = []
    chair: int | None = None
    tags: list[int] = []
    objectives: str = ""
    description: str = ""


class Errors(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _visible(request):
    if access.can_manage_programme(request.user):
        return Seminar.objects.all()
    return Seminar.objects.public()


def _form_errors(form) -> dict:
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


@router.get(
    "/seminars", response=list[SeminarOut], auth=OPTIONAL_AUTH, summary="Seminars of the programme"
)
def list_seminars(request):
    return list(_visible(request).order_by("start_date"))


@router.get(
    "/seminars/{slug}",
    response={200: SeminarDetailOut, 404: Errors},
    auth=OPTIONAL_AUTH,
    summary="One seminar with its sessions and speakers",
)
def get_seminar(request, slug: str):
    sessions = Session.objects.select_related("chair").prefetch_related("speakers", "tags")
    queryset = _visible(request).prefetch_related(Prefetch("sessions", queryset=sessions))
    return get_object_or_404(queryset, slug=slug)


@router.post(
    "/seminars",
    response={201: SeminarDetailOut, 403: Errors, 422: Errors},
    summary="Create a seminar (programme staff)",
)
def create_seminar(request, payload: SeminarIn):
    if not access.can_manage_programme(request.user):
        raise PermissionDenied
    form = SeminarForm(payload.dict(exclude_none=True))
    if not form.is_valid():
        return Status(
            422, {"detail": _("The seminar was not saved."), "errors": _form_errors(form)}
        )
    return Status(201, services.save_seminar(form=form, by=request.user))


@router.patch(
    "/seminars/{slug}",
    response={200: SeminarDetailOut, 403: Errors, 404: Errors, 422: Errors},
    summary="Change a seminar (programme staff)",
)
def update_seminar(request, slug: str, payload: SeminarIn):
    if not access.can_manage_programme(request.user):
        raise PermissionDenied
    seminar = get_object_or_404(Seminar, slug=slug)
    current = model_to_dict(seminar, fields=SeminarForm.Meta.fields)
    current["tags"] = [t.pk for t in current.get("tags", [])]
    form = SeminarForm({**current, **payload.dict(exclude_unset=True)}, instance=seminar)
    if not form.is_valid():
        return Status(
            422, {"detail": _("The seminar was not saved."), "errors": _form_errors(form)}
        )
    return Status(200, services.save_seminar(form=form, by=request.user))


@router.post(
    "/seminars/{slug}/sessions",
    response={201: SessionOut, 403: Errors, 404: Errors, 422: Errors},
    summary="Add a session to a seminar's timetable (programme staff)",
)
def create_session(request, slug: str, payload: SessionIn):
    if not access.can_manage_programme(request.user):
        raise PermissionDenied
    seminar = get_object_or_404(Seminar, slug=slug)
    data = payload.dict()
    data["day"] = data["day"].isoformat()
    form = SessionForm(data, seminar=seminar)
    if not form.is_valid():
        return Status(
            422, {"detail": _("The session was not saved."), "errors": _form_errors(form)}
        )
    return Status(201, services.save_session(form=form, by=request.user))
