from django.urls import path

from . import views

app_name = "signin"

urlpatterns = [
    path("organisatie/", views.discovery, name="discovery"),
    path("digid/<slug:slug>/", views.digid, name="digid"),
]
