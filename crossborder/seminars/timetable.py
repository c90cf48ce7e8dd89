"""Arrange a seminar's sessions by day and time slot, in the seminar's own time zone."""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Slot:
    start: datetime
    end: datetime
    sessions: list = field(default_factory=list)

    @property
    def parallel(self) -> bool:
        return len(self.sessions) > 1

    @property
    def is_break(self) -> bool:
        return all(s.is_break for s in self.sessions)


@dataclass
class Day:
    date: date
    number: int
    slots: list = field(default_factory=list)


def timetable_days(seminar) -> list[Day]:
    """Sessions grouped by local day, then by (start, end); uses the prefetched sessions."""
    tz = seminar.tz
    days = {d: Day(date=d, number=i) for i, d in enumerate(seminar.days, 1)}
    slots: dict = {}
    for session in sorted(seminar.sessions.all(), key=lambda s: (s.start, s.track, s.room)):
        start, end = session.start.astimezone(tz), session.end.astimezone(tz)
        key = (start, end)
        if key not in slots:
            slots[key] = Slot(start=start, end=end)
            day = days.get(start.date())
            if day is None:  # outside the seminar's dates: shown on a day of its own
                day = days.setdefault(start.date(), Day(date=start.date(), number=0))
            day.slots.append(slots[key])
        slots[key].sessions.append(session)
    return [days[d] for d in sorted(days)]
