from django.urls import path

from . import views

urlpatterns = [
    path("account/my-data/", views.my_data, name="my-data"),
    path("account/delete/", views.delete_account, name="delete-account"),
]
