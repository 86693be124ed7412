from django.urls import path

from .views import join, moderator, organiser, participant, projector, results

app_name = "live"

urlpatterns = [
    path("", join.join, name="join"),
    path("nieuw/", organiser.new_session, name="new"),
    path("<str:code>/", participant.session, name="session"),
    path("<str:code>/moderator/", moderator.moderator, name="moderator"),
    path("<str:code>/scherm/", projector.projector, name="projector"),
    path("<str:code>/resultaten/", results.results, name="results"),
    path("<str:code>/export.csv", organiser.export_csv, name="export"),
]
