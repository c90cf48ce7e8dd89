from django.urls import path

from . import views

urlpatterns = [
    path("labs/<int:pk>/", views.lab, name="lab"),
]
