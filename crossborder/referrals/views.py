"""Referral services: search, a profile, the NGO's editor and the managers' approval queue."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from crossborder import access
from crossborder.accounts.models import LANGUAGE_CHOICES, Profession, User

from . import services
from .forms import DecisionForm, EditorForm, ReferralProfileForm, decisions_for
from .models import ReferralProfile, Service

PER_PAGE = 20


def read_filters(params) -> tuple[dict[str, str], list[str]]:
    """The filters of a query string; an unknown value is named and ignored."""
    known = {
        "country": lambda v: v in countries,
        "service": lambda v: v in Service.values,
        "language": lambda v: v in dict(LANGUAGE_CHOICES),
    }
    names = {"country": _("country"), "service": _("service"), "language": _("language")}
    filters, problems = {}, []
    for name, is_known in known.items():
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if is_known(value.upper() if name == "country" else value):
            filters[name] = value.upper() if name == "country" else value
        else:
            problems.append(
                _("“%(value)s” is not a known %(filter)s; that filter was ignored.")
                % {"value": value[:40], "filter": names[name]}
            )
    return filters, problems


def read_page(params) -> int:
    try:
        return max(1, min(int(params.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        return 1


def search_page(filters: dict, page: int):
    """One page of published profiles matching the filters, with what a result shows."""
    profiles = (
        ReferralProfile.objects.approved()
        .matching(**filters)
        .prefetch_related("offers", "languages")
        .order_by("country", "name", "pk")
    )
    return Paginator(profiles, PER_PAGE).get_page(page)


@login_required
def search(request):
    if not access.can_search_referrals(request.user):
        raise PermissionDenied
    filters, problems = read_filters(request.GET)
    page = search_page(filters, read_page(request.GET))
    context = {
        "page": page,
        "filters": filters,
        "problems": problems,
        "query": urlencode(filters),
        "countries": list(countries),
        "services": Service.choices,
        "languages": LANGUAGE_CHOICES,
        "can_create": access.can_create_referral_profile(request.user),
        "can_approve": access.can_approve_referral_profiles(request.user),
        "waiting": ReferralProfile.objects.awaiting_decision().count()
        if access.can_approve_referral_profiles(request.user)
        else 0,
    }
    return render(request, "referrals/index.html", context)


def _profile_for(request, uid) -> ReferralProfile:
    profile = get_object_or_404(
        ReferralProfile.objects.prefetch_related("offers", "languages", "editors"), uid=uid
    )
    if not access.can_view_referral_profile(request.user, profile):
        raise Http404  # an unpublished profile does not exist for others
    return profile


@login_required
def detail(request, uid):
    profile = _profile_for(request, uid)
    can_edit = access.can_edit_referral_profile(request.user, profile)
    can_decide = access.can_approve_referral_profiles(request.user)
    context = {
        "profile": profile,
        "can_edit": can_edit,
        "can_decide": can_decide and bool(decisions_for(profile)),
        "decision_form": DecisionForm(profile=profile),
        "editors": profile.editors.all() if can_edit or can_decide else [],
    }
    return render(request, "referrals/profile.html", context)


@login_required
def create(request):
    if not access.can_create_referral_profile(request.user):
        raise PermissionDenied
    form = ReferralProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = services.create_referral_profile(data=form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("Thank you. A programme manager checks the profile before it is published."),
        )
        return redirect(profile)
    return render(request, "referrals/form.html", {"form": form, "profile": None})


@login_required
def edit(request, uid):
    profile = _profile_for(request, uid)
    if not access.can_edit_referral_profile(request.user, profile):
        raise PermissionDenied
    form = ReferralProfileForm(
        request.POST or None, initial=ReferralProfileForm.initial_of(profile)
    )
    if request.method == "POST" and form.is_valid():
        profile = services.update_referral_profile(
            profile=profile, data=form.cleaned_data, by=request.user
        )
        if profile.has_pending_changes:
            messages.success(
                request,
                _(
                    "Saved. The new contact details are shown once a programme manager has "
                    "checked them; until then the current ones stay."
                ),
            )
        else:
            messages.success(request, _("Saved."))
        return redirect(profile)
    return render(request, "referrals/form.html", {"form": form, "profile": profile})


@login_required
def mine(request):
    if not access.can_create_referral_profile(request.user):
        raise PermissionDenied
    profiles = ReferralProfile.objects.edited_by(request.user).order_by("name")
    return render(request, "referrals/mine.html", {"profiles": profiles})


@login_required
@require_POST
def editors(request, uid):
    """Add a colleague as co-editor, or remove an editor (oneself included)."""
    profile = _profile_for(request, uid)
    if not access.can_edit_referral_profile(request.user, profile):
        raise PermissionDenied
    if "remove" in request.POST:
        user = next((u for u in profile.editors.all() if str(u.pk) == request.POST["remove"]), None)
        if user is None:
            messages.error(request, _("That person is not an editor of this profile."))
        elif len(profile.editors.all()) == 1:
            messages.error(
                request,
                _("A profile keeps at least one editor. Add a colleague before you leave it."),
            )
        else:
            services.remove_referral_editor(profile=profile, user=user, by=request.user)
            messages.success(request, _("%(name)s no longer edits this profile.") % {"name": user})
            if user.pk == request.user.pk:
                return redirect("referrals")
        return redirect("referral-edit", uid=profile.uid)
    form = EditorForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["email"]))
        return redirect("referral-edit", uid=profile.uid)
    user = (
        User.objects.select_related("profile")
        .filter(email__iexact=form.cleaned_data["email"], is_active=True)
        .first()
    )
    profession = getattr(getattr(user, "profile", None), "profession", None)
    if user is None or profession != Profession.CIVIL_SOCIETY:
        messages.error(
            request,
            _(
                "No civil-society account has this address. Ask your colleague to sign up and "
                "choose the profession “Civil society / NGO” first."
            ),
        )
    else:
        services.add_referral_editor(profile=profile, user=user, by=request.user)
        messages.success(request, _("%(name)s can now edit this profile.") % {"name": user})
    return redirect("referral-edit", uid=profile.uid)


@login_required
def approvals(request):
    if not access.can_approve_referral_profiles(request.user):
        raise PermissionDenied
    profiles = ReferralProfile.objects.awaiting_decision().order_by("updated_at")
    return render(request, "referrals/approvals.html", {"profiles": profiles})


@login_required
@require_POST
def decide(request, uid):
    profile = _profile_for(request, uid)
    if not access.can_approve_referral_profiles(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST, profile=profile)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(profile)
    services.decide_referral_profile(
        profile=profile,
        decision=form.cleaned_data["decision"],
        note=form.cleaned_data["note"],
        by=request.user,
    )
    messages.success(request, _("Decision recorded; the editors see it on the profile."))
    return redirect("referral-approvals")
