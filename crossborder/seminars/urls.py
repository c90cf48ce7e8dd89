from django.urls import path

from . import day_views, views

urlpatterns = [
    path("seminars/", views.seminar_list, name="seminars"),
    path("seminars/<slug:slug>/", views.seminar_detail, name="seminar"),
    path("seminars/<slug:slug>/calendar.ics", views.seminar_calendar, name="seminar-calendar"),
    path("seminars/<slug:slug>/programme.pdf", views.seminar_pdf, name="seminar-pdf"),
    path("seminars/<slug:slug>/coverage/", views.seminar_coverage, name="seminar-coverage"),
    path("seminars/<slug:slug>/my-sessions/", views.choose_sessions, name="choose-sessions"),
    path("s/<slug:slug>/now/", day_views.seminar_now, name="seminar-now"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker"),
    path("programme/coverage/", views.programme_coverage, name="programme-coverage"),
    path("calendar/", views.my_calendar, name="my-calendar"),
    path("calendar/<str:token>.ics", views.personal_feed, name="personal-feed"),
    path("manage/seminars/", views.manage_seminars, name="manage-seminars"),
    path("manage/seminars/new/", views.manage_seminar, name="manage-seminar-new"),
    path("manage/seminars/<slug:slug>/", views.manage_seminar, name="manage-seminar"),
    path("manage/seminars/<slug:slug>/status/", views.manage_status, name="manage-status"),
    path("manage/seminars/<slug:slug>/duplicate/", views.manage_duplicate, name="manage-duplicate"),
    path(
        "manage/seminars/<slug:slug>/sessions/new/",
        views.manage_session,
        name="manage-session-new",
    ),
    path("manage/sessions/<int:session_id>/", views.manage_session, name="manage-session"),
    path(
        "manage/sessions/<int:session_id>/delete/",
        views.manage_session_delete,
        name="manage-session-delete",
    ),
    path("manage/speakers/", views.manage_speakers, name="manage-speakers"),
    path("manage/speakers/<slug:slug>/", views.manage_speakers, name="manage-speaker"),
]
