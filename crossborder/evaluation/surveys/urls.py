from django.urls import path

from . import answer_views, builder_views, result_views

urlpatterns = [
    path("surveys/", answer_views.my_surveys, name="my-surveys"),
    path("surveys/thanks/", answer_views.thanks, name="survey-thanks"),
    path("surveys/my-ratings/", answer_views.my_ratings, name="my-ratings"),
    path("surveys/<int:survey_id>/", answer_views.answer, name="survey-answer"),
    path("surveys/link/<str:token>/", answer_views.answer_by_link, name="survey-link"),
    path("manage/surveys/", builder_views.manage_surveys, name="manage-surveys"),
    path(
        "manage/seminars/<slug:slug>/surveys/",
        builder_views.seminar_surveys,
        name="manage-seminar-surveys",
    ),
    path("manage/surveys/<int:survey_id>/", builder_views.manage_survey, name="manage-survey"),
    path(
        "manage/surveys/<int:survey_id>/preview/",
        builder_views.preview,
        name="manage-survey-preview",
    ),
    path(
        "manage/surveys/<int:survey_id>/results/",
        result_views.results,
        name="survey-results",
    ),
    path(
        "manage/surveys/<int:survey_id>/questions/new/",
        builder_views.manage_question,
        name="manage-survey-question-new",
    ),
    path(
        "manage/surveys/<int:survey_id>/questions/<int:survey_question_id>/",
        builder_views.manage_question,
        name="manage-survey-question",
    ),
    path(
        "manage/surveys/<int:survey_id>/questions/<int:survey_question_id>/delete/",
        builder_views.delete_question,
        name="manage-survey-question-delete",
    ),
    path(
        "manage/surveys/<int:survey_id>/questions/<int:survey_question_id>/move/",
        builder_views.move_question,
        name="manage-survey-question-move",
    ),
]
