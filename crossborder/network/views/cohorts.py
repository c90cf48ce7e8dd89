"""Cohort spaces: the list of one's cohorts, a cohort's page (members, materials, discussion),
and the discussion's actions: post, delete one's own message, report one, hide or show one
(moderators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from crossborder import access
from crossborder.seminars.models import Seminar

from ..cohorts import cohort_list, discussion, materials, members
from ..forms import PostForm, PostReportForm
from ..models import CohortPost, NetworkListing
from ..ratelimit import allow
from ..services import delete_cohort_post, hide_cohort_post, post_in_cohort, report_cohort_post
from .directory import too_many


@login_required
def cohorts(request):
    if not access.can_open_network(request.user):
        raise PermissionDenied
    return render(request, "network/cohorts.html", {"seminars": list(cohort_list(request.user))})


def _cohort(request, slug) -> Seminar:
    """The seminar of a cohort this user may enter; one 404 for unknown and not-yours alike."""
    seminar = Seminar.objects.filter(slug=slug).first()
    if seminar is None or not access.can_enter_cohort(request.user, seminar):
        raise Http404
    return seminar


def _post(request, slug, post_id) -> CohortPost:
    seminar = _cohort(request, slug)
    post = get_object_or_404(CohortPost, pk=post_id, seminar=seminar)
    post.seminar = seminar  # already read: no second query
    return post


@login_required
@require_http_methods(["GET", "POST"])
def cohort(request, slug):
    seminar = _cohort(request, slug)
    user = request.user
    form = PostForm()
    status = 200
    if request.method == "POST":
        if not allow(user, "post"):
            return too_many(request)
        form = PostForm(request.POST)
        if form.is_valid():
            post_in_cohort(author=user, seminar=seminar, body=form.cleaned_data["body"])
            messages.success(request, _("Your message is posted."))
            return redirect("network-cohort", slug)
        status = 400
    posts = discussion(user, seminar, request.GET.get("page"))
    for post in posts:
        post.can_delete = access.can_delete_cohort_post(user, post)
        post.can_report = not post.is_hidden and access.can_report_cohort_post(user, post)
    return render(
        request,
        "network/cohort.html",
        {
            "seminar": seminar,
            "members": members(user, seminar),
            "sees_members": access.can_search_directory(user),
            "listed": NetworkListing.objects.filter(user=user, listed=True).exists(),
            "materials": materials(user, seminar),
            "posts": posts,
            "form": form,
            "moderator": access.can_moderate_cohort(user),
        },
        status=status,
    )


@login_required
@require_POST
def delete_post(request, slug, post_id):
    post = _post(request, slug, post_id)
    if not access.can_delete_cohort_post(request.user, post):
        raise PermissionDenied
    delete_cohort_post(post=post, by=request.user)
    messages.success(request, _("Your message is deleted."))
    return redirect("network-cohort", slug)


@login_required
@require_POST
def hide_post(request, slug, post_id):
    post = _post(request, slug, post_id)
    if not access.can_moderate_cohort(request.user):
        raise PermissionDenied
    hidden = request.POST.get("hidden") != "0"
    if hide_cohort_post(post=post, by=request.user, hidden=hidden):
        messages.success(
            request,
            _("The message is hidden from the cohort.")
            if hidden
            else _("The message is shown to the cohort again."),
        )
    return redirect(reverse("network-cohort", args=[slug]) + f"#post-{post.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, slug, post_id):
    post = _post(request, slug, post_id)
    if post.is_hidden or not access.can_report_cohort_post(request.user, post):
        raise PermissionDenied
    form = PostReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report_cohort_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("Thank you. The programme team will read your report and act on it.")
        )
        return redirect("network-cohort", slug)
    return render(
        request,
        "network/report_post.html",
        {"post": post, "seminar": post.seminar, "form": form},
        status=400 if form.is_bound else 200,
    )
