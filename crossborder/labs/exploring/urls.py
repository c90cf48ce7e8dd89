"""Pages of the lab: exploring (included by crossborder/labs/urls.py)."""

urlpatterns: list = []
