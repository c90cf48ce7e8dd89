"""Keep cached seminar pages fresh, whatever path a change takes (editor, API, admin, loader).

Every change to something a seminar page shows moves that seminar's `updated_at`, which is part
of the cache key of its page, calendar and PDF.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from crossborder.curriculum.models import Tag

from .models import Programme, Seminar, Session, Speaker, Venue


def touch_seminars(queryset) -> None:
    Seminar.objects.filter(pk__in=queryset.values("pk")).update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=Session)
def session_changed(sender, instance, **kwargs):
    touch_seminars(Seminar.objects.filter(pk=instance.seminar_id))


@receiver(m2m_changed, sender=Session.speakers.through)
@receiver(m2m_changed, sender=Session.tags.through)
def session_links_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Session):
        touch_seminars(Seminar.objects.filter(pk=instance.seminar_id))


@receiver([post_save, post_delete], sender=Speaker)
def speaker_changed(sender, instance, **kwargs):
    touch_seminars(
        Seminar.objects.filter(sessions__speakers=instance)
        | Seminar.objects.filter(sessions__chair=instance)
    )


@receiver(post_save, sender=Venue)
def venue_changed(sender, instance, **kwargs):
    touch_seminars(Seminar.objects.filter(venue=instance))


@receiver(post_save, sender=Programme)
def programme_changed(sender, instance, **kwargs):
    touch_seminars(Seminar.objects.filter(programme=instance))


@receiver(post_save, sender=Tag)
def tag_changed(sender, instance, **kwargs):
    touch_seminars(Seminar.objects.filter(sessions__tags=instance))
