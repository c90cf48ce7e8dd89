"""The question bank editor: a module's bank page with bulk actions, and the editor of one
question with a live preview ("as the learner sees it") and "try it", graded by the real code.

Every page begins with _module_for: the module, if the signed-in person may edit it (404
otherwise). Nothing here saves on a preview or a try; only "Save" and the bulk actions write."""

from contextlib import suppress

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.learning import regrading
from crossborder.learning.grading import MAX_ESSAY, BadResponse, clean_response, count_words, grade
from crossborder.learning.models import Module, Question
from crossborder.library.models import Entry

from . import questions
from .question_bank import BankFilter, category_tree, tags_of
from .question_forms import QuestionEditor, category_path, labels_of
from .question_kinds import KINDS
from .question_tryit import feedback_for, preview_item, response_from

MAX_CATEGORY = Question._meta.get_field("category").max_length
BANK_FIELDS = ("pk", "module_id", "key", "name", "idnumber", "category", "kind", "text")


def _id(value: str) -> int | None:
    """A question id from a form field (None for anything that cannot be one)."""
    value = value.strip()
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**31:
        return int(value)
    return None


def _module_for(request, slug) -> Module:
    module = get_object_or_404(Module.objects.prefetch_related("owners"), slug=slug)
    if not access.can_edit_module(request.user, module):
        raise Http404
    return module


@login_required
def bank(request, slug):
    module = _module_for(request, slug)
    every = list(
        module.questions.only(*BANK_FIELDS, "hidden", "labels", "edited_at")
        .prefetch_related("tags")
        .order_by("name", "key")
    )
    filters = BankFilter(request.GET)
    shown = [q for q in every if filters.matches(q)]
    tags = sorted({t for q in every for t in tags_of(q)}, key=str.casefold)
    return render(
        request,
        "authoring/questions/bank.html",
        {
            "module": module,
            "filters": filters,
            "tree": category_tree(every, shown),
            "shown": len(shown),
            "total": len(every),
            "categories": sorted({q.category for q in every if q.category}, key=str.casefold),
            "tags": tags,
            "kinds": Question.Kind.choices,
            "back": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
def bank_action(request, slug):
    """A bulk action on the ticked questions; back to the bank with the same filters."""
    module = _module_for(request, slug)
    back = request.POST.get("back", "")
    target = redirect(f"{module_bank_url(module)}{'?' + back if back else ''}")
    ids = [pk for pk in map(_id, request.POST.getlist("ids")) if pk]
    action = request.POST.get("action", "")
    if not ids:
        messages.error(request, _("Questions: tick at least one question."))
        return target
    if action == "move":
        category = category_path(request.POST.get("category", ""))
        if len(category) > MAX_CATEGORY:
            messages.error(
                request,
                _("Category: at most %(n)s characters, please.") % {"n": MAX_CATEGORY},
            )
            return target
        n = questions.move_questions(module=module, ids=ids, category=category, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(n)s question moved to “%(category)s”.",
                "%(n)s questions moved to “%(category)s”.",
                n,
            )
            % {"n": n, "category": category or _("Top")},
        )
    elif action == "tag":
        label = next(iter(labels_of(request.POST.get("tag", ""))), "")
        if not label:
            messages.error(request, _("Tag: type the tag to add."))
            return target
        n = questions.tag_questions(module=module, ids=ids, label=label, by=request.user)
        messages.success(
            request,
            ngettext(
                "Tag “%(tag)s” added to %(n)s question.",
                "Tag “%(tag)s” added to %(n)s questions.",
                n,
            )
            % {"tag": label, "n": n},
        )
    elif action in ("hide", "unhide"):
        n = questions.hide_questions(
            module=module, ids=ids, hidden=action == "hide", by=request.user
        )
        if action == "hide":
            messages.success(
                request,
                ngettext(
                    "%(n)s question hidden from learners.",
                    "%(n)s questions hidden from learners.",
                    n,
                )
                % {"n": n},
            )
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s question shown to learners.", "%(n)s questions shown to learners.", n
                )
                % {"n": n},
            )
    else:
        messages.error(request, _("Action: choose what to do with the ticked questions."))
    return target


def module_bank_url(module) -> str:
    return reverse("author-question-bank", args=[module.slug])


@login_required
def question_new(request, slug):
    module = _module_for(request, slug)
    kind = request.POST.get("kind") or request.GET.get("kind")
    if kind not in KINDS:
        return render(
            request,
            "authoring/questions/choose_kind.html",
            {"module": module, "kinds": Question.Kind.choices},
        )
    return _editor_page(request, module, kind, None)


@login_required
def question_edit(request, slug, pk):
    module = _module_for(request, slug)
    question = get_object_or_404(module.questions.prefetch_related("tags"), pk=pk)
    return _editor_page(request, module, question.kind, question)


@login_required
@require_POST
def question_preview(request, slug):
    """htmx: the preview (and the graded try) of the form as it is now; nothing is saved."""
    module = _module_for(request, slug)
    kind = request.POST.get("kind")
    if kind not in KINDS:
        raise Http404
    question = None
    if _id(request.POST.get("question", "")):
        question = get_object_or_404(module.questions, pk=_id(request.POST["question"]))
        kind = question.kind
    editor = QuestionEditor(module=module, kind=kind, question=question, data=request.POST)
    context = _preview(editor, request.POST)
    return render(request, "authoring/questions/_preview.html", {"module": module, **context})


def _editor_page(request, module, kind, question):
    if request.method != "POST":
        editor = QuestionEditor(module=module, kind=kind, question=question)
        context = {"errors": [], "preview": None, "tried": None}
        if question is not None:
            context.update(_try(question, {}))
    else:
        editor = QuestionEditor(module=module, kind=kind, question=question, data=request.POST)
        if request.POST.get("action") == "save" and editor.is_valid():
            saved = questions.save_question(
                module=module,
                question=question,
                fields=editor.built,
                tags=editor.tags,
                by=request.user,
            )
            messages.success(request, _("Question “%(name)s” saved.") % {"name": saved.title})
            behind = regrading.attempts_behind(saved) if question is not None else 0
            if behind:
                messages.info(
                    request,
                    ngettext(
                        "%(n)s submitted attempt keeps the earlier version of this question and "
                        "its score: only a programme manager's regrade moves it to this version.",
                        "%(n)s submitted attempts keep the earlier version of this question and "
                        "their scores: only a programme manager's regrade moves them to this "
                        "version.",
                        behind,
                    )
                    % {"n": behind},
                )
            return redirect("author-question-edit", slug=module.slug, pk=saved.pk)
        context = _preview(editor, request.POST)
    return render(
        request,
        "authoring/questions/edit.html",
        {
            "module": module,
            "question": question,
            "kind": kind,
            "kind_label": Question.Kind(kind).label,
            "may_regrade": question is not None and access.can_regrade(request.user),
            "editor": editor,
            "categories": sorted(
                set(module.questions.exclude(category="").values_list("category", flat=True)),
                key=str.casefold,
            ),
            "entries": Entry.objects.published().only("slug", "title").order_by("title"),
            **context,
        },
        status=400 if context["errors"] else 200,
    )


def _preview(editor, post) -> dict:
    """The preview of the form as it is now: the question as the learner sees it, or the
    problems that keep it from being shown."""
    if not editor.is_valid():
        return {"errors": editor.errors(), "preview": None, "tried": None}
    context = {"errors": [], **_try(editor.preview_question(), post)}
    editor.refresh_rows()
    return context


def _try(question, post) -> dict:
    """The question as the learner sees it and, when "Try it" was pressed, the answer given in
    the preview graded by the real grading code (clean_response, grade). Nothing is saved."""
    item = preview_item(question)
    context = {
        "preview": item,
        "tried": None,
        "max_essay": MAX_ESSAY,
        "source_entry": Entry.objects.filter(slug=question.source).only("slug", "title").first()
        if not question.source.startswith("https://")
        else None,
    }
    if question.kind == Question.Kind.DESCRIPTION:
        return context
    if post.get("action") != "try":
        # A live refresh while the author edits: the answer given so far stays in place.
        with suppress(BadResponse, LookupError):  # none given yet, or not one that fits
            item["response"] = clean_response(question, response_from(question, post))
        return context
    try:
        response = clean_response(question, response_from(question, post))
    except BadResponse as error:
        context["tried"] = {"error": str(error)}
        return context
    item["response"], item["answer"] = response, True  # the quiz partial shows a given answer
    score = grade(question, response)
    context["tried"] = {
        "score": score,
        "feedback": feedback_for(question, response, score),
        "words": count_words(response) if question.kind == Question.Kind.ESSAY else None,
    }
    return context
