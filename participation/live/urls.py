from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("", views.join, name="join"),
    path("nieuw/", views.new_session, name="new"),
    path("<str:code>/", views.session, name="session"),
    path("<str:code>/moderator/", views.moderator, name="moderator"),
    path("<str:code>/scherm/", views.projector, name="projector"),
    path("<str:code>/export.csv", views.export_csv, name="export"),
]
