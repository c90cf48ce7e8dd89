"""Pages of the lab: running (included by crossborder/labs/urls.py)."""

urlpatterns: list = []
