from django.contrib import admin

from .models import Programme, Seminar, Session, Speaker, Venue


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "funder", "grant_reference", "start", "end"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country"]


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["title", "kind", "start", "end", "room", "track"]
    extra = 0


@admin.register(Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "country", "start_date", "status", "capacity"]
    list_filter = ["status", "country"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionInline]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "function", "organisation", "country"]
    search_fields = ["name", "organisation"]
    prepopulated_fields = {"slug": ["name"]}
