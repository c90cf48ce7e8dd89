"""The authoring home, the module editor (details, quiz settings, status) and the live preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Max, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.learning.models import Lesson, Module, Question, Quiz

from . import modules
from .markdown_checks import unsafe_markup
from .module_forms import ModuleForm, QuizForm

STATUS_ORDER = Case(
    When(status=Module.Status.DRAFT, then=Value(0)),
    When(status=Module.Status.PUBLISHED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def require_author(request):
    if not access.can_author(request.user):
        raise PermissionDenied


def module_for_author(request, slug) -> Module:
    """The module, if this person may edit it; 404 otherwise (drafts stay invisible)."""
    module = get_object_or_404(Module.objects.prefetch_related("owners"), slug=slug)
    if not access.can_edit_module(request.user, module):
        raise Http404
    return module


def _per_module(model, aggregate):
    rows = model.objects.filter(module=OuterRef("pk")).order_by().values("module")
    return Subquery(rows.annotate(value=aggregate).values("value")[:1])


@login_required
def home(request):
    """The modules this person authors (all of them for programme staff), in one query."""
    require_author(request)
    rows = (
        access.editable_modules(request.user, Module.objects.all())
        .annotate(
            lesson_count=Coalesce(_per_module(Lesson, Count("pk")), 0),
            question_count=Coalesce(_per_module(Question, Count("pk")), 0),
            lessons_edited=_per_module(Lesson, Max("edited_at")),
            questions_edited=_per_module(Question, Max("edited_at")),
            status_order=STATUS_ORDER,
        )
        .order_by("status_order", "order", "slug")
    )
    table = []
    for module in rows:
        stamps = [module.edited_at, module.lessons_edited, module.questions_edited]
        table.append((module, max((s for s in stamps if s), default=None)))
    return render(
        request,
        "authoring/modules/home.html",
        {"rows": table, "may_edit_library": access.can_edit_library(request.user)},
    )


@login_required
def module_new(request):
    require_author(request)
    may_assign = access.can_assign_module_owners(request.user)
    form = ModuleForm(request.POST or None, may_assign_owners=may_assign)
    quiz_form = QuizForm(request.POST or None, prefix="quiz", instance=Quiz())
    # `&`, not `and`: both forms are checked, so every message shows at once
    if request.method == "POST" and form.is_valid() & quiz_form.is_valid():
        module = modules.create_module(form=form, quiz_form=quiz_form, by=request.user)
        messages.success(request, _("Module created as a draft. Add its lessons and questions."))
        return redirect("author-module", slug=module.slug)
    return render(
        request,
        "authoring/modules/module.html",
        {"form": form, "quiz_form": quiz_form, "module": None},
        status=400 if form.errors or quiz_form.errors else 200,
    )


@login_required
def module_edit(request, slug):
    module = module_for_author(request, slug)
    may_assign = access.can_assign_module_owners(request.user)
    quiz = getattr(module, "quiz", None) or Quiz(module=module)  # saved with the module
    form = ModuleForm(request.POST or None, instance=module, may_assign_owners=may_assign)
    quiz_form = QuizForm(request.POST or None, prefix="quiz", instance=quiz)
    if request.method == "POST" and form.is_valid() & quiz_form.is_valid():
        module = modules.update_module(form=form, quiz_form=quiz_form, by=request.user)
        messages.success(request, _("Module saved."))
        return redirect("author-module", slug=module.slug)
    if form.errors:
        module = Module.objects.get(pk=module.pk)  # the form has put its invalid values on it
    return render(
        request,
        "authoring/modules/module.html",
        {
            "form": form,
            "quiz_form": quiz_form,
            "module": module,
            "lessons": module.lessons.only(
                "pk", "module_id", "order", "slug", "title", "edited_at"
            ),
            "problems": modules.publish_problems(module)
            if module.status == Module.Status.DRAFT
            else [],
        },
        status=400 if form.errors or quiz_form.errors else 200,
    )


STATUS_ACTIONS = {
    "publish": (
        modules.publish_module,
        gettext_lazy("The module is published: learners can open it."),
    ),
    "archive": (
        modules.archive_module,
        gettext_lazy("The module is archived: learners no longer see it."),
    ),
    "unarchive": (modules.unarchive_module, gettext_lazy("The module is a draft again.")),
}


@login_required
@require_POST
def module_status(request, slug):
    module = module_for_author(request, slug)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("That change of status is not possible."))
        return redirect("author-module", slug=slug)
    change, done = action
    try:
        change(module=module, by=request.user)
    except modules.AuthoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("author-module", slug=slug)


PREVIEWABLE = ("body", "body_fr", "body_de")


@login_required
@require_POST
def preview(request):
    """The Markdown of one field as the page will show it (htmx); nothing is stored."""
    require_author(request)
    field = request.POST.get("preview", "body")
    if field not in PREVIEWABLE:
        field = "body"
    text = request.POST.get(field, "")
    return render(
        request,
        "authoring/_preview.html",
        {"text": text, "unsafe": unsafe_markup(text), "field": field},
    )
