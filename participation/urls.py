from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("<int:consultation_id>/bijdragen/", views.contribute, name="contribute"),
    path("<int:consultation_id>/volgen/", views.subscribe, name="subscribe"),
    path(
        "<int:consultation_id>/terugkoppeling-publiceren/",
        views.publish_feedback,
        name="publish_feedback",
    ),
    path("bijdrage/<int:contribution_id>/steunen/", views.support, name="support"),
    path("bijdrage/<int:contribution_id>/melden/", views.report, name="report"),
    path("bijdrage/<int:contribution_id>/verbergen/", views.hide, name="hide"),
    path("bijdrage/<int:contribution_id>/terugzetten/", views.restore, name="restore"),
    path(
        "bijdrage/<int:contribution_id>/meldingen-afhandelen/",
        views.dismiss,
        name="dismiss",
    ),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("moderatie/", views.moderation, name="moderation"),
]
