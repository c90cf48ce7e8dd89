"""Personal data of seminars: the sessions a person chose for their calendar, whether they have
a calendar link (never its secret), and their speaker page when they speak at seminars."""

from django.utils.translation import gettext_lazy as _

from .models import Attendance, CalendarToken, Speaker

LABEL = _("Seminars and calendar")


def export(user) -> dict:
    speaker = Speaker.objects.filter(user=user).first()
    return {
        "sessions_chosen": [
            {
                "seminar": a.session.seminar.title,
                "session": a.session.title,
                "start": a.session.start,
                "chosen_at": a.created_at,
            }
            for a in Attendance.objects.filter(user=user).select_related("session__seminar")
        ],
        "calendar_link": CalendarToken.objects.filter(user=user)
        .values_list("created_at", flat=True)
        .first(),
        "speaker": None
        if speaker is None
        else {
            "name": speaker.name,
            "function": speaker.function,
            "organisation": speaker.organisation,
            "country": speaker.country.code,
            "biography": {"en": speaker.bio, "fr": speaker.bio_fr, "de": speaker.bio_de},
            "photo": bool(speaker.photo),
            "sessions": [
                {"seminar": s.seminar.title, "session": s.title, "start": s.start}
                for s in speaker.sessions.select_related("seminar")
            ],
        },
    }


def erase(user) -> None:
    """The calendar link and session choices go. A speaker page stays for the timetables and
    the session ratings of past seminars, but without name, photo, function or biography."""
    CalendarToken.objects.filter(user=user).delete()
    Attendance.objects.filter(user=user).delete()
    for speaker in Speaker.objects.filter(user=user):
        if speaker.photo:
            speaker.photo.delete(save=False)
        speaker.name = str(_("Former speaker"))
        speaker.slug = f"speaker-{speaker.pk}"
        speaker.function = ""
        speaker.organisation = ""
        speaker.bio = speaker.bio_fr = speaker.bio_de = ""
        speaker.user = None
        speaker.save()
