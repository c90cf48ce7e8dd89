"""The forms of the exercise pages: which workshop slot to prepare a run for, which role card to
read."""

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from crossborder import access
from crossborder.seminars.models import Seminar, Session

from ..models import ExerciseRun


def slots_for(user, exercise) -> list[tuple[Session, list[Session]]]:
    """The workshop slots this user may prepare the exercise for and that do not have it yet:
    (first session of the slot, all its sessions), in timetable order. All slots of seminars
    not archived for programme staff; the slots a trainer speaks at or chairs for a trainer."""
    sessions = Session.objects.filter(kind=Session.Kind.WORKSHOP).exclude(
        seminar__status=Seminar.Status.ARCHIVED
    )
    if not access.is_programme_staff(user):
        if not access.can_browse_exercises(user):
            return []
        mine = sessions.filter(Q(speakers__user=user) | Q(chair__user=user))
        sessions = sessions.filter(
            Q(seminar_id__in=mine.values("seminar_id")) & Q(start__in=mine.values("start"))
        )
    taken = set(
        ExerciseRun.objects.filter(exercise=exercise).values_list(
            "workshop__seminar_id", "workshop__start"
        )
    )
    slots: dict = {}
    for session in sessions.select_related("seminar").order_by("start", "track", "room"):
        key = (session.seminar_id, session.start)
        if key not in taken:
            slots.setdefault(key, []).append(session)
    if not access.is_programme_staff(user):  # the filter above crosses seminars and starts
        allowed = {(s.seminar_id, s.start) for s in mine}
        slots = {k: v for k, v in slots.items() if k in allowed}
    return [(group[0], group) for group in slots.values()]


def slot_label(first: Session, sessions: list[Session]) -> str:
    seminar = first.seminar
    start = formats.date_format(timezone.localtime(first.start, seminar.tz), "DATETIME_FORMAT")
    tracks = " / ".join(s.title_local for s in sessions)
    return f"{seminar.title_local} – {start} – {tracks}"


class PrepareForm(forms.Form):
    slot = forms.TypedChoiceField(
        label=_("Workshop slot"),
        coerce=int,
        help_text=_("The parallel workshop sessions that start together; each group works in one."),
    )

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [("", "—")] + [
            (first.pk, slot_label(first, sessions)) for first, sessions in slots
        ]
        self.fields["slot"].error_messages["invalid_choice"] = _(
            "Choose one of the workshop slots listed; the exercise may already be prepared for "
            "that slot, or you do not train in it."
        )
