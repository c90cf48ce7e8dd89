from django.urls import include, path

from . import views

urlpatterns = [
    path("labs/<int:pk>/", views.lab, name="lab"),
    path("", include("crossborder.labs.generating.urls")),
    path("", include("crossborder.labs.exploring.urls")),
    path("", include("crossborder.labs.running.urls")),
]
