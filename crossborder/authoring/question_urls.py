from django.urls import path

from . import question_views

urlpatterns = [
    path("modules/<slug:slug>/questions/", question_views.bank, name="author-question-bank"),
    path(
        "modules/<slug:slug>/questions/bulk/",
        question_views.bank_action,
        name="author-question-bulk",
    ),
    path(
        "modules/<slug:slug>/questions/new/",
        question_views.question_new,
        name="author-question-new",
    ),
    path(
        "modules/<slug:slug>/questions/preview/",
        question_views.question_preview,
        name="author-question-preview",
    ),
    path(
        "modules/<slug:slug>/questions/<int:pk>/",
        question_views.question_edit,
        name="author-question-edit",
    ),
]
