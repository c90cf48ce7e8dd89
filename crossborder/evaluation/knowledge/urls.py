from django.urls import path

from . import views

urlpatterns = [
    path("seminars/<slug:slug>/knowledge-test/", views.knowledge_test, name="knowledge-test"),
    path(
        "seminars/<slug:slug>/knowledge-test/start/",
        views.start_test,
        name="knowledge-test-start",
    ),
    path(
        "manage/seminars/<slug:slug>/knowledge-test/",
        views.manage_knowledge_test,
        name="manage-knowledge-test",
    ),
    path(
        "manage/seminars/<slug:slug>/knowledge-test/build/",
        views.build_test,
        name="manage-knowledge-build",
    ),
    path(
        "manage/seminars/<slug:slug>/knowledge-test/replace/",
        views.replace_item,
        name="manage-knowledge-replace",
    ),
    path(
        "manage/seminars/<slug:slug>/knowledge-test/redraw/",
        views.redraw,
        name="manage-knowledge-redraw",
    ),
    path(
        "manage/seminars/<slug:slug>/knowledge-test/settings/",
        views.test_settings,
        name="manage-knowledge-settings",
    ),
    path(
        "manage/seminars/<slug:slug>/evaluation/",
        views.seminar_evaluation,
        name="seminar-evaluation",
    ),
]
