from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("download/", views.download, name="download"),
    path("verwijderen/", views.delete_account, name="delete"),
    path("verwijderd/", views.deleted, name="deleted"),
]
