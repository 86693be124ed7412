from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    # The public side: guided questions, filing, the person's own case.
    path("", views.start, name="start"),
    path("vraag/<slug:step>/", views.question, name="question"),
    path("uitkomst/", views.result, name="result"),
    path("indienen/<str:kind>/", views.file_case, name="file"),
    path("ingediend/<str:reference>/", views.filed, name="filed"),
    path("bevestigen/<str:token>/", views.verify, name="verify"),
    path("zaak/<str:reference>/", views.case, name="case"),
    path(
        "zaak/<str:reference>/bijlage/<id:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("zaak/<str:reference>/download/", views.case_download, name="case_download"),
    path("volgen/<str:token>/", views.guest_case, name="guest_case"),
    path(
        "volgen/<str:token>/download/",
        views.guest_case_download,
        name="guest_case_download",
    ),
    path(
        "volgen/<str:token>/bijlage/<id:attachment_id>/",
        views.guest_attachment,
        name="guest_attachment",
    ),
]

# Handlers (complaints.handling) and the public figures (complaints.figures).
from . import figures, handling  # noqa: E402

urlpatterns += [
    path("behandelen/", handling.queue, name="queue"),
    path("behandelen/<str:reference>/", handling.handle, name="handle"),
    path(
        "behandelen/<str:reference>/<slug:action>/",
        handling.handle_action,
        name="handle_action",
    ),
    path("cijfers/", figures.figures, name="figures"),
]
