"""URLs of the workshop groups (included from crossborder/workshops/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("manage/seminars/<slug:slug>/groups/", views.manage_groups, name="manage-groups"),
    path("manage/seminars/<slug:slug>/groups/allocate/", views.allocate, name="allocate-groups"),
    path(
        "manage/seminars/<slug:slug>/groups/runs/<int:allocation_id>/",
        views.allocation_run,
        name="allocation-run",
    ),
    path("manage/seminars/<slug:slug>/groups/move/", views.move, name="move-member"),
    path("manage/seminars/<slug:slug>/groups/rules/", views.add_rule, name="add-pairing-rule"),
    path(
        "manage/seminars/<slug:slug>/groups/rules/<int:rule_id>/remove/",
        views.remove_rule,
        name="remove-pairing-rule",
    ),
    path(
        "manage/seminars/<slug:slug>/groups/<int:workshop_id>/publish/",
        views.publish,
        name="publish-groups",
    ),
    path("manage/seminars/<slug:slug>/groups/print/", views.print_groups, name="print-groups"),
    path("manage/seminars/<slug:slug>/groups/groups.pdf", views.groups_pdf, name="groups-pdf"),
    path("workshops/my-groups/", views.my_trainer_groups, name="trainer-groups"),
]
