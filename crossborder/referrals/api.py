"""/api/v1/referrals/: the published referral profiles, filtered as on the search page."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from crossborder import access

from .views import read_filters, search_page

router = Router(tags=["referrals"])


class Message(Schema):
    detail: str


class ReferralOut(Schema):
    id: str
    name: str
    country: str
    regions: str
    services: list[str]
    languages: list[str]
    how_to_refer: str
    hours: str
    consent: str
    phone: str
    hotline: str
    email: str
    website: str
    last_reviewed: date
    url: str


class ReferralsOut(Schema):
    count: int
    page: int
    pages: int
    results: list[ReferralOut]


@router.get(
    "/referrals/",
    response={200: ReferralsOut, 403: Message, 422: Message},
    summary="Published referral profiles of support organisations",
)
def list_referrals(
    request, country: str = "", service: str = "", language: str = "", page: int = 1
):
    if not access.can_search_referrals(request.user):
        return Status(403, {"detail": _("You do not have permission to do this.")})
    filters, problems = read_filters({"country": country, "service": service, "language": language})
    if problems:
        return Status(422, {"detail": " ".join(problems)})
    if page < 1 or page > 10_000:
        return Status(422, {"detail": _("page must be between 1 and 10000.")})
    results = search_page(filters, page)
    return Status(
        200,
        {
            "count": results.paginator.count,
            "page": results.number,
            "pages": results.paginator.num_pages,
            "results": [
                {
                    "id": p.uid,
                    "name": p.name,
                    "country": p.country.code,
                    "regions": p.regions,
                    "services": sorted(o.service for o in p.offers.all()),
                    "languages": sorted(x.code for x in p.languages.all()),
                    "how_to_refer": p.how_to_refer,
                    "hours": p.hours,
                    "consent": p.consent,
                    "phone": p.phone,
                    "hotline": p.hotline,
                    "email": p.email,
                    "website": p.website,
                    "last_reviewed": p.last_reviewed,
                    "url": request.build_absolute_uri(p.get_absolute_url()),
                }
                for p in results.object_list
            ],
        },
    )
