"""History pages of modules, lessons, questions and library entries: the versions (who, when,
what kind of change), a diff of one version against its predecessor, restoring a version; and
regrading past attempts after a question's key was corrected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from crossborder import access
from crossborder.audit.models import record_list_view
from crossborder.learning import regrading
from crossborder.learning.models import Question

from . import versioning

PER_PAGE = 50


def _item_for(request, kind, object_id):
    """The item whose history this person may see and restore (as they may edit it), or 404."""
    model = versioning.KINDS.get(kind)
    if model is None:
        raise Http404
    queryset = model.objects.all()
    if kind in ("lesson", "question"):
        queryset = queryset.select_related("module")
    obj = get_object_or_404(queryset, pk=object_id)
    if not access.can_edit_item(request.user, obj):
        raise Http404  # drafts and others' modules stay invisible
    return obj


def _version_of(obj, history_id):
    return get_object_or_404(obj.history.select_related("history_user"), history_id=history_id)


def history_url(obj) -> str:
    return reverse("item-history", args=[versioning.kind_of(obj), obj.pk])


@login_required
def item_history(request, kind, object_id):
    obj = _item_for(request, kind, object_id)
    versions = (
        obj.history.select_related("history_user")
        .annotate(number=Window(RowNumber(), order_by=F("history_id").asc()))
        .order_by("-history_id")
    )
    page = Paginator(versions, PER_PAGE).get_page(request.GET.get("page"))
    latest = versions.values_list("history_id", flat=True).first()
    return render(
        request,
        "authoring/history.html",
        {
            "obj": obj,
            "kind": kind,
            "page": page,
            "latest": latest,
            "may_regrade": kind == "question" and access.can_regrade(request.user),
        },
    )


@login_required
def version_diff(request, kind, object_id, history_id):
    obj = _item_for(request, kind, object_id)
    version = _version_of(obj, history_id)
    previous = versioning.previous_of(version)
    latest = obj.history.order_by("-history_id").values_list("history_id", flat=True).first()
    number = versioning.number_of(obj, version.history_id)
    return render(
        request,
        "authoring/version.html",
        {
            "obj": obj,
            "kind": kind,
            "version": version,
            "number": number,
            "previous": previous,
            "changes": versioning.field_changes(version, previous),
            "is_latest": version.history_id == latest,
        },
    )


@login_required
@require_POST
def restore(request, kind, object_id, history_id):
    obj = _item_for(request, kind, object_id)
    version = _version_of(obj, history_id)
    try:
        versioning.restore_version(obj=obj, version=version, by=request.user)
    except versioning.RestoreError as error:
        messages.error(request, str(error))
        return redirect("item-version", kind, obj.pk, version.history_id)
    messages.success(
        request,
        _("Version %(n)s restored: it is now the current version.")
        % {"n": versioning.number_of(obj, version.history_id)},
    )
    return redirect("item-history", kind, obj.pk)


@login_required
def regrade_question(request, object_id):
    """After a key correction: preview whose scores change, then apply (POST)."""
    if not access.can_regrade(request.user):
        raise PermissionDenied
    question = get_object_or_404(Question.objects.select_related("module"), pk=object_id)
    error = None
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            if version is None:
                raise regrading.RegradeError(_("version: the previewed version is missing."))
            changes = regrading.regrade(question=question, version=version, by=request.user)
        except regrading.RegradeError as error:
            messages.error(request, str(error))
            return redirect("regrade-question", question.pk)
        messages.success(
            request,
            ngettext(
                "%(n)s attempt regraded with version %(v)s.",
                "%(n)s attempts regraded with version %(v)s.",
                len(changes),
            )
            % {"n": len(changes), "v": versioning.number_of(question, version)},
        )
        return redirect("regrade-question", question.pk)
    try:
        version, changes = regrading.preview_regrade(question=question)
    except regrading.RegradeError as exc:
        version, changes, error = None, [], str(exc)
    shown = [c for c in changes if c.changes_score or c.changes_result]
    record_list_view(actor=request.user, objects=[c.attempt for c in shown], what="regrade_preview")
    return render(
        request,
        "authoring/regrade.html",
        {
            "question": question,
            "version": version,
            "number": versioning.number_of(question, version) if version else None,
            "changes": shown,
            "moved": len(changes),
            "error": error,
        },
    )
