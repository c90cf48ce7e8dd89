"""The evaluation pages; each part (knowledge tests, surveys, reports) has its own patterns."""

from django.urls import include, path

urlpatterns = [
    path("", include("crossborder.evaluation.knowledge.urls")),
    path("", include("crossborder.evaluation.surveys.urls")),
    path("", include("crossborder.evaluation.reports.urls")),
]
