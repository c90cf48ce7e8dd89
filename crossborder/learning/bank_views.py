"""A module's question bank in and out: Moodle XML or GIFT import (upload, preview, confirm)
and export, in English, French or German."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossborder import access
from crossborder.translated import CONTENT_LANGUAGES
from crossborder.uploads import Accept, upload_preview_confirm

from . import importing, interchange
from .models import Module
from .translations import in_language

QUESTION_IMPORT_KEY = "question-import"


@login_required
def export_questions(request, slug, fmt):
    if not access.can_see_learning_reports(request.user):
        raise PermissionDenied
    module = get_object_or_404(Module, slug=slug)
    language = request.GET.get("language", "en")
    if language not in CONTENT_LANGUAGES:
        return HttpResponseBadRequest(
            _("Questions can be exported in English (en), French (fr) or German (de).")
        )
    questions = [in_language(q, language) for q in module.questions.order_by("category", "pk")]
    if fmt == "xml":
        body, kind = interchange.export_moodle_xml(questions), "application/xml"
    else:
        body, kind = interchange.export_gift(questions), "text/plain"
    return HttpResponse(
        body,
        content_type=f"{kind}; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{slug}-questions-{language}.{fmt}"'
        },
    )


QUESTION_UPLOAD = Accept(
    choose=gettext_lazy("Choose a Moodle XML or GIFT file."),
    max_bytes=interchange.MAX_BYTES,
    too_large=format_lazy(
        gettext_lazy("The file is larger than {limit} MB, the largest accepted."),
        limit=interchange.MAX_MB,
    ),
)


def _question_preview(module):
    def parse(name: str, content: bytes):
        xml = name.lower().endswith(".xml") or content.lstrip()[:1] == b"<"
        items = interchange.parse_moodle_xml(content) if xml else interchange.parse_gift(content)
        importing.mark_present(module, items)
        return items, [i for i in items if not i["errors"] and not i.get("note")]

    return parse


@login_required
def import_questions(request, slug):
    """Moodle XML or GIFT into this module's bank: preview with per-item errors, then confirm."""
    if not access.can_see_learning_reports(request.user):
        raise PermissionDenied
    module = get_object_or_404(Module, slug=slug)
    step = upload_preview_confirm(
        request,
        key=QUESTION_IMPORT_KEY,
        owner=module.pk,
        accept=QUESTION_UPLOAD,
        parse=_question_preview(module),
        store=lambda items: importing.import_questions(module=module, items=items, by=request.user),
        errors=(interchange.InterchangeError,),
    )
    if step.stage == "stale":
        messages.error(request, _("This preview is no longer valid; upload the file again."))
        return redirect("import-questions", slug=slug)
    if step.stage == "done":
        messages.success(request, _("%(n)s questions added to the bank.") % {"n": step.result})
        return redirect("module-report", slug=slug)
    context = {
        "module": module,
        "error": step.error,
        "formats": [("xml", "Moodle XML"), ("gift", "GIFT")],
        "languages": [("en", _("English")), ("fr", _("French")), ("de", _("German"))],
    }
    if step.stage == "preview":
        items = step.preview
        valid = sum(1 for i in items if not i["errors"] and not i.get("note"))
        context.update(items=items, token=step.token, valid=valid)
    return render(request, "learning/import.html", context, status=step.status)
