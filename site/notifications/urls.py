from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("accounts/meldingen/", views.preferences, name="preferences"),
    path(
        "meldingen/<str:token>/",
        views.preferences_by_link,
        name="preferences_by_link",
    ),
    path(
        "meldingen/<str:token>/uitschrijven/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]
