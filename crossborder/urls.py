import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from crossborder import api, views

admin.site.site_header = "Crossborder administration"
admin.site.site_title = "Crossborder"

urlpatterns = [
    # First: the API and the health check are the most requested paths, and Django tries the
    # patterns in order (the apps below are included without a prefix).
    path("api/v1/", api.urls()),
    path("healthz", views.healthz, name="healthz"),
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("manifest.webmanifest", views.manifest, name="web-manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("", include("crossborder.accounts.urls")),
    path("", include("crossborder.audit.urls")),
    path("", include("crossborder.seminars.urls")),
    path("", include("crossborder.enrolment.urls")),
    path("", include("crossborder.learning.urls")),
    path("", include("crossborder.library.urls")),
    path("author/", include("crossborder.authoring.urls")),
    path("", include("crossborder.evaluation.urls")),
    path("", include("crossborder.workshops.urls")),
    path("", include("crossborder.labs.urls")),
    path("", include("crossborder.credentials.urls")),
    path("", include("crossborder.privacy.urls")),
    path("", include("crossborder.referrals.urls")),
    path("", include("crossborder.network.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    # django.conf.urls.static.static() serves only when DEBUG; the demo runs with DEBUG=0.
    urlpatterns.append(
        re_path(
            r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))),
            views.public_media,
        )
    )

if settings.CROSSBORDER_BENCH:
    urlpatterns.append(path("bench/bare", views.bare, name="bench-bare"))

handler403 = "crossborder.views.error_403"
handler404 = "crossborder.views.error_404"
handler500 = "crossborder.views.error_500"
