"""Module pages, lessons, and taking a quiz (each answer saved the moment it is given)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access, spreadsheets
from crossborder.accounts.models import User

from . import services, versions
from .essays import essay_note, rubric_rows
from .grading import MAX_ESSAY, BadResponse, grade
from .models import Attempt, Lesson, LessonView, Module, Question
from .statistics import item_statistics
from .translations import in_language


def _module_for(request, slug):
    """(module, None) when the person may open it; (module, a sign-in redirect) for a visitor
    at a module for registered practitioners; 404 otherwise (restricted ones stay invisible)."""
    module = get_object_or_404(Module.objects.prefetch_related("tags"), slug=slug)
    if access.can_open_module(request.user, module):
        return module, None
    if not request.user.is_authenticated and module.level == "registered":
        return module, redirect_to_login(request.get_full_path())
    raise Http404


def module_list(request):
    modules = access.openable_modules(request.user, Module.objects.prefetch_related("tags"))
    progress = {}
    if request.user.is_authenticated:
        progress = services.progress_of(request.user, modules)
    return render(
        request,
        "learning/list.html",
        {"rows": [(m, progress.get(m.pk)) for m in modules]},
    )


def module_detail(request, slug):
    module, gate = _module_for(request, slug)
    if gate:
        return gate
    fixed = list(Question.objects.filter(fixed_in__module=module).values_list("kind", flat=True))
    context = {
        "module": module,
        "objectives_in_english": not module.objectives_read_in(get_language()),
        "fixed": len(fixed),
        "fixed_essays": fixed.count(Question.Kind.ESSAY),
        "lessons": module.lessons.all(),
        "library": module.library_entries.readable_at(access.library_levels(request.user))
        .only("slug", "kind", "title", "title_fr", "title_de")
        .order_by("kind", "title"),
    }
    if request.user.is_authenticated:
        context["progress"] = services.progress(request.user, module)
        context["viewed"] = set(
            module.lessons.filter(views__user=request.user).values_list("pk", flat=True)
        )
        context["attempts"] = Attempt.objects.filter(quiz__module=module, user=request.user)
        context["missing"] = services.missing_prerequisites(request.user, module)
        context["can_take"] = access.can_take_quiz(request.user, module)
        # The module's investigation labs (self-study, crossborder/labs/running/), once opened.
        context["labs"] = module.labs.exclude(status="prepared").only(
            "pk", "title", "title_fr", "title_de", "status", "module_id"
        )
    return render(request, "learning/module.html", context)


def lesson_detail(request, slug, lesson_slug):
    module, gate = _module_for(request, slug)
    if gate:
        return gate
    lesson = get_object_or_404(Lesson, module=module, slug=lesson_slug)
    if request.user.is_authenticated:
        services.mark_viewed(user=request.user, lesson=lesson)
    lessons = list(module.lessons.all())
    index = lessons.index(lesson)
    return render(
        request,
        "learning/lesson.html",
        {
            "module": module,
            "lesson": lesson,
            "english_only": not lesson.reads_in(get_language()),
            "sources": lesson.source_links(access.library_levels(request.user)),
            "previous": lessons[index - 1] if index else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
        },
    )


@login_required
@require_POST
def start_quiz(request, slug):
    module, _gate = _module_for(request, slug)
    if not access.can_take_quiz(request.user, module):
        raise Http404
    try:
        attempt = services.start_attempt(quiz=module.quiz, user=request.user)
    except services.LearningError as error:
        messages.error(request, str(error))
        return redirect(module.get_absolute_url())
    return redirect(attempt.get_absolute_url())


def _own_attempt(request, pk) -> Attempt:
    # The quiz's host (its module, or a seminar's knowledge-test form) in the same query.
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz__module", "quiz__knowledge_form__test__seminar"),
        pk=pk,
    )
    if attempt.user_id != request.user.pk:
        raise Http404
    return attempt


def _items(attempt):
    questions = versions.questions_of(attempt)  # as drawn: a later edit changes nothing here
    answers = {a.question_id: a for a in attempt.answers.select_related("graded_by")}
    items = []
    language = get_language()
    for number, pk in enumerate(attempt.question_ids, 1):
        q = in_language(questions[pk], language)
        order = attempt.layout.get(str(pk)) or []
        answer = answers.get(pk)
        items.append(
            {
                "n": number,
                "q": q,
                "order": order,
                "answer": answer,
                "response": answer.response if answer else None,
                "rubric": rubric_rows(q, answer),
            }
        )
    return items


def _completion_certificate(user, attempt):
    """After a passed module quiz: the person's certificate of completion, or "claimable" when
    they may take it now (the result page offers the button), or None."""
    from crossborder.credentials.models import Credential

    module = attempt.quiz.module
    if not (module and attempt.passed and access.can_have_wallet(user)):
        return None
    issued = Credential.objects.filter(holder=user, module=module, kind="completion").first()
    return issued or "claimable"


@login_required
def attempt_page(request, pk):
    attempt = _own_attempt(request, pk)
    if not attempt.is_open and attempt.submitted_at is None:
        # The time is up but nothing was submitted: shown as expired, never graded by a GET.
        # Submitting (the button, the next start of the quiz, or the scheduler's task) grades it.
        return render(
            request,
            "learning/attempt.html",
            {
                "attempt": attempt,
                "items": _items(attempt),
                "module": attempt.quiz.module,
                "host": attempt.quiz.host,
                "expired": True,
                "max_essay": MAX_ESSAY,
            },
        )
    if not attempt.is_open:
        return render(
            request,
            "learning/result.html",
            {
                "attempt": attempt,
                "items": _items(attempt),
                "module": attempt.quiz.module,
                "host": attempt.quiz.host,
                "show": attempt.quiz.feedback != "after_close",
                "certificate": _completion_certificate(request.user, attempt),
            },
        )
    return render(
        request,
        "learning/attempt.html",
        {
            "attempt": attempt,
            "items": _items(attempt),
            "module": attempt.quiz.module,
            "host": attempt.quiz.host,
            "max_essay": MAX_ESSAY,
        },
    )


def _raw_response(question, post):
    kind = question.kind
    if kind == "multiple":
        return post.getlist("response")
    if kind == "matching":
        return [post.get(f"m{i}", "") for i in range(len(question.data["pairs"]))]
    if kind == "ordering":
        return [post.get(f"o{i}", "") for i in range(len(question.data["items"]))]
    if kind == "gapselect":
        return [post.get(f"g{i}", "") for i in range(len(question.data["gaps"]))]
    return post.get("response", "")


@login_required
@require_POST
def save_answer(request, pk, question_id):
    """One answer: saved at once. htmx gets a small status; without JavaScript, a redirect."""
    attempt = _own_attempt(request, pk)
    # The question as the attempt holds it (its version), from the cached bank.
    question = services.attempt_question(attempt, question_id)
    if question is None:
        question = Question(pk=question_id, kind="", data={})  # refused by save_answer
    try:
        answer = services.save_answer(
            attempt=attempt,
            question_id=question.pk,
            raw=_raw_response(question, request.POST),
            user=request.user,
        )
    except (services.LearningError, BadResponse) as error:
        if request.headers.get("HX-Request"):
            return HttpResponse(
                format_html('<span class="save-error">{}: {}</span>', _("Not saved"), error),
                status=400,
            )
        messages.error(request, f"{_('Not saved')}: {error}")
        return redirect(f"{attempt.get_absolute_url()}#q{question.pk}")
    feedback, note = None, essay_note(question, answer.response)
    if attempt.quiz.feedback == "immediate" and question.kind != Question.Kind.ESSAY:
        feedback = grade(question, answer.response)
    if request.headers.get("HX-Request"):
        context = {"answer": answer, "feedback": feedback, "q": question, "note": note}
        return render(request, "learning/_saved.html", context)
    messages.success(request, _("Answer saved."))
    if note:
        messages.warning(request, note)
    return redirect(f"{attempt.get_absolute_url()}#q{question.pk}")


@login_required
@require_POST
def submit(request, pk):
    attempt = _own_attempt(request, pk)
    services.submit_attempt(attempt=attempt, user=request.user)
    return redirect(attempt.get_absolute_url())


@login_required
def module_report(request, slug):
    """Programme staff: completion per learner, item statistics, and an XLSX export."""
    if not access.can_see_learning_reports(request.user):
        raise PermissionDenied
    module = get_object_or_404(Module, slug=slug)
    lessons = module.lessons.count()
    viewed = dict(
        LessonView.objects.filter(lesson__module=module)
        .values_list("user")
        .annotate(n=Count("id"))
        .values_list("user", "n")
    )
    best = {}
    for attempt in Attempt.objects.filter(quiz__module=module).select_related("user"):
        current = best.get(attempt.user_id)
        if current is None or (attempt.score or 0) > (current.score or 0):
            best[attempt.user_id] = attempt
    learners = User.objects.filter(pk__in={*viewed, *best}).order_by("last_name", "first_name")
    rows = []
    for user in learners:
        attempt = best.get(user.pk)
        passed = bool(attempt and attempt.passed)
        read = viewed.get(user.pk, 0)
        rows.append(
            {
                "user": user,
                "read": read,
                "attempt": attempt,
                "passed": passed,
                "complete": passed and read >= lessons,
            }
        )
    if request.GET.get("format") == "xlsx":
        return HttpResponse(
            _progress_xlsx(module, rows, lessons),
            content_type=spreadsheets.XLSX_CONTENT_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{slug}-progress.xlsx"'},
        )
    completed = sum(1 for r in rows if r["complete"])
    return render(
        request,
        "learning/report.html",
        {
            "module": module,
            "rows": rows,
            "lessons": lessons,
            "completed": completed,
            "rate": round(100 * completed / len(rows)) if rows else 0,
            "items": item_statistics(module),
        },
    )


def _progress_xlsx(module, rows, lessons) -> bytes:
    header = [
        _("Family name"),
        _("Given name"),
        _("Email"),
        _("Lessons read"),
        _("Best score (%)"),
        _("Passed"),
        _("Completed"),
    ]
    body = [
        [
            r["user"].last_name,
            r["user"].first_name,
            r["user"].email,
            f"{r['read']}/{lessons}",
            r["attempt"].percent if r["attempt"] and r["attempt"].submitted_at else "",
            _("yes") if r["passed"] else _("no"),
            _("yes") if r["complete"] else _("no"),
        ]
        for r in rows
    ]
    return spreadsheets.as_xlsx(header, body, title=module.slug)
