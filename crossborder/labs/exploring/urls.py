"""Pages of the lab: exploring (included by crossborder/labs/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("labs/<int:pk>/data/<str:kind>/", views.table, name="lab-table"),
    path("labs/<int:pk>/graph/", views.graph_page, name="lab-graph"),
    path("labs/<int:pk>/graph/data", views.graph_data, name="lab-graph-data"),
    path("labs/<int:pk>/graph/path", views.graph_path, name="lab-graph-path"),
    path("labs/<int:pk>/graph/entity", views.graph_entity, name="lab-graph-entity"),
    path("labs/<int:pk>/graph/layout", views.graph_layout, name="lab-graph-layout"),
    path("labs/<int:pk>/timeline/", views.timeline_page, name="lab-timeline"),
]
