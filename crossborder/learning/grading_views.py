"""The grading queue: trainers grade submitted essays with their rubric and give feedback."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from crossborder import access
from crossborder.audit.models import record_view

from . import essays
from .forms import EssayGradeForm
from .grading import count_words
from .models import Answer, Module, Question
from .versions import question_as_drawn

PER_PAGE = 25


def gradable_modules(user) -> list[Module]:
    """The modules with essay questions whose essays this person may grade."""
    with_essays = Module.objects.filter(questions__kind=Question.Kind.ESSAY).distinct()
    if access.may_own_modules(user):  # a draft of theirs: owners read in one query
        with_essays = with_essays.prefetch_related("owners")
    return [m for m in with_essays.order_by("order", "slug") if access.can_grade_essays(user, m)]


def essays_awaiting(user) -> int:
    """How many submitted essays this person may grade are waiting (the dashboard's count), in
    one query: the levels of the modules a trainer may open are those whose essays they grade."""
    waiting = Answer.objects.awaiting_grading()
    if not access.is_programme_staff(user):
        waiting = waiting.filter(question__module__level__in=access.module_levels(user))
    return waiting.count()


@login_required
def grading_queue(request):
    """Submitted essays awaiting grading, oldest first (or those graded, newest first), by
    module. The same number of queries however many answers there are."""
    if not access.can_use_grading_queue(request.user):
        raise PermissionDenied
    modules = gradable_modules(request.user)
    chosen = next((m for m in modules if m.slug == request.GET.get("module")), None)
    graded = request.GET.get("status") == "graded"
    answers = Answer.objects.essays().filter(
        question__module__in=[chosen] if chosen else modules, score__isnull=not graded
    )
    if graded:
        answers = answers.order_by(F("graded_at").desc(nulls_last=True), "-pk")
    else:
        answers = answers.order_by("attempt__submitted_at", "pk")
    answers = answers.select_related("attempt__user", "question__module", "graded_by")
    page = Paginator(answers, PER_PAGE).get_page(request.GET.get("page"))
    for answer in page:
        answer.words = count_words(answer.response)
    query = {
        k: v for k, v in (("module", chosen and chosen.slug), ("status", graded and "graded")) if v
    }
    return render(
        request,
        "learning/grading_queue.html",
        {
            "modules": modules,
            "chosen": chosen,
            "graded": graded,
            "page": page,
            "query": urlencode(query),
        },
    )


@login_required
def grade_essay(request, slug, answer_id):
    """One essay: the question, grader information, the learner's text, the rubric and
    feedback. Saving it again regrades (audited)."""
    answer = essays.answer_for_grading(answer_id)
    if answer is None or answer.question.module.slug != slug:
        raise Http404
    module = answer.question.module
    if not access.can_grade_essays(request.user, module):
        raise PermissionDenied
    # The essay as the learner answered it (the attempt's version): its text and rubric.
    question = question_as_drawn(answer.attempt, answer.question_id)
    question.module = module
    answer.question = question
    form = EssayGradeForm(request.POST or None, answer=answer)
    if request.method == "POST":
        if form.is_valid():
            try:
                essays.grade_essay(
                    answer=answer,
                    scores=form.scores(),
                    feedback=form.cleaned_data["feedback"],
                    by=request.user,
                )
            except essays.GradingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Grade saved for %(name)s; they will be emailed.")
                    % {"name": answer.attempt.user.get_full_name() or answer.attempt.user.email},
                )
                return redirect(f"{reverse('grading-queue')}?{urlencode({'module': slug})}")
        answer.refresh_from_db(fields=["score", "rubric_scores", "feedback", "graded_at"])
    else:
        record_view(actor=request.user, obj=answer, what="essay")
    data = question.data or {}
    return render(
        request,
        "learning/grade_essay.html",
        {
            "answer": answer,
            "module": module,
            "q": question,
            "form": form,
            "words": count_words(answer.response),
            "min_words": data.get("min_words"),
            "max_words": data.get("max_words"),
            "total": sum(essays.maxima(question)),
        },
        status=400 if request.method == "POST" else 200,
    )
