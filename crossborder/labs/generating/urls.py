"""Pages of the lab: generating (included by crossborder/labs/urls.py)."""

urlpatterns: list = []
