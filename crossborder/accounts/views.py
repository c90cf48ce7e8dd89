from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.audit.models import record_list_view, record_view

from . import services
from .forms import ApiTokenForm, PeopleFilterForm, ProfileForm, VettingForm
from .models import ApiToken, Profile


def _profile_for_person(request, user_id: int) -> Profile:
    profile = get_object_or_404(
        Profile.objects.select_related("user", "vetted_by"), user_id=user_id
    )
    if not access.can_view_profile(request.user, profile):
        raise PermissionDenied
    return profile


@login_required
def profile(request):
    """The practitioner's own profile: view and edit on one page."""
    instance = Profile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.save_profile(form=form, by=request.user)
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    if request.method == "POST":
        messages.error(request, _("Please correct the fields marked below."))
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "profile": instance},
        status=400 if form.errors else 200,
    )


@login_required
def people(request):
    """Programme staff's directory of practitioners, with filters."""
    if not access.can_list_people(request.user):
        raise PermissionDenied
    form = PeopleFilterForm(request.GET or None)
    qs = (
        Profile.objects.listed()
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = qs.filter(
                Q(user__first_name__icontains=data["q"])
                | Q(user__last_name__icontains=data["q"])
                | Q(user__email__icontains=data["q"])
                | Q(organisation__icontains=data["q"])
            )
        for field in ("profession", "country", "vetting"):
            if data[field]:
                qs = qs.filter(**{field: data[field]})
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    record_list_view(
        actor=request.user,
        objects=page.object_list,
        what="people",
        details={"filters": form.cleaned_data if form.is_valid() else {}, "page": page.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/people.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def person(request, user_id: int):
    """One practitioner's profile as staff see it. Every view is written to the audit trail."""
    profile = _profile_for_person(request, user_id)
    if profile.user_id != request.user.pk:
        record_view(actor=request.user, obj=profile, what="profile")
    form = None
    if access.can_vet(request.user, profile):
        form = VettingForm(initial={"vetting": profile.vetting})
    return render(request, "accounts/person.html", {"profile": profile, "vetting_form": form})


@login_required
@require_POST
def vet(request, user_id: int):
    profile = _profile_for_person(request, user_id)
    if not access.can_vet(request.user, profile):
        raise PermissionDenied
    form = VettingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a status and give a reason."))
        return render(
            request,
            "accounts/person.html",
            {"profile": profile, "vetting_form": form},
            status=400,
        )
    services.set_vetting(
        profile=profile,
        status=form.cleaned_data["vetting"],
        note=form.cleaned_data["note"],
        by=request.user,
    )
    messages.success(request, _("Vetting status updated."))
    return redirect("person", user_id=user_id)


@login_required
def api_tokens(request):
    """Personal API tokens for staff. The secret is shown once, right after creation."""
    if not access.can_use_api_tokens(request.user):
        raise PermissionDenied
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.issue_api_token(user=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "secret": secret},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke_api_token(request, token_id: int):
    if not access.can_use_api_tokens(request.user):
        raise PermissionDenied
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    services.revoke_api_token(token=token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("api-tokens")
