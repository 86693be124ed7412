from django.urls import path

from . import report_views, views

app_name = "themes"

urlpatterns = [
    path("<id:consultation_id>/themas/", views.workspace, name="workspace"),
    path("<id:consultation_id>/themas/starten/", views.start, name="start"),
    path("<id:consultation_id>/themas/voortgang/", views.progress, name="progress"),
    path("thema/<id:theme_id>/", views.change, name="change"),
    path("thema/<id:theme_id>/wij-deden/", views.write, name="write"),
    path("invoer/<id:input_id>/verplaatsen/", views.move, name="move"),
    path("<id:consultation_id>/verslag/", report_views.report, name="report"),
    path(
        "<id:consultation_id>/verslag.pdf", report_views.report_pdf, name="report_pdf"
    ),
    path(
        "<id:consultation_id>/bijdragen.csv",
        report_views.contributions_csv,
        name="contributions_csv",
    ),
]
