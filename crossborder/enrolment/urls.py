from django.urls import path, re_path

from . import views

urlpatterns = [
    path("seminars/<slug:slug>/apply/", views.apply, name="apply"),
    path("applications/", views.my_applications, name="my-applications"),
    path("applications/<int:pk>/confirm/", views.confirm, name="application-confirm"),
    path("applications/<int:pk>/decline/", views.decline, name="application-decline"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="application-withdraw"),
    path("applications/<int:pk>/badge.pdf", views.badge, name="application-badge"),
    path("nominations/<str:token>/", views.nomination, name="nomination"),
    path("manage/seminars/<slug:slug>/call/", views.manage_call, name="manage-call"),
    path(
        "manage/seminars/<slug:slug>/applications/",
        views.manage_applications,
        name="manage-applications",
    ),
    path("manage/seminars/<slug:slug>/selection/", views.manage_selection, name="manage-selection"),
    path(
        "manage/seminars/<slug:slug>/selection/<int:run_id>/override/",
        views.manage_override,
        name="manage-override",
    ),
    path(
        "manage/seminars/<slug:slug>/selection/<int:run_id>/publish/",
        views.manage_publish,
        name="manage-publish",
    ),
    path(
        "manage/seminars/<slug:slug>/waiting-list/",
        views.manage_waiting_list,
        name="manage-waiting-list",
    ),
    re_path(
        r"^manage/seminars/(?P<slug>[-\w]+)/participants\.(?P<fmt>csv|xlsx|html)$",
        views.export_participants,
        name="export-participants",
    ),
    path("manage/seminars/<slug:slug>/check-in/", views.check_in_desk, name="check-in"),
    path("manage/seminars/<slug:slug>/import/", views.manage_import, name="manage-import"),
    path(
        "manage/seminars/<slug:slug>/attendance/<int:session_id>/",
        views.attendance_sheet,
        name="attendance-sheet",
    ),
]
