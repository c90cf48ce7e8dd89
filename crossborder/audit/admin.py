from django.contrib import admin

from .models import AuditEntry, record_list_view, record_view


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only, even for administrators."""

    list_display = ["created_at", "actor_email", "kind", "action", "object_type", "object_repr"]
    list_filter = ["kind", "action", "object_type"]
    search_fields = ["actor_email", "object_repr", "action"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedViewsAdmin:
    """For a ModelAdmin of people's data: each list page and each change page an administrator
    opens in the Django admin is recorded as a view, like the site's own pages (one's own
    account excepted). Put it first among the bases: `class XAdmin(AuditedViewsAdmin, ...)`."""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            record_list_view(
                actor=request.user,
                objects=changelist.result_list,
                what=f"admin.{self.model._meta.model_name}",
                details={"query": request.GET.urlencode()[:300]},
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        shown = (getattr(response, "context_data", None) or {}).get("original")
        if shown is None or request.method != "GET":
            return response
        own = shown._meta.label_lower == "accounts.user" and shown.pk == request.user.pk
        if not own:
            record_view(actor=request.user, obj=shown, what=f"admin.{self.model._meta.model_name}")
        return response
