from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("<id:consultation_id>/bijdragen/", views.contribute, name="contribute"),
    path("<id:consultation_id>/volgen/", views.subscribe, name="subscribe"),
    path(
        "<id:consultation_id>/terugkoppeling-publiceren/",
        views.publish_feedback,
        name="publish_feedback",
    ),
    path("bijdrage/<id:contribution_id>/steunen/", views.support, name="support"),
    path("bijdrage/<id:contribution_id>/melden/", views.report, name="report"),
    path("bijdrage/<id:contribution_id>/verbergen/", views.hide, name="hide"),
    path("bijdrage/<id:contribution_id>/terugzetten/", views.restore, name="restore"),
    path(
        "bijdrage/<id:contribution_id>/meldingen-afhandelen/",
        views.dismiss,
        name="dismiss",
    ),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("moderatie/", views.moderation, name="moderation"),
]
