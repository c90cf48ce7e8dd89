from django.contrib import admin

from .models import Comment, Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "access", "status", "reviewed"]
    list_filter = ["kind", "access", "status"]
    search_fields = ["title", "slug", "summary"]
    filter_horizontal = ["tags", "related"]
    raw_id_fields = ["author", "modules", "questions", "sessions"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["entry", "author", "created"]
    raw_id_fields = ["entry", "author"]
