from django.urls import path

from . import views

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/practices/new/", views.submit_practice, name="library-submit"),
    path("library/practices/mine/", views.my_practices, name="library-mine"),
    path("library/moderation/", views.moderation, name="library-moderation"),
    path("library/<slug:slug>/", views.entry_detail, name="library-entry"),
    path("library/<slug:slug>/edit/", views.edit_practice, name="library-edit"),
    path("library/<slug:slug>/moderate/", views.moderate, name="library-moderate"),
    path("library/<slug:slug>/comments/", views.comment, name="library-comment"),
]
