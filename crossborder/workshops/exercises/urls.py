from django.urls import path

from . import views

urlpatterns = [
    path("exercises/", views.exercise_list, name="exercises"),
    path("exercises/<slug:exercise_slug>/", views.exercise_detail, name="exercise"),
    path("exercises/<slug:exercise_slug>/prepare/", views.prepare, name="exercise-prepare"),
    path("exercise-runs/<int:exercise_run_id>/", views.run_page, name="exercise-run"),
    path(
        "exercise-runs/<int:exercise_run_id>/conduct/",
        views.conduct,
        name="exercise-run-conduct",
    ),
    path("exercise-runs/<int:exercise_run_id>/open/", views.open_run, name="exercise-run-open"),
    path("exercise-runs/<int:exercise_run_id>/close/", views.close_run, name="exercise-run-close"),
    path(
        "exercise-runs/<int:exercise_run_id>/injects/<int:inject_id>/release/",
        views.release,
        name="exercise-inject-release",
    ),
]
