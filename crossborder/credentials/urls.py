from django.urls import include, path

urlpatterns = [
    path("", include("crossborder.credentials.signing.urls")),
]
