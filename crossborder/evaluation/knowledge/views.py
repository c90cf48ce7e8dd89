"""The participant's knowledge tests of a seminar, the manager's page of its two forms, and the
seminar's evaluation page for programme staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.accounts.models import User
from crossborder.audit.models import record_list_view
from crossborder.seminars.models import Seminar

from ..models import FormItem, KnowledgeForm, KnowledgeTest, Phase, Sitting
from ..surveys.sections import survey_sections
from . import drawing, services
from .analysis import knowledge_analysis
from .forms import BuildForm, RedrawForm, ReplaceForm, SettingsForm, StartForm


def _public_seminar(request, slug) -> Seminar:
    seminar = get_object_or_404(Seminar, slug=slug)
    if not access.can_view_seminar(request.user, seminar):
        raise Http404
    return seminar


def _phases(test, user) -> list[dict]:
    """Each phase as the person sees it: open to them, taken (with the score), or why not."""
    now = timezone.now()
    windows = test.windows()
    application = services.seat_of(test, user)
    sittings = {
        s.phase: s
        for s in Sitting.objects.filter(test=test, user=user).select_related("attempt", "form")
    }
    rows = []
    for phase in Phase:
        sitting = sittings.get(phase.value)
        row = {
            "phase": phase.value,
            "label": phase.label,
            "sitting": sitting,
            "opens": None if phase == Phase.PRE else windows.post_opens,
            "closes": windows.pre_closes if phase == Phase.PRE else windows.post_closes,
        }
        if sitting is not None and not sitting.taken:
            row["state"] = "in_progress"
        elif sitting is not None:
            row["state"] = "taken"
        else:
            reason = services.refusal(test, phase.value, user, application, windows, now)
            row["state"] = "closed" if reason else "open"
            row["reason"] = reason
        rows.append(row)
    return rows


@login_required
def knowledge_test(request, slug):
    seminar = _public_seminar(request, slug)
    test = KnowledgeTest.objects.filter(seminar=seminar).first()
    if test is None:
        return render(request, "evaluation/knowledge/test.html", {"seminar": seminar, "test": None})
    test.seminar = seminar
    return render(
        request,
        "evaluation/knowledge/test.html",
        {
            "seminar": seminar,
            "test": test,
            "phases": _phases(test, request.user),
            "manage": access.can_manage_knowledge_tests(request.user),
        },
    )


@login_required
@require_POST
def start_test(request, slug):
    seminar = _public_seminar(request, slug)
    test = KnowledgeTest.objects.filter(seminar=seminar).first()
    form = StartForm(request.POST)
    if test is None or not form.is_valid():
        messages.error(request, _("There is no such test."))
        return redirect("knowledge-test", slug=slug)
    try:
        attempt = services.start_sitting(
            test=test, phase=form.cleaned_data["phase"], user=request.user
        )
    except services.KnowledgeError as error:
        messages.error(request, str(error))
        return redirect("knowledge-test", slug=slug)
    return redirect(attempt.get_absolute_url())


# --- the manager's page of the two forms -----------------------------------------------------


def _staff_seminar(request, slug, allowed=access.can_manage_knowledge_tests) -> Seminar:
    if not allowed(request.user):
        raise PermissionDenied
    return get_object_or_404(Seminar, slug=slug)


@login_required
def manage_knowledge_test(request, slug):
    seminar = _staff_seminar(request, slug)
    test = KnowledgeTest.objects.filter(seminar=seminar).first()
    context = {"seminar": seminar, "test": test}
    if test is None:
        context["build_form"] = BuildForm()
        context["cells"] = {e: sorted(f) for e, f in drawing.covered_cells(seminar).items()}
        return render(request, "evaluation/knowledge/manage.html", context)
    test.seminar = seminar
    items = FormItem.objects.select_related("question__module", "element")
    forms = list(
        KnowledgeForm.objects.filter(test=test).prefetch_related(Prefetch("items", queryset=items))
    )
    elements = {item.element for form in forms for item in form.items.all()}
    taken = dict(
        Sitting.objects.filter(test=test)
        .values_list("form__letter")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reason = services.locked_reason(test)
    options = {} if reason else {e.pk: drawing.replacements(test, e) for e in elements}
    for form in forms:
        for item in form.items.all():
            item.options = options.get(item.element_id, [])
    context.update(
        forms=forms,
        reason=reason,
        taken=taken,
        settings_form=SettingsForm(instance=test),
        redraw_form=RedrawForm(instance=test),
        windows=test.windows(),
    )
    return render(request, "evaluation/knowledge/manage.html", context)


@login_required
@require_POST
def build_test(request, slug):
    seminar = _staff_seminar(request, slug)
    form = BuildForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not built: %(errors)s") % {"errors": _errors(form)})
        return redirect("manage-knowledge-test", slug=slug)
    try:
        _test, notes = services.build_knowledge_test(
            seminar=seminar,
            by=request.user,
            items_per_element=form.cleaned_data["items_per_element"],
            post_open_days=form.cleaned_data["post_open_days"],
            time_limit_minutes=form.cleaned_data["time_limit_minutes"],
        )
    except services.KnowledgeError as error:
        messages.error(request, str(error))
        return redirect("manage-knowledge-test", slug=slug)
    messages.success(request, _("The pre- and post-test are ready: check their items."))
    for note in notes:
        messages.warning(request, note)
    return redirect("manage-knowledge-test", slug=slug)


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def _test_of(request, slug) -> KnowledgeTest:
    seminar = _staff_seminar(request, slug)
    test = KnowledgeTest.objects.filter(seminar=seminar).first()
    if test is None:
        raise Http404
    test.seminar = seminar
    return test


@login_required
@require_POST
def replace_item(request, slug):
    test = _test_of(request, slug)
    form = ReplaceForm(request.POST)
    item = services.item_of(test, form.cleaned_data["item"]) if form.is_valid() else None
    if item is None:
        messages.error(request, _("Not changed: choose an item of this test and its replacement."))
        return redirect("manage-knowledge-test", slug=slug)
    try:
        services.replace_item(item=item, question_id=form.cleaned_data["question"], by=request.user)
    except services.KnowledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Item %(n)s of form %(letter)s replaced.")
            % {"n": item.position, "letter": item.form.letter},
        )
    return redirect(f"{reverse('manage-knowledge-test', args=[slug])}#form-{item.form.letter}")


@login_required
@require_POST
def redraw(request, slug):
    test = _test_of(request, slug)
    form = RedrawForm(request.POST, instance=KnowledgeTest(seminar=test.seminar))
    if not form.is_valid():
        messages.error(request, _("Not drawn again: %(errors)s") % {"errors": _errors(form)})
        return redirect("manage-knowledge-test", slug=slug)
    try:
        notes = services.redraw_forms(
            test=test, by=request.user, items_per_element=form.cleaned_data["items_per_element"]
        )
    except services.KnowledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Both forms were drawn again."))
        for note in notes:
            messages.warning(request, note)
    return redirect("manage-knowledge-test", slug=slug)


@login_required
@require_POST
def test_settings(request, slug):
    test = _test_of(request, slug)
    form = SettingsForm(request.POST, instance=KnowledgeTest(seminar=test.seminar))
    if not form.is_valid():
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect("manage-knowledge-test", slug=slug)
    try:
        services.change_settings(test=test, by=request.user, **form.cleaned_data)
    except services.KnowledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Settings saved."))
    return redirect("manage-knowledge-test", slug=slug)


# --- the seminar's evaluation page -------------------------------------------------------------


@login_required
def seminar_evaluation(request, slug):
    """Programme staff: what the seminar achieved: knowledge gain, then satisfaction and the
    follow-up (the surveys' sections)."""
    seminar = _staff_seminar(request, slug, access.can_see_seminar_evaluation)
    test = KnowledgeTest.objects.filter(seminar=seminar).first()
    analysis = knowledge_analysis([seminar.pk], people=True) if test else None
    people = []
    if analysis and analysis.people:
        users = User.objects.in_bulk([p.user_id for p in analysis.people])
        people = sorted(
            ((users[p.user_id], p) for p in analysis.people),
            key=lambda pair: (pair[0].last_name, pair[0].first_name),
        )
        record_list_view(
            actor=request.user,
            objects=[user for user, _p in people],
            what="knowledge_scores",
            details={"seminar": seminar.slug},
        )
    return render(
        request,
        "evaluation/seminar.html",
        {
            "seminar": seminar,
            "test": test,
            "knowledge": analysis,
            "overall_rows": [analysis.overall] if analysis else [],
            "people": people,
            **survey_sections(seminar),
        },
    )
