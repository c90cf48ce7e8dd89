from django.urls import path

from . import history

urlpatterns = [
    path("history/<str:kind>/<int:object_id>/", history.item_history, name="item-history"),
    path(
        "history/<str:kind>/<int:object_id>/<int:history_id>/",
        history.version_diff,
        name="item-version",
    ),
    path(
        "history/<str:kind>/<int:object_id>/<int:history_id>/restore/",
        history.restore,
        name="restore-version",
    ),
    path("questions/<int:object_id>/regrade/", history.regrade_question, name="regrade-question"),
]
