from django.urls import path, re_path

from .views import desk, participant, staff

urlpatterns = [
    path("seminars/<slug:slug>/apply/", participant.apply, name="apply"),
    path("applications/", participant.my_applications, name="my-applications"),
    path("applications/<int:pk>/confirm/", participant.confirm, name="application-confirm"),
    path("applications/<int:pk>/decline/", participant.decline, name="application-decline"),
    path("applications/<int:pk>/withdraw/", participant.withdraw, name="application-withdraw"),
    path("applications/<int:pk>/badge.pdf", participant.badge, name="application-badge"),
    path(
        "applications/<int:pk>/files/<int:file_id>/",
        participant.application_file,
        name="application-file",
    ),
    path("nominations/<str:token>/", participant.nomination, name="nomination"),
    path("manage/seminars/<slug:slug>/call/", staff.manage_call, name="manage-call"),
    path(
        "manage/seminars/<slug:slug>/applications/",
        staff.manage_applications,
        name="manage-applications",
    ),
    path(
        "manage/seminars/<slug:slug>/applications/documents.zip",
        staff.application_documents,
        name="application-documents",
    ),
    path(
        "manage/seminars/<slug:slug>/applications/<int:application_id>/",
        staff.manage_application,
        name="manage-application",
    ),
    path("manage/seminars/<slug:slug>/selection/", staff.manage_selection, name="manage-selection"),
    path(
        "manage/seminars/<slug:slug>/selection/<int:run_id>/",
        staff.selection_run,
        name="selection-run",
    ),
    path(
        "manage/seminars/<slug:slug>/selection/<int:run_id>/override/",
        staff.manage_override,
        name="manage-override",
    ),
    path(
        "manage/seminars/<slug:slug>/selection/<int:run_id>/publish/",
        staff.manage_publish,
        name="manage-publish",
    ),
    path(
        "manage/seminars/<slug:slug>/waiting-list/",
        staff.manage_waiting_list,
        name="manage-waiting-list",
    ),
    re_path(
        r"^manage/seminars/(?P<slug>[-\w]+)/participants\.(?P<fmt>csv|xlsx|html)$",
        desk.export_participants,
        name="export-participants",
    ),
    path("manage/seminars/<slug:slug>/check-in/", desk.check_in_desk, name="check-in"),
    path("manage/seminars/<slug:slug>/import/", desk.manage_import, name="manage-import"),
    path(
        "manage/seminars/<slug:slug>/attendance/<int:session_id>/",
        desk.attendance_sheet,
        name="attendance-sheet",
    ),
]
