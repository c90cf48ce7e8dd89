from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from crossborder import access

from .models import AuditEntry


@login_required
def audit_log(request):
    """The append-only trail, newest first, for administrators."""
    if not access.can_read_audit(request.user):
        raise PermissionDenied
    entries = AuditEntry.objects.all()
    kind = request.GET.get("kind", "")
    if kind in AuditEntry.Kind.values:
        entries = entries.filter(kind=kind)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "kind": kind, "kinds": AuditEntry.Kind.choices},
    )
