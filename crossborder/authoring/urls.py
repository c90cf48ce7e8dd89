"""Everything under /author/: each part of authoring has its own URL module."""

from django.urls import include, path

urlpatterns = [
    path("", include("crossborder.authoring.module_urls")),
    path("", include("crossborder.authoring.question_urls")),
    path("", include("crossborder.authoring.history_urls")),
]
