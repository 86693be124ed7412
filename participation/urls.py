from django.urls import include, path

from .views import contributions, feedback, moderation

app_name = "participation"

urlpatterns = [
    path(
        "<id:consultation_id>/bijdragen/", contributions.contribute, name="contribute"
    ),
    path("<id:consultation_id>/volgen/", contributions.subscribe, name="subscribe"),
    path(
        "<id:consultation_id>/terugkoppeling-publiceren/",
        moderation.publish_feedback,
        name="publish_feedback",
    ),
    path(
        "bijdrage/<id:contribution_id>/steunen/", contributions.support, name="support"
    ),
    path("bijdrage/<id:contribution_id>/melden/", contributions.report, name="report"),
    path("bijdrage/<id:contribution_id>/verbergen/", moderation.hide, name="hide"),
    path(
        "bijdrage/<id:contribution_id>/terugzetten/", moderation.restore, name="restore"
    ),
    path(
        "bijdrage/<id:contribution_id>/meldingen-afhandelen/",
        moderation.dismiss,
        name="dismiss",
    ),
    path("afmelden/<str:token>/", contributions.unsubscribe, name="unsubscribe"),
    path("terugkoppeling/<id:item_id>/", feedback.sources, name="sources"),
    path("moderatie/", moderation.moderation, name="moderation"),
    path("", include("participation.themes.urls")),
]
