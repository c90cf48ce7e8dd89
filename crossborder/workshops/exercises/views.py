"""The exercise pages: the catalogue and an exercise read whole (trainers and staff), the trainer's
page of a run (open, release injects, close), and the groups' page of a run (case file, role
card, injects released so far, the group)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.seminars.models import Session

from ..models import Exercise, ExerciseRun, Group, Inject, InjectRelease, Membership, Workshop
from . import services
from .forms import PrepareForm, slots_for

RUNS = ExerciseRun.objects.select_related("exercise", "workshop__seminar")


def draft_url(run, group) -> str | None:
    """The group's JIT agreement draft (crossborder/workshops/jit/), for a JIT exercise."""
    if group is None or run.exercise.kind != "jit_agreement":
        return None
    return reverse("jit-draft", args=[run.pk, group.number])


# --- the catalogue and one exercise ------------------------------------------------------------


@login_required
def exercise_list(request):
    """Trainers and staff: the exercises and the runs they conduct. Participants: the runs of
    their groups."""
    user = request.user
    mine = RUNS.filter(
        status__in=[ExerciseRun.Status.OPEN, ExerciseRun.Status.CLOSED],
        workshop__memberships__application__user=user,
    )
    context = {"member_runs": list(mine.distinct())}
    if access.can_browse_exercises(user):
        context["browse"] = True
        context["exercises"] = list(Exercise.objects.prefetch_related("roles", "injects"))
        context["conducted_runs"] = list(_conducted_runs(user))
    elif not context["member_runs"]:
        context["nothing"] = True
    return render(request, "workshops/exercises/index.html", context)


def _conducted_runs(user):
    if access.is_programme_staff(user):
        return RUNS.all()
    slot = Session.objects.filter(
        seminar_id=OuterRef("workshop__seminar_id"),
        start=OuterRef("workshop__start"),
        kind=Session.Kind.WORKSHOP,
    ).filter(Q(speakers__user=user) | Q(chair__user=user))
    led = Group.objects.filter(workshop_id=OuterRef("workshop_id"), trainer__user=user)
    return RUNS.filter(Q(Exists(slot)) | Q(Exists(led)))


def _exercise(request, exercise_slug) -> Exercise:
    if not access.can_browse_exercises(request.user):
        raise PermissionDenied
    return get_object_or_404(Exercise, slug=exercise_slug)


@login_required
def exercise_detail(request, exercise_slug):
    """An exercise read whole: case file, every role card, every inject; where to prepare it."""
    exercise = _exercise(request, exercise_slug)
    slots = slots_for(request.user, exercise)
    return render(
        request,
        "workshops/exercises/exercise.html",
        {
            "exercise": exercise,
            "roles": list(exercise.roles.all()),
            "injects": list(exercise.injects.all()),
            "form": PrepareForm(slots=slots),
            "slots": slots,
            "runs": list(RUNS.filter(exercise=exercise)),
        },
    )


@login_required
@require_POST
def prepare(request, exercise_slug):
    exercise = _exercise(request, exercise_slug)
    slots = slots_for(request.user, exercise)
    form = PrepareForm(request.POST, slots=slots)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("exercise", exercise_slug=exercise.slug)
    first = next(s for s, _sessions in slots if s.pk == form.cleaned_data["slot"])
    workshop, _created = Workshop.objects.get_or_create(seminar=first.seminar, start=first.start)
    if not access.can_run_exercise_in(request.user, workshop):
        raise PermissionDenied
    try:
        run = services.prepare_run(exercise=exercise, workshop=workshop, by=request.user)
    except services.ExerciseError as error:
        messages.error(request, str(error))
        return redirect("exercise", exercise_slug=exercise.slug)
    messages.success(request, _("Prepared. Open it when the workshop starts."))
    return redirect("exercise-run-conduct", exercise_run_id=run.pk)


# --- the groups' page of a run -----------------------------------------------------------------


def membership_of(run, user):
    return (
        Membership.objects.filter(workshop_id=run.workshop_id, application__user=user)
        .select_related("application", "group__session", "group__trainer")
        .first()
    )


@login_required
def run_page(request, exercise_run_id):
    run = get_object_or_404(RUNS, pk=exercise_run_id)
    membership = membership_of(run, request.user)
    if not access.can_read_run(request.user, run, membership):
        raise Http404
    releases = list(
        InjectRelease.objects.filter(run=run).select_related("inject").order_by("released_at")
    )
    context = {"run": run, "exercise": run.exercise, "releases": releases, "poll": run.is_open}
    if request.headers.get("HX-Request"):
        return render(request, "workshops/exercises/run.html#injects", context)
    group = membership.group if membership else None
    members = []
    if group is not None:
        members = list(
            Membership.objects.filter(group=group)
            .select_related("application__user")
            .order_by("application__user__last_name", "application__user__first_name")
        )
    cards = list(run.exercise.roles.all())
    choosable, card = _cards(cards, membership, members, request.GET.get("role", ""))
    if request.GET.get("role") and (card is None or card.key != request.GET["role"]):
        messages.warning(
            request, _("That role card is not one of your group's; here is the card for you.")
        )
    context.update(
        membership=membership,
        group=group,
        members=members,
        cards=choosable,
        card=card,
        draft_url=draft_url(run, group),
        conducts=access.can_conduct_run(request.user, run) if membership is None else False,
    )
    return render(request, "workshops/exercises/run.html", context)


def _cards(cards, membership, members, wanted: str):
    """The role cards a participant may read (those suiting a profession in their group) and
    the one shown: the one asked for if allowed, else the first that suits their profession."""
    if membership is None:  # a trainer looking at the page the groups see
        choosable = cards
        own = cards[0] if cards else None
    else:
        professions = {m.application.profession for m in members}
        choosable = [c for c in cards if any(c.suits(p) for p in professions)] or cards
        mine = membership.application.profession
        own = next((c for c in choosable if c.suits(mine)), choosable[0] if choosable else None)
    chosen = next((c for c in choosable if c.key == wanted), own)
    return choosable, chosen


# --- the trainer's page of a run ---------------------------------------------------------------


def _conducted(request, exercise_run_id) -> ExerciseRun:
    run = get_object_or_404(RUNS, pk=exercise_run_id)
    if not access.can_conduct_run(request.user, run):
        raise PermissionDenied
    return run


def _trainer_context(run) -> dict:
    released = {
        r.inject_id: r for r in InjectRelease.objects.filter(run=run).select_related("released_by")
    }
    injects = list(run.exercise.injects.all())
    for inject in injects:
        inject.release = released.get(inject.pk)
        inject.due = (
            run.opened_at + timedelta(minutes=inject.minute)
            if run.opened_at and inject.minute is not None
            else None
        )
    members = Membership.objects.select_related("application__user").order_by(
        "application__user__last_name"
    )
    groups = list(
        Group.objects.filter(workshop_id=run.workshop_id)
        .select_related("session", "trainer")
        .prefetch_related(Prefetch("memberships", queryset=members))
    )
    for group in groups:
        group.draft_url = draft_url(run, group)
    return {
        "run": run,
        "exercise": run.exercise,
        "injects": injects,
        "released_count": len(released),
        "groups": groups,
        "tz": run.workshop.seminar.tz,
    }


@login_required
def conduct(request, exercise_run_id):
    run = _conducted(request, exercise_run_id)
    context = _trainer_context(run)
    context["sessions"] = list(
        Session.objects.filter(
            seminar_id=run.workshop.seminar_id, start=run.workshop.start, kind="workshop"
        ).order_by("track", "room")
    )
    return render(request, "workshops/exercises/conduct.html", context)


@login_required
@require_POST
def open_run(request, exercise_run_id):
    run = _conducted(request, exercise_run_id)
    try:
        services.open_run(run=run, by=request.user)
    except services.ExerciseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The exercise is open: the groups see the case file now."))
    return redirect("exercise-run-conduct", exercise_run_id=run.pk)


@login_required
@require_POST
def close_run(request, exercise_run_id):
    run = _conducted(request, exercise_run_id)
    if request.POST.get("confirmed") != "yes":
        return render(request, "workshops/exercises/confirm.html", {"run": run, "action": "close"})
    try:
        services.close_run(run=run, by=request.user)
    except services.ExerciseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The exercise is closed."))
    return redirect("exercise-run-conduct", exercise_run_id=run.pk)


@login_required
@require_POST
def release(request, exercise_run_id, inject_id):
    run = _conducted(request, exercise_run_id)
    inject = Inject.objects.filter(pk=inject_id, exercise_id=run.exercise_id).first()
    if inject is None:
        messages.error(request, _("There is no such inject in this exercise."))
        return redirect("exercise-run-conduct", exercise_run_id=run.pk)
    if request.POST.get("confirmed") != "yes":
        return render(
            request,
            "workshops/exercises/confirm.html",
            {"run": run, "action": "release", "inject": inject},
        )
    try:
        services.release_inject(run=run, inject=inject, by=request.user)
    except services.ExerciseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Released: “%(title)s” is shown to every group.") % {"title": inject.title_local},
        )
    if request.headers.get("HX-Request"):
        run.refresh_from_db(fields=["status", "opened_at", "closed_at"])
        context = {**_trainer_context(run), "inline_messages": True}
        return render(request, "workshops/exercises/conduct.html#trainer-injects", context)
    return redirect("exercise-run-conduct", exercise_run_id=run.pk)
