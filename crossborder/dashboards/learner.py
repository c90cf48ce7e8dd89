"""A participant's cards: what to do next, applications, upcoming seminars, modules."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from crossborder import access
from crossborder.enrolment.models import Application
from crossborder.learning.models import Attempt, Lesson, LessonView, Module
from crossborder.learning.services import lab_counts

S = Application.Status
LAPSING = timedelta(hours=48)  # an offer to confirm within this time is flagged as lapsing
GRACE = timedelta(seconds=5)  # as Attempt.is_open


@dataclass(frozen=True)
class ToDo:
    """One thing a person should do, shown in the "What to do next" card.

    `confirm_url`, when set, is the address of a POST form (a button) that does it at once."""

    title: str
    url: str
    due: datetime | date | None = None
    action: str = ""
    urgent: bool = False
    confirm_url: str = ""
    decline_url: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.due, datetime)

    @property
    def sort_key(self):
        if self.due is None:
            return (1, datetime.max.replace(tzinfo=UTC))
        due = self.due
        if not isinstance(due, datetime):
            due = datetime(due.year, due.month, due.day, tzinfo=timezone.get_current_timezone())
        return (0, due)


# Other parts of the programme add what they ask of a participant here: a callable taking the
# user and returning ToDo items (pre- and post-tests due, surveys open). Each must cost a fixed
# number of queries. The lead registers them when merging, e.g.
#   TODO_SOURCES.append(
#       lambda user: [ToDo(t.title, t.url, due=t.closes_at) for t in tests_due(user)]
#   )
TODO_SOURCES: list[Callable[[object], list[ToDo]]] = []


def application_to_dos(applications, now) -> list[ToDo]:
    """What a person's applications ask of them: confirm a seat, finish a draft, print a badge."""
    items = []
    for a in applications:
        seminar = a.call.seminar
        if a.status == S.SELECTED and not a.offer_expired:
            urgent = a.confirm_by is not None and a.confirm_by - now < LAPSING
            items.append(
                ToDo(
                    _("Confirm your seat at %(seminar)s") % {"seminar": seminar.title_local},
                    reverse("my-applications"),
                    due=a.confirm_by,
                    action=_("Confirm my place"),
                    urgent=urgent,
                    confirm_url=reverse("application-confirm", args=[a.pk]),
                    decline_url=reverse("application-decline", args=[a.pk]),
                )
            )
        elif a.status == S.DRAFT and a.call.is_open(now):
            items.append(
                ToDo(
                    _("Finish and submit your application to %(seminar)s")
                    % {"seminar": seminar.title_local},
                    reverse("apply", args=[seminar.slug]),
                    due=a.call.closes_at,
                    action=_("Finish my application"),
                )
            )
        elif a.status == S.CONFIRMED and seminar.end_date >= now.date():
            items.append(
                ToDo(
                    _("Print your badge for %(seminar)s") % {"seminar": seminar.title_local},
                    reverse("application-badge", args=[a.pk]),
                    due=seminar.start_date,
                    action=_("Badge with QR code (PDF)"),
                )
            )
    return items


def learner_cards(user, profile) -> dict:
    """The participant's cards. A fixed number of queries however many applications, modules
    and lessons there are."""
    now = timezone.now()
    applications = list(Application.objects.of_person(user).select_related("call")[:8])
    to_do = application_to_dos(applications, now)
    for source in TODO_SOURCES:
        to_do.extend(source(user))
    to_do.sort(key=lambda item: item.sort_key)
    my_seminars = [
        a for a in applications if a.status == S.CONFIRMED and a.call.seminar.end_date >= now.date()
    ]
    my_seminars.sort(key=lambda a: a.call.seminar.start_date)
    modules = my_modules(user, now)
    from crossborder.seminars.seminar_day import is_pocket_time
    from crossborder.workshops.allocation.board import upcoming_groups

    return {
        # the seminars under way (or starting tomorrow) whose "now" view this person opens
        "now_seminars": [
            a.call.seminar
            for a in applications
            if access.holds_pocket_seat(user, a) and is_pocket_time(a.call.seminar, now)
        ],
        "my_groups": upcoming_groups(user, applications, now),
        "applications": applications,
        "to_do": to_do,
        "my_seminars": my_seminars,
        "my_modules": modules,
        "suggested_modules": [] if modules else suggested_modules(user, profile),
    }


def my_modules(user, now) -> list[dict]:
    """The modules a person has started (read a lesson or tried the quiz), with their progress
    and where to continue: unfinished ones first. Five queries (the fifth: the modules'
    investigation labs and which of them the person has submitted)."""
    attempts = list(
        Attempt.objects.filter(user=user).values(
            "pk", "quiz__module_id", "submitted_at", "deadline", "passed", "score", "max_score"
        )
    )
    read = LessonView.objects.filter(user=user).values_list("lesson_id", "lesson__module_id")
    viewed, module_ids = set(), {a["quiz__module_id"] for a in attempts}
    for lesson_id, module_id in read:
        viewed.add(lesson_id)
        module_ids.add(module_id)
    lessons = Lesson.objects.only("pk", "slug", "order", "module")
    touched = Module.objects.filter(status=Module.Status.PUBLISHED, pk__in=module_ids)
    rows = []
    if module_ids:
        labs = lab_counts(user, module_ids)
        for module in touched.select_related("quiz").prefetch_related(
            Prefetch("lessons", queryset=lessons)
        ):
            rows.append(_module_row(module, attempts, viewed, now, labs))
    rows.sort(key=lambda r: (r["state"] == "passed", r["module"].order, r["module"].slug))
    return rows


def _module_row(module, attempts, viewed, now, labs=({}, {})) -> dict:
    mine = [a for a in attempts if a["quiz__module_id"] == module.pk]
    all_lessons = list(module.lessons.all())
    unread = [lesson for lesson in all_lessons if lesson.pk not in viewed]
    open_attempt = next(
        (a for a in mine if a["submitted_at"] is None and a["deadline"] + GRACE >= now), None
    )
    submitted = [a for a in mine if a["submitted_at"] is not None]
    best = max(
        (round(100 * (a["score"] or 0) / a["max_score"]) for a in submitted if a["max_score"]),
        default=None,
    )
    if any(a["passed"] for a in mine):
        state = "passed"
    elif open_attempt:
        state = "in_progress"
    elif submitted:
        state = "not_passed"
    else:
        state = "not_started"
    left = max(0, module.quiz.attempts_allowed - len(mine)) if hasattr(module, "quiz") else 0
    if open_attempt:
        url, action = reverse("attempt", args=[open_attempt["pk"]]), _("Continue the quiz")
    elif unread:
        url = reverse("lesson", args=[module.slug, unread[0].slug])
        action = _("Continue reading")
    elif state != "passed" and left:
        url, action = module.get_absolute_url(), _("Take the quiz")
    else:
        url, action = module.get_absolute_url(), _("Review the module")
    total = len(all_lessons)
    # Self-study labs count like the quiz (learning.services.progress_of).
    n_labs, n_done = labs[0].get(module.pk, 0), labs[1].get(module.pk, 0)
    return {
        "module": module,
        "lessons": total,
        "read": total - len(unread),
        "state": state,
        "best": best,
        "attempts_left": left,
        "percent": round(
            100 * (total - len(unread) + (state == "passed") + n_done) / (total + 1 + n_labs)
        ),
        "url": url,
        "action": action,
    }


def suggested_modules(user, profile, limit: int = 3) -> list[Module]:
    """Modules written for this person's profession that they may open (for a newcomer)."""
    modules = Module.objects.filter(status=Module.Status.PUBLISHED).annotate(n=Count("lessons"))
    openable = access.openable_modules(user, modules.order_by("order", "slug"))
    if profile is not None:
        fitting = [m for m in openable if profile.profession in (m.professions or [])]
        openable = fitting or openable
    return openable[:limit]
