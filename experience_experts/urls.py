from django.urls import path

from . import views

app_name = "experience_experts"

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile_edit, name="profile"),
    path("profiel/verwijderen/", views.profile_delete, name="profile_delete"),
    path("opdrachten/", views.assignments, name="assignments"),
    path("opdrachten/nieuw/", views.assignment_edit, name="assignment_new"),
    path("opdrachten/beheer/", views.my_assignments, name="my_assignments"),
    path("opdrachten/<id:pk>/", views.assignment, name="assignment"),
    path("opdrachten/<id:pk>/bewerken/", views.assignment_edit, name="assignment_edit"),
    path("opdrachten/<id:pk>/status/", views.assignment_state, name="assignment_state"),
    path("opdrachten/<id:pk>/aanmelden/", views.apply, name="apply"),
    path("opdrachten/<id:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("opdrachten/<id:pk>/kandidaten/", views.candidates, name="candidates"),
    path(
        "opdrachten/<id:pk>/uitnodigen/<id:profile_pk>/",
        views.invite,
        name="invite",
    ),
    path(
        "opdrachten/<id:pk>/aanmeldingen/<id:application_pk>/",
        views.applicant,
        name="applicant",
    ),
    path("opdrachten/<id:pk>/boeken/<id:application_pk>/", views.book, name="book"),
    path("opdrachten/<id:pk>/terugkoppeling/", views.outcome, name="outcome"),
    path("boekingen/<id:pk>/", views.booking, name="booking"),
    path("boekingen/<id:pk>/bevestigen/", views.booking_confirm, name="confirm"),
    path("boekingen/<id:pk>/afwijzen/", views.booking_decline, name="decline"),
    path("boekingen/<id:pk>/annuleren/", views.booking_cancel, name="cancel"),
    path("boekingen/<id:pk>/uren/", views.log_hours, name="log_hours"),
    path("boekingen/<id:pk>/beoordelen/", views.rate, name="rate"),
    path(
        "boekingen/<id:pk>/overzicht/",
        views.booking_statement,
        name="booking_statement",
    ),
    path("boekingen/<id:pk>/factuur/", views.invoice, name="invoice"),
    path("uren/<id:pk>/goedkeuren/", views.approve_hours, name="approve_hours"),
    path("uren/<id:pk>/teruggeven/", views.return_hours, name="return_hours"),
    path("overzicht/<year:year>/", views.year_statement, name="year_statement"),
    path("export/", views.finance_export, name="finance_export"),
    path(
        "inkoopronde/<id:round_pk>/verklaring/",
        views.declaration_sign,
        name="declaration_sign",
    ),
    path("verklaringen/<id:pk>/", views.declaration, name="declaration"),
    path("agenda/", views.calendar, name="calendar"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
