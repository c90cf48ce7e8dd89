"""Keep the search index and citation keys in step with entries, whoever changes them (facets
are read from the entries and their tags at each search: nothing to do when tags change)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import search
from .models import Entry


@receiver(post_save, sender=Entry)
def index_entry(sender, instance, raw=False, **kwargs):
    if not raw:
        search.refresh(instance)


@receiver(post_delete, sender=Entry)
def unindex_entry(sender, instance, **kwargs):
    search.remove_from_index(instance.pk)


@receiver([post_save, post_delete], sender=Entry)
def entry_changed_on_seminar_pages(sender, instance, raw=False, **kwargs):
    """Seminar pages list the entries of their sessions: a change to one refreshes them."""
    from crossborder.seminars.models import Seminar
    from crossborder.seminars.signals import touch_seminars

    if not raw:
        touch_seminars(Seminar.objects.filter(sessions__library_entries=instance))


@receiver(m2m_changed, sender=Entry.sessions.through)
def entry_sessions_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    from crossborder.seminars.models import Seminar, Session
    from crossborder.seminars.signals import touch_seminars

    if not action.startswith("post_"):
        return
    if isinstance(instance, Session):
        touch_seminars(Seminar.objects.filter(pk=instance.seminar_id))
    else:
        touch_seminars(Seminar.objects.filter(sessions__library_entries=instance))
        if pk_set:
            touch_seminars(Seminar.objects.filter(sessions__pk__in=pk_set))
