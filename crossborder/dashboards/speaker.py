"""A trainer's cards: the sessions they speak at or chair, and the modules they author."""

from django.db.models import Count, Q
from django.utils import timezone

from crossborder.evaluation.surveys.analysis import ratings_for_speaker
from crossborder.learning.models import Module
from crossborder.seminars.models import Seminar, Session, Speaker

PAST_SHOWN = 3  # the most recent past sessions, after all upcoming ones
FEEDBACK_SHOWN = 5  # rated sessions on the card, weakest first (all of them on "my ratings")


def speaker_cards(user) -> dict:
    """Sessions upcoming first (then the latest past ones) with seminar, time and room; the
    modules the trainer owns with how many people tried their quiz; how attendees rated the
    trainer's sessions in the satisfaction surveys."""
    now = timezone.now()
    speaker = Speaker.objects.filter(user=user).first()
    sessions = []
    if speaker is not None:
        mine = (
            Session.objects.filter(Q(speakers=speaker) | Q(chair=speaker))
            .exclude(seminar__status=Seminar.Status.DRAFT)
            .distinct()
            .select_related("seminar")
            .order_by("start")
        )
        listed = list(mine)
        upcoming = [s for s in listed if s.end >= now]
        past = [s for s in listed if s.end < now][-PAST_SHOWN:][::-1]
        sessions = [
            {"session": s, "chair": s.chair_id == speaker.pk, "past": s.end < now}
            for s in upcoming + past
        ]
    modules = list(
        Module.objects.filter(owners=user)
        .annotate(
            learners=Count("quiz__attempts__user", distinct=True),
            lesson_count=Count("lessons", distinct=True),
        )
        .order_by("status", "order", "slug")
    )
    feedback = None
    if speaker is not None:
        ratings = ratings_for_speaker(speaker)
        feedback = {
            "sessions": [r for r in ratings["sessions"] if r.n][:FEEDBACK_SHOWN],
            "rated": sum(1 for r in ratings["sessions"] if r.n),
        }
    from crossborder.seminars.seminar_day import is_pocket_time
    from crossborder.workshops.allocation.board import groups_led

    now_seminars = {}
    for row in sessions:
        seminar = row["session"].seminar
        if is_pocket_time(seminar, now):
            now_seminars.setdefault(seminar.pk, seminar)
    return {
        "now_seminars": list(now_seminars.values()),
        "led_groups": groups_led(user) if speaker is not None else [],
        "speaker": speaker,
        "my_sessions": sessions,
        "authored_modules": modules,
        "session_feedback": feedback,
    }
