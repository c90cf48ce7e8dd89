from django.contrib import admin

from .models import ReferralEdit, ReferralEditor, ReferralProfile


class EditorInline(admin.TabularInline):
    model = ReferralEditor
    fk_name = "profile"
    raw_id_fields = ["user", "added_by"]
    extra = 0


@admin.register(ReferralProfile)
class ReferralProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "status", "has_pending_changes", "last_reviewed"]
    list_filter = ["status", "has_pending_changes", "country"]
    search_fields = ["name", "email", "phone"]
    readonly_fields = ["uid", "decided_by", "decided_at", "pending_changes"]
    inlines = [EditorInline]


@admin.register(ReferralEdit)
class ReferralEditAdmin(admin.ModelAdmin):
    list_display = ["profile", "editor", "at"]
    raw_id_fields = ["profile", "editor"]
