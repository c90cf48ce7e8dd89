from django.urls import path

from .views import cohorts, directory, mine, moderation

urlpatterns = [
    path("network/", directory.directory, name="network"),
    path("network/me/", mine.my_listing, name="network-profile"),
    path("network/contacts/", mine.contacts, name="network-contacts"),
    path("network/contacts/<int:request_id>/answer/", mine.answer, name="network-answer"),
    path("network/contacts/<int:request_id>/block/", mine.block, name="network-block"),
    path("network/contacts/<int:request_id>/report/", mine.report, name="network-report"),
    path("network/blocks/<int:block_id>/remove/", mine.remove_block, name="network-unblock"),
    path("network/people/<str:public_id>/", directory.person, name="network-person"),
    path("network/people/<str:public_id>/contact/", directory.contact, name="network-contact"),
    path("network/cohorts/", cohorts.cohorts, name="network-cohorts"),
    path("network/cohorts/<slug:slug>/", cohorts.cohort, name="network-cohort"),
    path(
        "network/cohorts/<slug:slug>/messages/<int:post_id>/delete/",
        cohorts.delete_post,
        name="network-post-delete",
    ),
    path(
        "network/cohorts/<slug:slug>/messages/<int:post_id>/hide/",
        cohorts.hide_post,
        name="network-post-hide",
    ),
    path(
        "network/cohorts/<slug:slug>/messages/<int:post_id>/report/",
        cohorts.report_post,
        name="network-post-report",
    ),
    path("network/export.csv", directory.export, name="network-export"),
    path("manage/network/reports/", moderation.reports, name="network-reports"),
    path(
        "manage/network/reports/<int:report_id>/close/",
        moderation.close_report,
        name="network-report-close",
    ),
]
