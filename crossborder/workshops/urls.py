"""Pages of the workshops: groups (allocation, moves, lists) and exercises (drafts, injects,
debrief)."""

from django.urls import include, path

urlpatterns: list = [
    path("", include("crossborder.workshops.allocation.urls")),
    path("", include("crossborder.workshops.exercises.urls")),
]
