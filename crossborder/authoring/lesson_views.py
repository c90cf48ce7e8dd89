"""The lesson editor: Markdown with a live preview, images, sources from the library, order.

One form does everything, so it works without JavaScript: besides "Save", its buttons preview
the text, upload an image (added to the text as Markdown) and search the library for sources,
each re-showing the form with what was typed and storing nothing but the image file. With
htmx, the preview and the library search update in place as the author types.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.learning.models import Lesson
from crossborder.library import search
from crossborder.library.models import Entry

from . import modules
from .images import MAX_BYTES, ImageRejected, store_image
from .lesson_forms import ImageForm, LessonForm
from .module_views import module_for_author, require_author

SEARCH_RESULTS = 8


def _found_entries(user, q: str, exclude=()) -> list[Entry]:
    """Library entries matching `q` that this author may read (for citing as sources)."""
    if not q.strip():
        return []
    results = search.search(q=q, levels=access.library_levels(user), per_page=SEARCH_RESULTS)
    return [hit.entry for hit in results.hits if hit.entry.slug not in exclude]


def _chosen_entries(slugs) -> list[Entry]:
    by_slug = (
        Entry.objects.filter(slug__in=slugs)
        .only("pk", "slug", "kind", "title")
        .in_bulk(field_name="slug")
    )
    return [by_slug[s] for s in slugs if s in by_slug]


def _add_image(request, data, module, image_form) -> bool:
    """Store the uploaded image and add it to the chosen text as Markdown."""
    if not image_form.is_valid():
        return False
    try:
        name, url = store_image(image_form.cleaned_data["image"], folder=f"lessons/{module.slug}")
    except ImageRejected as error:
        image_form.add_error("image", str(error))
        return False
    modules.record_image_upload(module=module, name=name, by=request.user)
    alt = " ".join(image_form.cleaned_data["alt"].replace("[", "").replace("]", "").split())
    target = image_form.cleaned_data["target"]
    data[target] = (data.get(target, "").rstrip() + f"\n\n![{alt}]({url})\n").lstrip()
    return True


@login_required
def lesson_edit(request, slug, lesson_slug=None):
    module = module_for_author(request, slug)
    lesson = get_object_or_404(Lesson, module=module, slug=lesson_slug) if lesson_slug else None
    action = request.POST.get("action", "save") if request.method == "POST" else None
    data = request.POST.copy() if action else None
    uploading = action == "image"
    image_form = ImageForm(
        data if uploading else None, request.FILES if uploading else None, prefix="image"
    )
    if uploading and _add_image(request, data, module, image_form):
        messages.success(
            request, _("The image is added at the end of the text. Save the lesson to keep it.")
        )
        image_form = ImageForm(prefix="image")
    form = LessonForm(data, instance=lesson or Lesson(module=module))
    if action == "save" and form.is_valid():
        lesson = modules.save_lesson(form=form, module=module, by=request.user)
        messages.success(request, _("Lesson saved."))
        return redirect("author-lesson", slug=module.slug, lesson_slug=lesson.slug)
    chosen_slugs = data.getlist("source_entries") if data else form.initial["source_entries"]
    query = (data or {}).get("source_q", "")
    bad = (action == "save" and form.errors) or (uploading and image_form.errors)
    return render(
        request,
        "authoring/modules/lesson.html",
        {
            "module": module,
            "lesson": lesson,
            "form": form,
            "image_form": image_form,
            "max_image_bytes": MAX_BYTES,
            "chosen": _chosen_entries(chosen_slugs),
            "found": _found_entries(request.user, query, chosen_slugs) if action == "find" else [],
            "searched": action == "find",
            "preview_text": (data or {}).get("body", "") if action == "preview" else None,
        },
        status=400 if bad else 200,
    )


@login_required
def source_search(request):
    """Library entries to cite: checkboxes for the lesson form (htmx, as the author types), or,
    opened as a page, a search form and links to the entries."""
    require_author(request)
    query = request.GET.get("source_q", "")
    found = _found_entries(request.user, query, request.GET.getlist("source_entries"))
    if request.headers.get("HX-Request"):
        template, searched = "authoring/modules/_source_results.html", True
    else:
        template, searched = "authoring/modules/sources.html", bool(query.strip())
    return render(request, template, {"found": found, "searched": searched, "query": query})


@login_required
@require_POST
def lesson_move(request, slug, lesson_slug):
    module = module_for_author(request, slug)
    lesson = get_object_or_404(Lesson, module=module, slug=lesson_slug)
    up = request.POST.get("direction") == "up"
    if modules.move_lesson(lesson=lesson, up=up, by=request.user):
        messages.success(request, _("“%(title)s” moved.") % {"title": lesson.title})
    else:
        messages.info(request, _("“%(title)s” is already at that end.") % {"title": lesson.title})
    return redirect(reverse("author-module", args=[module.slug]) + "#lessons-heading")


@login_required
def lesson_delete(request, slug, lesson_slug):
    """GET asks to confirm; POST deletes (the lesson stays in its history)."""
    module = module_for_author(request, slug)
    lesson = get_object_or_404(Lesson, module=module, slug=lesson_slug)
    if request.method == "POST":
        modules.delete_lesson(lesson=lesson, by=request.user)
        messages.success(request, _("Lesson deleted."))
        return redirect("author-module", slug=module.slug)
    return render(
        request, "authoring/modules/lesson_delete.html", {"module": module, "lesson": lesson}
    )
