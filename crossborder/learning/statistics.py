"""Item statistics across submitted attempts, so trainers can fix bad questions.

- Facility index: mean score on the item (0–1); very high or very low means too easy or too hard.
- Discrimination index: mean item score of the top third of learners (by total percent) minus
  that of the bottom third; near zero or negative means the item does not separate those who
  know from those who do not.
- Option frequency: how often each choice was picked (single and multiple response).
"""

from collections import Counter, defaultdict

from .models import Answer, Attempt


def item_statistics(module) -> list[dict]:
    attempts = list(
        Attempt.objects.filter(quiz__module=module, submitted_at__isnull=False).only(
            "pk", "score", "max_score"
        )
    )
    if not attempts:
        return []
    ranked = sorted(attempts, key=lambda a: a.percent)
    third = max(1, len(ranked) // 3)
    bottom = {a.pk for a in ranked[:third]}
    top = {a.pk for a in ranked[-third:]}
    by_question = defaultdict(list)
    graded = Answer.objects.filter(attempt__in=attempts, score__isnull=False)  # not essays waiting
    for answer in graded.select_related("question"):
        by_question[answer.question].append(answer)
    rows = []
    for question, answers in sorted(by_question.items(), key=lambda item: item[0].key):
        scores = [a.score or 0 for a in answers]
        top_scores = [a.score or 0 for a in answers if a.attempt_id in top]
        bottom_scores = [a.score or 0 for a in answers if a.attempt_id in bottom]
        mean = lambda values: sum(values) / len(values) if values else 0.0  # noqa: E731
        frequency = Counter()
        if question.kind in ("single", "multiple"):
            for a in answers:
                picks = a.response if isinstance(a.response, list) else [a.response]
                frequency.update(picks)
        options = [
            (o["text"], frequency.get(i, 0), o["correct"])
            for i, o in enumerate(question.data.get("options", []))
        ]
        rows.append(
            {
                "question": question,
                "answers": len(answers),
                "facility": round(mean(scores), 2),
                "discrimination": round(mean(top_scores) - mean(bottom_scores), 2),
                "options": options,
            }
        )
    return rows
