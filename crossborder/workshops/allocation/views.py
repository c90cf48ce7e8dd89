"""Pages of the workshop groups: the manager's board (allocate, pairing rules, moves, publish),
the run status, printable lists, the trainer's groups."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.seminars.models import Seminar

from ..models import AllocationRun, Membership, PairingRule, Workshop
from . import services
from .board import boards, trainer_groups
from .forms import AllocateForm, MoveForm, RuleForm
from .people import participants

TEMPLATE = "workshops/groups/manage.html"


def _staff_seminar(request, slug) -> Seminar:
    if not access.can_manage_groups(request.user):
        raise PermissionDenied
    return get_object_or_404(Seminar, slug=slug)


def _page(seminar, *, people=None, rule_form=None, errors=None, only_workshop=None) -> dict:
    people = participants(seminar) if people is None else people
    slots = boards(seminar, only_workshop=only_workshop)
    errors = errors or {}
    for board in slots:
        board.errors = errors.get(str(board.slot.key), [])
    keys = {str(board.slot.key) for board in slots}
    return {
        "general_errors": [e for key, found in errors.items() if key not in keys for e in found],
        "seminar": seminar,
        "boards": slots,
        "people": people,
        "checked_in_only": any(a.checked_in_at for a in people),
        "rules": PairingRule.objects.filter(seminar=seminar)
        .select_related("first__user", "second__user")
        .order_by("created_at", "pk"),
        "rule_form": rule_form or RuleForm(people=people),
    }


@login_required
def manage_groups(request, slug):
    """Every workshop slot of the seminar: its groups and scores, the forms to change them."""
    seminar = _staff_seminar(request, slug)
    return render(request, TEMPLATE, _page(seminar))


@login_required
@require_POST
def allocate(request, slug):
    """Check the slot's constraints and start its allocation; conflicts are listed in words
    on the page and nothing is saved."""
    seminar = _staff_seminar(request, slug)
    form = AllocateForm(request.POST)
    key = form.data.get("slot", "")
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return render(request, TEMPLATE, _page(seminar, errors={key: errors}), status=400)
    try:
        run = services.start_allocation(
            seminar=seminar, slot_key=form.cleaned_data["slot"], by=request.user, **form.plan()
        )
    except services.AllocationError as error:
        page = _page(seminar, errors={key: error.messages})
        return render(request, TEMPLATE, page, status=400)
    return redirect("allocation-run", slug=slug, allocation_id=run.pk)


@login_required
def allocation_run(request, slug, allocation_id):
    """Where an allocation stands; htmx polls the status fragment until it is finished."""
    seminar = _staff_seminar(request, slug)
    run = get_object_or_404(
        AllocationRun.objects.select_related("workshop"),
        pk=allocation_id,
        workshop__seminar=seminar,
    )
    template = "workshops/groups/run.html"
    if request.headers.get("HX-Request"):
        template += "#run-status"
    return render(
        request,
        template,
        {"seminar": seminar, "run": run, "pending": run.pending and not run.stuck},
    )


@login_required
@require_POST
def move(request, slug):
    """Move a person to another group (drag-and-drop, or the form beside each name)."""
    seminar = _staff_seminar(request, slug)
    form = MoveForm(request.POST)
    notice, level = "", "success"
    membership = None
    if form.is_valid():
        membership = (
            Membership.objects.filter(pk=form.cleaned_data["membership"], workshop__seminar=seminar)
            .select_related("workshop", "application__user")
            .first()
        )
    if membership is None:
        notice, level = _("Choose a person and a group of this seminar's workshops."), "error"
    else:
        try:
            services.move_member(  # a size warning stays on the board while sizes are uneven
                workshop=membership.workshop,
                membership_id=membership.pk,
                group_id=form.cleaned_data["group"],
                by=request.user,
            )
        except services.AllocationError as error:
            notice, level = str(error), "error"
        else:
            name = membership.application.user.get_full_name()
            notice = _("%(name)s moved.") % {"name": name}
    if request.headers.get("HX-Request") and membership is not None:
        page = _page(seminar, only_workshop=membership.workshop_id)
        board = next(
            b for b in page["boards"] if b.workshop and b.workshop.pk == membership.workshop_id
        )
        return render(
            request,
            f"{TEMPLATE}#slot",
            {**page, "board": board, "notice": notice, "notice_level": level},
        )
    if level == "error":
        messages.error(request, notice)
        if membership is None:
            return render(request, TEMPLATE, _page(seminar), status=400)
    else:
        messages.success(request, notice)
    anchor = f"#slot-{int(membership.workshop.start.timestamp())}" if membership else ""
    return redirect(reverse("manage-groups", args=[slug]) + anchor)


@login_required
@require_POST
def add_rule(request, slug):
    seminar = _staff_seminar(request, slug)
    people = participants(seminar)
    form = RuleForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.add_pairing_rule(
                seminar=seminar,
                first_id=form.cleaned_data["first"],
                second_id=form.cleaned_data["second"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except services.AllocationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Pairing rule added. It applies to the next allocation."))
            return redirect("manage-groups", slug=slug)
    page = _page(seminar, people=people, rule_form=form)
    return render(request, TEMPLATE, page, status=400)


@login_required
@require_POST
def remove_rule(request, slug, rule_id):
    seminar = _staff_seminar(request, slug)
    rule = get_object_or_404(PairingRule, pk=rule_id, seminar=seminar)
    services.remove_pairing_rule(rule=rule, by=request.user)
    messages.success(request, _("Pairing rule removed."))
    return redirect("manage-groups", slug=slug)


@login_required
@require_POST
def publish(request, slug, workshop_id):
    seminar = _staff_seminar(request, slug)
    workshop = get_object_or_404(Workshop, pk=workshop_id, seminar=seminar)
    shown = request.POST.get("publish") == "1"
    try:
        services.publish_groups(workshop=workshop, publish=shown, by=request.user)
    except services.AllocationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The groups are shown to participants.")
            if shown
            else _("The groups are hidden from participants."),
        )
    return redirect("manage-groups", slug=slug)


def _print_context(seminar) -> dict:
    """One page per room of each slot: the groups working there, members and trainer."""
    pages = []
    for board in boards(seminar):
        rooms: dict = {}
        for card in board.cards:
            card.members.sort(key=lambda m: (m.application.user.last_name, m.pk))
            rooms.setdefault(card.group.room or _("Room not set"), []).append(card)
        for room, cards in rooms.items():
            pages.append({"board": board, "room": room, "cards": cards})
    return {"seminar": seminar, "pages": pages}


@login_required
def print_groups(request, slug):
    """Printable group lists (the browser's print, or the PDF below)."""
    seminar = _staff_seminar(request, slug)
    return render(request, "workshops/groups/print.html", _print_context(seminar))


@login_required
def groups_pdf(request, slug):
    seminar = _staff_seminar(request, slug)
    styles = Path(finders.find("workshops/groups-print.css")).read_text(encoding="utf-8")
    html = render_to_string(
        "workshops/groups/print.html",
        {**_print_context(seminar), "pdf": True, "styles": styles},
        request=request,
    )
    from weasyprint import HTML  # 2 s import: only when a PDF is asked for

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{seminar.slug}-groups.pdf"'
    return response


@login_required
def my_trainer_groups(request):
    """The groups the signed-in trainer leads, with their members."""
    if not access.can_list_trainer_groups(request.user):
        raise PermissionDenied
    return render(request, "workshops/groups/trainer.html", {"rows": trainer_groups(request.user)})
