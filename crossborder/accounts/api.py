"""/api/v1/me and /api/v1/people: the caller's account, and practitioners for programme staff."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from crossborder import access
from crossborder.audit.models import record_list_view

from .models import Profession, Profile

router = Router(tags=["people"])


class ProfileOut(Schema):
    profession: str
    profession_label: str
    country: str
    country_name: str
    eu_member: bool
    organisation: str
    job_title: str
    working_languages: list[str]
    vetting: str


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    role: str
    role_label: str
    profile: ProfileOut | None


class ErrorOut(Schema):
    detail: str


@router.get("/me", response=MeOut, summary="The caller's account, role and profile")
def me(request):
    user = request.user
    profile = Profile.objects.filter(user=user).first()
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.effective_role,
        "role_label": user.effective_role_label,
        "profile": None
        if profile is None
        else {
            "profession": profile.profession,
            "profession_label": str(profile.get_profession_display()),
            "country": profile.country.code,
            "country_name": str(profile.country.name),
            "eu_member": profile.is_eu,
            "organisation": profile.organisation,
            "job_title": profile.job_title,
            "working_languages": profile.working_languages,
            "vetting": profile.vetting,
        },
    }


class PersonOut(Schema):
    id: int = Field(alias="user_id")
    first_name: str = Field(alias="user.first_name")
    last_name: str = Field(alias="user.last_name")
    email: str = Field(alias="user.email")
    profession: str
    country: str
    organisation: str
    vetting: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code


class PeoplePage(Schema):
    count: int
    page: int
    pages: int
    items: list[PersonOut]


@router.get(
    "/people",
    response={200: PeoplePage, 403: ErrorOut, 404: ErrorOut},
    summary="Practitioners (programme staff only); every call is written to the audit trail",
)
def people(
    request,
    profession: Profession | None = None,
    country: str | None = Query(None, pattern="^[A-Za-z]{2}$"),
    page: int = Query(1, ge=1),
):
    if not access.can_list_people(request.user):
        raise PermissionDenied
    qs = (
        Profile.objects.listed()
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "id")
    )
    if profession:
        qs = qs.filter(profession=profession)
    if country:
        qs = qs.filter(country=country.upper())
    paginator = Paginator(qs, 50)
    if page > paginator.num_pages:
        return Status(404, {"detail": _("There is no page %(page)s.") % {"page": page}})
    items = list(paginator.page(page).object_list)
    record_list_view(
        actor=request.user,
        objects=items,
        what="people.api",
        details={"filters": {"profession": profession, "country": country}, "page": page},
    )
    return {"count": paginator.count, "page": page, "pages": paginator.num_pages, "items": items}
