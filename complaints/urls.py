from django.urls import path

from .views import figures, files, filing, handling, own_case, questions

app_name = "complaints"

urlpatterns = [
    # The public side: guided questions, filing, the person's own case.
    path("", questions.start, name="start"),
    path("vraag/<slug:step>/", questions.question, name="question"),
    path("uitkomst/", questions.result, name="result"),
    path("indienen/<str:kind>/", filing.file_case, name="file"),
    path("ingediend/<str:reference>/", filing.filed, name="filed"),
    path("bevestigen/<str:token>/", filing.verify, name="verify"),
    path("zaak/<str:reference>/", own_case.case, name="case"),
    path(
        "zaak/<str:reference>/bijlage/<id:attachment_id>/",
        files.attachment,
        name="attachment",
    ),
    path("zaak/<str:reference>/download/", files.case_download, name="case_download"),
    path("volgen/<str:token>/", own_case.guest_case, name="guest_case"),
    path(
        "volgen/<str:token>/download/",
        files.guest_case_download,
        name="guest_case_download",
    ),
    path(
        "volgen/<str:token>/bijlage/<id:attachment_id>/",
        files.guest_attachment,
        name="guest_attachment",
    ),
    # Handlers.
    path("behandelen/", handling.queue, name="queue"),
    path("behandelen/<str:reference>/", handling.handle, name="handle"),
    path(
        "behandelen/<str:reference>/<slug:action>/",
        handling.handle_action,
        name="handle_action",
    ),
    # The public figures.
    path("cijfers/", figures.figures, name="figures"),
]
