"""Workflows on the programme that write the audit trail and keep cached pages fresh."""

from django.db import transaction

from crossborder.audit.models import record

from .models import Seminar, Session, Speaker


@transaction.atomic
def save_seminar(*, form, by) -> Seminar:
    created = form.instance.pk is None
    seminar = form.save()
    record(
        actor=by,
        action="seminar.create" if created else "seminar.update",
        obj=seminar,
        details={"fields": form.changed_data},
    )
    return seminar


@transaction.atomic
def change_status(*, seminar: Seminar, status: str, by) -> Seminar:
    """Move a seminar along draft → published → applications → held → archived."""
    if not seminar.can_move_to(status):
        raise ValueError(f"A seminar cannot go from {seminar.status} to {status}.")
    previous = seminar.status
    seminar.status = status
    seminar.save(update_fields=["status", "updated_at"])
    record(actor=by, action="seminar.status", obj=seminar, details={"from": previous, "to": status})
    return seminar


@transaction.atomic
def save_session(*, form, by) -> Session:
    created = form.instance.pk is None
    session = form.save()  # signals.py marks the seminar as changed
    if "library_entries" in form.cleaned_data:
        session.library_entries.set(form.cleaned_data["library_entries"])
    record(
        actor=by,
        action="session.create" if created else "session.update",
        obj=session,
        details={"seminar": session.seminar.slug, "fields": form.changed_data},
    )
    return session


@transaction.atomic
def delete_session(*, session: Session, by) -> None:
    record(
        actor=by, action="session.delete", obj=session, details={"seminar": session.seminar.slug}
    )
    session.delete()


@transaction.atomic
def save_speaker(*, form, by) -> Speaker:
    created = form.instance.pk is None
    speaker = form.save()
    record(actor=by, action="speaker.create" if created else "speaker.update", obj=speaker)
    return speaker


@transaction.atomic
def duplicate_seminar(*, seminar: Seminar, start_date, slug: str, title: str, by) -> Seminar:
    """Copy a seminar and its timetable as a new draft, shifted to start on `start_date`.

    Sessions keep their wall-clock times in the seminar's time zone (09:00 stays 09:00 even
    across a daylight-saving change).
    """
    shift = start_date - seminar.start_date
    sessions = list(seminar.sessions.prefetch_related("speakers", "tags"))
    copy = Seminar.objects.get(pk=seminar.pk)
    copy.pk = None
    copy.slug, copy.title, copy.title_fr, copy.title_de = slug, title, "", ""
    copy.start_date = seminar.start_date + shift
    copy.end_date = seminar.end_date + shift
    copy.status = Seminar.Status.DRAFT
    copy.save()
    copy.tags.set(seminar.tags.all())
    tz = seminar.tz
    for old in sessions:
        start = old.start.astimezone(tz)
        end = old.end.astimezone(tz)
        new = Session.objects.create(
            seminar=copy,
            title=old.title,
            title_fr=old.title_fr,
            title_de=old.title_de,
            description=old.description,
            description_fr=old.description_fr,
            description_de=old.description_de,
            kind=old.kind,
            start=copy.local_datetime(start.date() + shift, start.time()),
            end=copy.local_datetime(end.date() + shift, end.time()),
            room=old.room,
            track=old.track,
            chair=old.chair,
            objectives=old.objectives,
            materials=old.materials,
        )
        new.speakers.set(old.speakers.all())
        new.tags.set(old.tags.all())
    record(
        actor=by,
        action="seminar.duplicate",
        obj=copy,
        details={"from": seminar.slug, "shift_days": shift.days, "sessions": len(sessions)},
    )
    return copy
