"""iCalendar (RFC 5545) feeds of sessions, with the seminars' time zones included."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText


def calendar_for(sessions, *, name: str, seminar_lookup: dict | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Crossborder//Programme//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    now = timezone.now()
    for session in sessions:
        seminar = (seminar_lookup or {}).get(session.seminar_id) or session.seminar
        tz = seminar.tz
        event = Event()
        event.add("uid", f"session-{session.pk}@crossborder")
        event.add("dtstamp", now)
        event.add("dtstart", session.start.astimezone(tz))
        event.add("dtend", session.end.astimezone(tz))
        event.add("summary", session.title_local)
        where = ", ".join(p for p in [session.room, seminar.city] if p)
        if where:
            event.add("location", vText(where))
        speakers = ", ".join(s.name for s in session.speakers.all())
        details = "\n\n".join(p for p in [session.description_local, speakers] if p)
        if details:
            event.add("description", details)
        event.add("url", f"{settings.SITE_URL}{seminar.get_absolute_url()}#session-{session.pk}")
        event.add("categories", [session.get_kind_display()])
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
