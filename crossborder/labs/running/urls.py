"""Pages of the lab: running (included by crossborder/labs/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("labs/", views.labs, name="labs"),
    path("labs/<int:pk>/flags/new/", views.lab_flag, name="lab-flag"),
    path("labs/<int:pk>/flags/<int:flag_id>/delete/", views.lab_unflag, name="lab-unflag"),
    path("labs/<int:pk>/submit/", views.lab_submit, name="lab-submit"),
    path("labs/<int:pk>/open/", views.lab_open, name="lab-open"),
    path("labs/<int:pk>/close/", views.lab_close, name="lab-close"),
    path("labs/<int:pk>/reveal/", views.lab_reveal, name="lab-reveal"),
    path("labs/<int:pk>/trainer/", views.lab_trainer, name="lab-trainer"),
]
