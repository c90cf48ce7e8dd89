from django.urls import path

from . import views

urlpatterns = [
    path("reports/indicators/", views.indicators, name="indicators"),
    path("reports/funder/", views.funder_reports, name="funder-reports"),
    path("reports/funder/<int:pk>/", views.funder_report, name="funder-report"),
    path(
        "reports/funder/<int:pk>/regenerate",
        views.regenerate_funder_report,
        name="funder-report-regenerate",
    ),
    path(
        "reports/funder/<int:pk>/report.<str:kind>",
        views.funder_report_file,
        name="funder-report-file",
    ),
]
