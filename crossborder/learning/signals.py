"""Keep the cached question banks in step with the questions, whoever changes them (an author in
the browser, a restore from history, an import or `load_content`)."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Question, Quiz
from .services import forget_banks


@receiver([post_save, post_delete], sender=Question)
def question_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    quizzes = list(
        Quiz.objects.filter(Q(module_id=instance.module_id) | Q(questions=instance.pk))
        .values_list("pk", flat=True)
        .distinct()
    )
    forget_banks(quizzes)
    # Again once committed: a request may have cached the old question in between.
    transaction.on_commit(lambda: forget_banks(quizzes))


@receiver(m2m_changed, sender=Quiz.questions.through)
def fixed_questions_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Quiz):
        forget_banks([instance.pk])
    else:
        forget_banks(list(instance.fixed_in.values_list("pk", flat=True)))
