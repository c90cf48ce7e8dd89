from django.contrib import admin

from crossborder.audit.admin import AuditedViewsAdmin

from .models import AbuseReport, NetworkConsent, NetworkListing


@admin.register(NetworkListing)
class NetworkListingAdmin(AuditedViewsAdmin, admin.ModelAdmin):
    list_display = ["public_id", "user", "listed", "audience", "updated_at"]
    list_filter = ["listed", "audience"]
    raw_id_fields = ["user"]


@admin.register(NetworkConsent)
class NetworkConsentAdmin(AuditedViewsAdmin, admin.ModelAdmin):
    list_display = ["user", "action", "wording_version", "created_at"]
    raw_id_fields = ["user"]


@admin.register(AbuseReport)
class AbuseReportAdmin(AuditedViewsAdmin, admin.ModelAdmin):
    list_display = ["pk", "status", "created_at", "closed_at"]
    list_filter = ["status"]
    raw_id_fields = ["contact_request", "reporter", "reported", "closed_by"]
