"""Every group's draft of a run with its checklist results, for the trainer's grid, the debrief
and anything else that shows all groups at once."""

from crossborder.workshops.models import Draft, DraftComment, Group

from . import checklist


def missing_by_section(results) -> dict[str, list]:
    """The missing checklist results of a draft, by the section they link to."""
    found = {}
    for r in results:
        if r.missing:
            found.setdefault(r.section, []).append(r)
    return found


def groups_with_drafts(run) -> list[dict]:
    """Every group of the run's workshop with its draft, checklist results and comments, in a
    fixed number of queries however many groups there are."""
    groups = list(
        Group.objects.filter(workshop_id=run.workshop_id)
        .select_related("trainer", "session")
        .order_by("number")
    )
    drafts = {d.group_id: d for d in Draft.objects.filter(run=run).select_related("updated_by")}
    comments = {}
    for c in DraftComment.objects.filter(draft__run=run).select_related("author"):
        comments.setdefault(c.draft_id, {}).setdefault(c.section, []).append(c)
    rows = []
    for group in groups:
        draft = drafts.get(group.pk)
        content = draft.content if draft else {}
        results = checklist.check(content, run.exercise.checklist)
        rows.append(
            {
                "group": group,
                "draft": draft,
                "content": content,
                "results": results,
                "summary": checklist.summary(results),
                "missing_by_section": missing_by_section(results),
                "comments": comments.get(draft.pk, {}) if draft else {},
            }
        )
    return rows
