from django.urls import path, re_path

from . import bank_views, grading_views, views

urlpatterns = [
    path("learn/", views.module_list, name="modules"),
    path("learn/<slug:slug>/", views.module_detail, name="module"),
    path("learn/<slug:slug>/quiz/", views.start_quiz, name="start-quiz"),
    path("learn/<slug:slug>/report/", views.module_report, name="module-report"),
    path("learn/<slug:slug>/import/", bank_views.import_questions, name="import-questions"),
    re_path(
        r"^learn/(?P<slug>[-\w]+)/questions\.(?P<fmt>xml|gift)$",
        bank_views.export_questions,
        name="export-questions",
    ),
    path(
        "learn/<slug:slug>/essays/<int:answer_id>/",
        grading_views.grade_essay,
        name="grade-essay",
    ),
    path("learn/<slug:slug>/<slug:lesson_slug>/", views.lesson_detail, name="lesson"),
    path("grading/", grading_views.grading_queue, name="grading-queue"),
    path("attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/answers/<int:question_id>/", views.save_answer, name="save-answer"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit-attempt"),
]
