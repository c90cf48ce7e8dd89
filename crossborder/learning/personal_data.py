"""Personal data of online learning: the lessons a person read and their quiz attempts, with
every answer, score and the feedback a trainer gave on an essay."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import Answer, Attempt, LessonView, Question

LABEL = _("Online modules")


def export(user) -> dict:
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz__module")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question").order_by("pk"))
        )
        .order_by("started_at")
    )
    return {
        "lessons_read": [
            {"module": v.lesson.module.title, "lesson": v.lesson.title, "read_at": v.viewed_at}
            for v in LessonView.objects.filter(user=user).select_related("lesson__module")
        ],
        "attempts": [
            {
                "module": a.quiz.module.title,
                "number": a.number,
                "started_at": a.started_at,
                "submitted_at": a.submitted_at,
                "score": a.score,
                "max_score": a.max_score,
                "passed": a.passed,
                "answers": [
                    {
                        "question": answer.question.key,
                        "kind": answer.question.kind,
                        "response": answer.response,
                        # scored when saved; shown once the attempt is submitted
                        "score": answer.score if a.submitted_at else None,
                        "feedback": answer.feedback,
                        "saved_at": answer.saved_at,
                    }
                    for answer in a.answers.all()
                ],
            }
            for a in attempts
        ],
    }


def erase(user) -> None:
    """Attempts, scores and pass marks stay (completion and knowledge-gain indicators); the
    essays the person wrote and a trainer's feedback on them go: free text may identify."""
    Answer.objects.filter(attempt__user=user, question__kind=Question.Kind.ESSAY).update(
        response=""
    )
    Answer.objects.filter(attempt__user=user).exclude(feedback="").update(feedback="")
