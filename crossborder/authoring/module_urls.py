"""/author/: the authoring home, the module and lesson editors, and the library editor."""

from django.urls import path

from . import lesson_views, library_views, module_views

urlpatterns = [
    path("", module_views.home, name="author-home"),
    path("preview/", module_views.preview, name="author-preview"),
    path("sources/", lesson_views.source_search, name="author-sources"),
    path("modules/new/", module_views.module_new, name="author-module-new"),
    path("modules/<slug:slug>/", module_views.module_edit, name="author-module"),
    path("modules/<slug:slug>/status/", module_views.module_status, name="author-module-status"),
    path("modules/<slug:slug>/lessons/new/", lesson_views.lesson_edit, name="author-lesson-new"),
    path(
        "modules/<slug:slug>/lessons/<slug:lesson_slug>/",
        lesson_views.lesson_edit,
        name="author-lesson",
    ),
    path(
        "modules/<slug:slug>/lessons/<slug:lesson_slug>/move/",
        lesson_views.lesson_move,
        name="author-lesson-move",
    ),
    path(
        "modules/<slug:slug>/lessons/<slug:lesson_slug>/delete/",
        lesson_views.lesson_delete,
        name="author-lesson-delete",
    ),
    path("library/", library_views.entry_list, name="author-library"),
    path("library/new/", library_views.entry_edit, name="author-entry-new"),
    path("library/<slug:slug>/", library_views.entry_edit, name="author-entry"),
]
