"""Saving a library entry from the editor: audited, marked as edited in the browser (so
`load_content` leaves it alone), indexed for search and linked to what cites it."""

from django.db import transaction
from django.utils import timezone

from crossborder.audit.models import record
from crossborder.library.content import link_curriculum
from crossborder.library.models import Entry


@transaction.atomic
def save_entry(*, form, by) -> Entry:
    """Create or update an entry. Saving it re-indexes it for search and refreshes its citation
    keys (library.signals); when its citations changed, modules and questions that cite them
    are linked to it again."""
    created = form.instance.pk is None
    entry = form.save(commit=False)
    entry.edited_at = timezone.now()
    entry.save()
    form.save_m2m()
    if created or "citations" in form.changed_data:
        link_curriculum()
    record(
        actor=by,
        action="library.entry.create" if created else "library.entry.update",
        obj=entry,
        details={"fields": form.changed_data},
    )
    return entry
