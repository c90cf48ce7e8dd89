"""Personal data of the library: the good practices a person submitted (with the moderator's
notes) and the comments they wrote on published practices."""

from django.utils.translation import gettext_lazy as _

from .models import Comment, Entry, Status

LABEL = _("Knowledge library")


def export(user) -> dict:
    return {
        "submissions": [
            {
                "title": e.title,
                "kind": e.kind,
                "status": e.status,
                "summary": e.summary,
                "text": e.body,
                "note_from_the_moderator": e.moderator_note,
                "created": e.created,
                "updated": e.updated,
            }
            for e in Entry.objects.filter(author=user).order_by("created")
        ],
        "comments": [
            {"entry": c.entry.title, "comment": c.body, "created": c.created}
            for c in Comment.objects.filter(author=user).select_related("entry")
        ],
    }


def erase(user) -> None:
    """Comments and unpublished submissions go (the person's own words). A published practice
    stays in the library for the other practitioners, without its author."""
    Comment.objects.filter(author=user).delete()
    for entry in Entry.objects.filter(author=user).exclude(status=Status.PUBLISHED):
        entry.delete()
    Entry.objects.filter(author=user).update(author=None)
    Entry.history.filter(author=user).update(author=None)
