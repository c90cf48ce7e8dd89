"""Pages of the lab: generating (included by crossborder/labs/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("labs/new/", views.lab_new, name="lab-new"),
    path("labs/<int:pk>/generation/", views.lab_status, name="lab-status"),
    path("labs/<int:pk>/generation/regenerate/", views.lab_regenerate, name="lab-regenerate"),
    path("labs/<int:pk>/download.<str:fmt>", views.lab_download, name="lab-download"),
]
