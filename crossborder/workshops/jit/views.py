"""Pages of the JIT agreement: a group's draft (form, checklist, comments), the trainer's grid
of all drafts side by side, the debrief, and the exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crossborder import access
from crossborder.workshops.models import Draft, DraftComment, ExerciseRun, Group, Membership

from . import checklist, exports, schema, services
from .forms import CommentForm, DraftForm, new_row_form, rows_prefix
from .review import groups_with_drafts, missing_by_section


def _run_for(exercise_run_id) -> ExerciseRun:
    return get_object_or_404(
        ExerciseRun.objects.select_related("exercise", "workshop__seminar").filter(
            exercise__kind="jit_agreement"
        ),
        pk=exercise_run_id,
    )


def _readable(request, exercise_run_id, group_number) -> tuple[ExerciseRun, Group, Draft | None]:
    """The run, the group and its draft (None before anyone saved), for a person who may read
    it: its members and the trainers of the slot and programme staff; 403 for anyone else."""
    run = _run_for(exercise_run_id)
    group = get_object_or_404(
        Group.objects.select_related("trainer", "session"),
        workshop_id=run.workshop_id,
        number=group_number,
    )
    if not access.can_read_draft(request.user, run, group):
        raise PermissionDenied
    draft = Draft.objects.select_related("updated_by").filter(run=run, group=group).first()
    return run, group, draft


def _comments_by_section(draft) -> dict[str, list]:
    found = {}
    if draft is not None:
        for c in DraftComment.objects.filter(draft=draft).select_related("author"):
            found.setdefault(c.section, []).append(c)
    return found


def _page(request, run, group, draft, form=None, *, conflict=None, version=None, status=200):
    content = draft.content if draft else {}
    editable = access.can_edit_draft(request.user, run, group)
    if editable and form is None:
        form = DraftForm(content)
    results = checklist.check(content, run.exercise.checklist)
    missing = missing_by_section(results)
    comments = _comments_by_section(draft)
    forms_by_key = {f.section.key: f for f in form.sections} if form is not None else {}
    sections = [
        {
            "key": key,
            "title": title,
            "sections": [
                {
                    "section": s,
                    "forms": forms_by_key.get(s.key),
                    "view": exports.section_view(s, content, comments.get(s.key, [])),
                    "missing": missing.get(s.key, []),
                }
                for s in schema.sections_of(key)
            ],
        }
        for key, title in schema.PARTS
    ]
    context = {
        "run": run,
        "group": group,
        "draft": draft,
        "editable": editable,
        "reviewer": access.can_comment_on_draft(request.user, run),
        # after a conflict the form keeps the version it was based on: saving again conflicts
        # again until the member reloads and sees the other member's text
        "version": services.version_of(draft) if version is None else version,
        "conflict": conflict,
        "results": results,
        "summary": checklist.summary(results),
        "sections": sections,
        "changed_since_submitted": bool(
            draft and draft.submitted_at and draft.updated_at > draft.submitted_at
        ),
    }
    return render(request, "workshops/jit/draft.html", context, status=status)


def _parts(content) -> list[dict]:
    """The schema with a draft's answers, part by part, for printing."""
    return [
        {
            "key": key,
            "title": title,
            "sections": [exports.section_view(s, content) for s in schema.sections_of(key)],
        }
        for key, title in schema.PARTS
    ]


@login_required
@require_http_methods(["GET", "POST"])
def draft_page(request, exercise_run_id, group_number):
    """A group's JIT agreement: its members fill it in while the run is open; the trainer reads
    it and comments per section."""
    run, group, draft = _readable(request, exercise_run_id, group_number)
    if request.method == "GET":
        return _page(request, run, group, draft)
    if not access.can_edit_draft(request.user, run, group):
        raise PermissionDenied
    form = DraftForm(data=request.POST)
    if not form.is_valid():
        titles = ", ".join(str(s.title) for s in form.invalid_sections())
        messages.error(
            request,
            _("Nothing was saved: correct the fields marked in %(sections)s.")
            % {"sections": titles},
        )
        return _page(request, run, group, draft, form, status=400)
    action = request.POST.get("action", "save")
    try:
        draft = services.save_draft(
            run=run,
            group=group,
            content=form.cleaned_content(),
            version=request.POST.get("version", ""),
            by=request.user,
            submit=action == "submit",
        )
    except services.RunNotOpen:
        messages.error(request, _("The exercise is closed: the draft can no longer change."))
        return redirect("jit-draft", run.pk, group.number)
    except services.DraftConflict as conflict:
        current = conflict.current
        who = current.updated_by.get_full_name() if current and current.updated_by else ""
        messages.error(
            request,
            _(
                "Nothing was saved: %(who)s saved this draft after you opened it. Your text is "
                "still in the form below; copy what you need, then reload the draft and add it "
                "again."
            )
            % {"who": who or _("another member of your group")},
        )
        return _page(
            request,
            run,
            group,
            current,
            form,
            conflict=current,
            version=request.POST.get("version", ""),
            status=409,
        )
    results = checklist.check(draft.content, run.exercise.checklist)
    missing = checklist.summary(results)["missing"]
    if action == "submit":
        messages.success(request, _("The draft is submitted to your trainer."))
    elif action.startswith("add:"):
        messages.success(request, _("Saved. Empty rows are added at the end of the section."))
    else:
        messages.success(request, _("The draft is saved."))
    if missing:
        messages.warning(
            request,
            ngettext(
                "The checklist lists %(n)s item still missing.",
                "The checklist lists %(n)s items still missing.",
                missing,
            )
            % {"n": missing},
        )
    anchor = action[4:] if action.startswith("add:") and schema.section(action[4:]) else "checklist"
    return redirect(f"{request.path}#{anchor}")


@login_required
@require_GET
def draft_row(request, exercise_run_id, group_number, section_key):
    """One more empty row of a section's table (htmx "Add"), with the formset's row count and
    the button asking for the next row swapped out of band."""
    run, group, _draft = _readable(request, exercise_run_id, group_number)
    section = schema.section(section_key)
    if section is None or section.rows is None:
        raise Http404
    if not access.can_edit_draft(request.user, run, group):
        raise PermissionDenied
    try:
        index = int(request.GET.get("index", ""))
    except ValueError:
        index = 0
    if not 0 <= index < schema.MAX_ROWS:
        return HttpResponse(
            _("A section holds at most %(n)s rows.") % {"n": schema.MAX_ROWS}, status=400
        )
    return render(
        request,
        "workshops/jit/_new_row.html",
        {
            "run": run,
            "group": group,
            "section": section,
            "row": new_row_form(section.key, index),
            "index": index,
            "next_index": index + 1,
            "prefix": rows_prefix(section.key),
            "full": index + 1 >= schema.MAX_ROWS,
        },
    )


@login_required
@require_POST
def draft_comment(request, exercise_run_id, group_number, section_key):
    """The trainer comments on one section of a group's draft (htmx: the section's comments)."""
    run, group, draft = _readable(request, exercise_run_id, group_number)
    if not access.can_comment_on_draft(request.user, run):
        raise PermissionDenied
    section = schema.section(section_key)
    if section is None:
        raise Http404
    form = CommentForm(request.POST)
    error = None
    if draft is None:
        error = _("This group has not saved a draft yet: there is nothing to comment on.")
    elif not form.is_valid():
        error = " ".join(form.errors.get("body", [])) or _("Write a comment first.")
    else:
        services.add_draft_comment(
            draft=draft, section=section.key, body=form.cleaned_data["body"], by=request.user
        )
    if request.headers.get("HX-Request"):
        return render(
            request,
            "workshops/jit/draft.html#comments",
            {
                "run": run,
                "group": group,
                "draft": draft,
                "s": {"section": section},
                "comments_here": _comments_by_section(draft).get(section.key, []),
                "reviewer": True,
                "comment_body": request.POST.get("body", "") if error else "",
                "comment_error": error,
            },
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your comment is added."))
    return redirect(reverse("jit-draft", args=[run.pk, group.number]) + f"#{section.key}")


@login_required
def my_draft(request, exercise_run_id):
    """A participant's way in: their own group's draft of the run (the trainer's: the grid)."""
    run = _run_for(exercise_run_id)
    membership = (
        Membership.objects.filter(workshop_id=run.workshop_id, application__user=request.user)
        .select_related("group")
        .first()
    )
    if membership is not None:
        return redirect("jit-draft", run.pk, membership.group.number)
    if access.can_review_drafts(request.user, run.workshop):
        return redirect("jit-drafts", run.pk)
    raise PermissionDenied


def _reviewed_run(request, exercise_run_id) -> ExerciseRun:
    run = _run_for(exercise_run_id)
    if not access.can_review_drafts(request.user, run.workshop):
        raise PermissionDenied
    return run


@login_required
@require_GET
def drafts_grid(request, exercise_run_id):
    """All groups' drafts side by side: sections as rows, groups as columns."""
    run = _reviewed_run(request, exercise_run_id)
    groups = groups_with_drafts(run)
    titles = dict(schema.PARTS)
    rows = [
        {
            "section": s,
            "first_of_part": n == 0 or schema.SECTIONS[n - 1].part != s.part,
            "part_title": titles[s.part],
            "cells": [
                {
                    "entry": g,
                    "view": exports.section_view(s, g["content"], g["comments"].get(s.key, [])),
                    "missing": g["missing_by_section"].get(s.key, []),
                }
                for g in groups
            ],
        }
        for n, s in enumerate(schema.SECTIONS)
    ]
    return render(request, "workshops/jit/grid.html", {"run": run, "groups": groups, "rows": rows})


@login_required
@require_GET
def drafts_debrief(request, exercise_run_id):
    """The debrief: which checklist items each group met or missed, with counts and exports."""
    run = _reviewed_run(request, exercise_run_id)
    groups = groups_with_drafts(run)
    items = []
    for n, item in enumerate(run.exercise.checklist or []):
        per_group = [g["results"][n] if n < len(g["results"]) else None for g in groups]
        items.append(
            {
                "result": per_group[0] if per_group else None,
                "item": item,
                "per_group": per_group,
                "met": sum(1 for r in per_group if r and r.met),
            }
        )
    return render(
        request,
        "workshops/jit/debrief.html",
        {"run": run, "groups": groups, "items": items, "group_count": len(groups)},
    )


@login_required
@require_GET
def draft_docx(request, exercise_run_id, group_number):
    run, group, draft = _readable(request, exercise_run_id, group_number)
    content = draft.content if draft else {}
    body = exports.agreement_docx(
        run=run,
        group=group,
        content=content,
        results=checklist.check(content, run.exercise.checklist),
    )
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(run, group)}.docx"'
    return response


@login_required
@require_GET
def draft_pdf(request, exercise_run_id, group_number):
    run, group, draft = _readable(request, exercise_run_id, group_number)
    content = draft.content if draft else {}
    body = exports.agreement_pdf(
        request,
        run=run,
        group=group,
        draft=draft,
        parts=_parts(content),
        results=checklist.check(content, run.exercise.checklist),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{exports.filename(run, group)}.pdf"'
    return response
