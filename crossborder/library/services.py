"""Good-practice exchange: submission, moderation and comments."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from crossborder.audit.models import record

from .models import Comment, Entry, Kind, Status


def _unique_slug(title: str) -> str:
    base = ("practice-" + slugify(title))[:100].rstrip("-") or "practice"
    slug, n = base, 2
    while Entry.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _fill(entry: Entry, data: dict) -> None:
    entry.title = data["title"]
    entry.summary = data["summary"]
    entry.body = data.get("body") or ""
    entry.access = data["access"]
    entry.professions = list(data["professions"])
    entry.countries = [data["country"]]
    entry.sources = [{"title": line} for line in data["sources"]]
    entry.details = {
        "illustrative": False,
        "country": data["country"],
        "problem": data["problem"],
        "action": data["action"],
        "results": data["results"],
        "contact": data["contact"],
    }


@transaction.atomic
def submit_practice(*, data: dict, by) -> Entry:
    entry = Entry(
        kind=Kind.PRACTICE, status=Status.SUBMITTED, author=by, slug=_unique_slug(data["title"])
    )
    _fill(entry, data)
    entry.save()
    entry.tags.set(data["tags"])
    record(actor=by, action="library.practice.submit", obj=entry)
    return entry


@transaction.atomic
def update_submission(*, entry: Entry, data: dict, by) -> Entry:
    _fill(entry, data)
    entry.status = Status.SUBMITTED
    entry.save()
    entry.tags.set(data["tags"])
    record(actor=by, action="library.practice.resubmit", obj=entry)
    return entry


@transaction.atomic
def moderate(*, entry: Entry, decision: str, access: str, note: str, by) -> Entry:
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    entry.moderator_note = note.strip()
    if decision == "publish":
        entry.status = Status.PUBLISHED
        entry.access = access
        entry.reviewed = timezone.localdate()
    elif decision == "changes":
        entry.status = Status.CHANGES
    else:
        entry.status = Status.REJECTED
    entry.save()
    record(
        actor=by,
        action=f"library.practice.{decision}",
        obj=entry,
        details={"access": entry.access, "note": entry.moderator_note},
    )
    return entry


@transaction.atomic
def add_comment(*, entry: Entry, body: str, by) -> Comment:
    comment = Comment.objects.create(entry=entry, author=by, body=body.strip())
    record(actor=by, action="library.comment", obj=entry, details={"comment": comment.pk})
    return comment
